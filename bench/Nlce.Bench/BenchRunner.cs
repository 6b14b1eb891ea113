using System.Diagnostics;
using Nlce.Evaluation.Reproduction;
using static TorchSharp.torch;

namespace Nlce.Bench;

/// <summary>
/// Runs the benchmark figures of issue #8 on one device and returns the report: (a)–(c) on an <see cref="NlcenWorkload"/> through
/// <see cref="RepeatedTiming"/> (warm-up, then the median of the timed repetitions), and (d) <c>nlce reproduce fig4</c> timed once
/// (paper profile, or smoke under the smoke settings) into a working folder. Levers are applied for the whole run and restored.
/// </summary>
public sealed class BenchRunner
{
    private readonly BenchSettings settings;
    private readonly Device device;

    /// <param name="settings">What to measure.</param>
    /// <param name="device">Where to measure it; CUDA must have been initialised first (see <see cref="Runtime.TorchRuntime"/>).</param>
    public BenchRunner(BenchSettings settings, Device device)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(device);
        this.settings = settings.Validate();
        this.device = device;
    }

    /// <summary>Measures <paramref name="figures"/> in the given order.</summary>
    /// <param name="figures">Which figures; (d) needs <paramref name="reproductionFolder"/>.</param>
    /// <param name="reproductionFolder">Working folder of figure (d): each run writes a new sub-folder (prepared data, checkpoints,
    /// store) so that nothing is reused; null when (d) is not asked for.</param>
    /// <param name="progress">Receives a report when each figure starts and ends.</param>
    /// <param name="cancellation">Checked between repetitions.</param>
    /// <exception cref="ArgumentException">No figure, or (d) without a folder.</exception>
    public BenchReport Run(IReadOnlyList<BenchFigure> figures, string? reproductionFolder = null, IProgress<BenchProgress>? progress = null,
        CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(figures);
        if (figures.Count == 0)
            throw new ArgumentException("no figure to measure.", nameof(figures));
        if (figures.Contains(BenchFigure.ReproduceFig4) && string.IsNullOrWhiteSpace(reproductionFolder))
            throw new ArgumentException("figure (d) needs a working folder for the reproduction.", nameof(reproductionFolder));
        var started = DateTimeOffset.UtcNow;
        var environment = BenchEnvironment.Current(device);
        using var levers = new PrecisionLevers(settings.Tf32);
        using var workload = new NlcenWorkload(settings, device);
        var timing = new RepeatedTiming(device, settings.Warmup, settings.Repetitions);
        var results = new List<FigureResult>();
        foreach (var figure in figures)
        {
            progress?.Report(new BenchProgress(figure, null));
            var result = figure == BenchFigure.ReproduceFig4
                ? Reproduce(reproductionFolder!, cancellation)
                : Measure(workload, timing, figure, cancellation);
            results.Add(result);
            progress?.Report(new BenchProgress(figure, result.Timing.MedianMs));
        }
        return new BenchReport(BenchReport.SchemaVersion, "torchsharp", started, environment, settings, workload.Parameters, results);
    }

    private FigureResult Measure(NlcenWorkload workload, RepeatedTiming timing, BenchFigure figure, CancellationToken cancellation)
    {
        Action work = figure switch
        {
            BenchFigure.TrainStep => () => workload.TrainStep(),
            BenchFigure.AttackIteration => () => workload.AttackIteration(),
            BenchFigure.Forward => () => workload.Forward(),
            _ => throw new ArgumentOutOfRangeException(nameof(figure), figure, null),
        };
        TimingSummary summary;
        using (workload.PrecisionFor(figure))
            summary = timing.Measure(work, cancellation);
        int items = workload.ItemsOf(figure);
        return new FigureResult(figure.Id(), Describe(figure), items, summary, items / (summary.MedianMs / 1000), ProcessMemory.PeakResidentBytes(), null);
    }

    private FigureResult Reproduce(string folder, CancellationToken cancellation)
    {
        var profile = settings.Profile == BenchSettings.Smoke.Profile ? ReproductionProfile.Smoke : ReproductionProfile.Paper;
        // A fresh folder per run (nothing is deleted): no checkpoint, store or prepared data is reused, so every stage is timed.
        string run = Path.Combine(folder, $"run-{DateTime.UtcNow:yyyyMMddTHHmmss}-{Guid.NewGuid():N}"[..32]);
        var clock = Stopwatch.StartNew();
        var result = new FigureReproduction(RobustnessFigure.Fig4, profile, null, device, settings.Seed)
            .Run(Path.Combine(run, "output"), Path.Combine(run, "prepared"), cancellation: cancellation);
        double milliseconds = clock.Elapsed.TotalMilliseconds;
        int images = result.Curves.Where(c => c.Epsilon == 0).Select(c => c.Images).DefaultIfEmpty(0).Max();
        return new FigureResult(BenchFigure.ReproduceFig4.Id(),
            $"nlce reproduce fig4 --profile {profile.Name} (prepare, train six models, sweep {profile.Epsilons.Count} ε, report), run once",
            images, TimingSummary.Of([milliseconds]), images / (milliseconds / 1000), ProcessMemory.PeakResidentBytes(), null);
    }

    private string Describe(BenchFigure figure) => figure switch
    {
        BenchFigure.TrainStep => $"{settings.Model} train step (forward with level outputs, deep-supervision loss, backward, Adam), batch {settings.TrainBatch}, {settings.Size}²",
        BenchFigure.AttackIteration => $"one targeted I-FGSM iteration (ε = 8, α = 1), batch {settings.AttackBatch}, {settings.Size}²",
        BenchFigure.Forward => $"forward only, eval mode, no gradients, batch {settings.ForwardBatch}, {settings.Size}²",
        _ => throw new ArgumentOutOfRangeException(nameof(figure), figure, null),
    };
}
