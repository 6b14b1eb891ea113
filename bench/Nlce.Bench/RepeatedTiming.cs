using System.Diagnostics;
using static TorchSharp.torch;

namespace Nlce.Bench;

/// <summary>
/// Times one repeatable piece of work the way issue #8 asks: <c>warmup</c> untimed runs, then <c>repetitions</c> timed ones, each in
/// its own dispose scope and, on CUDA, closed by a device synchronisation so that queued kernels are counted where they ran.
/// </summary>
public sealed class RepeatedTiming
{
    private readonly Device device;
    private readonly int warmup;
    private readonly int repetitions;

    /// <param name="device">The device the work runs on (synchronised after every run when it is CUDA).</param>
    /// <param name="warmup">Untimed runs first (≥ 0).</param>
    /// <param name="repetitions">Timed runs (≥ 1).</param>
    public RepeatedTiming(Device device, int warmup, int repetitions)
    {
        ArgumentNullException.ThrowIfNull(device);
        ArgumentOutOfRangeException.ThrowIfNegative(warmup);
        ArgumentOutOfRangeException.ThrowIfLessThan(repetitions, 1);
        this.device = device;
        this.warmup = warmup;
        this.repetitions = repetitions;
    }

    /// <summary>Runs <paramref name="work"/> warm-up plus timed times and summarises the timed runs.</summary>
    /// <param name="work">One repetition; tensors it creates are freed by the surrounding dispose scope.</param>
    /// <param name="cancellation">Checked between repetitions.</param>
    public TimingSummary Measure(Action work, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        for (int i = 0; i < warmup; i++)
            RunOnce(work, cancellation);
        var samples = new double[repetitions];
        for (int i = 0; i < repetitions; i++)
            samples[i] = RunOnce(work, cancellation);
        return TimingSummary.Of(samples);
    }

    private double RunOnce(Action work, CancellationToken cancellation)
    {
        cancellation.ThrowIfCancellationRequested();
        using var scope = NewDisposeScope();
        Synchronize();
        var clock = Stopwatch.StartNew();
        work();
        Synchronize();
        return clock.Elapsed.TotalMilliseconds;
    }

    private void Synchronize()
    {
        if (device.type == TorchSharp.DeviceType.CUDA)
            cuda.synchronize(device);
    }
}
