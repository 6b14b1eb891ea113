using Nlce.Models;
using static TorchSharp.torch;

namespace Nlce.Tests.Evaluation.Sweep;

/// <summary>
/// Wraps a model to watch and disturb how a sweep calls it: counts forward passes and the images they carry, separately for the
/// scoring passes (run without autograd) and the attack passes (input requires grad); simulates a GPU running out of memory by
/// throwing, as TorchSharp does for CUDA, an exception whose message contains "out of memory" when a batch is larger than
/// <see cref="MaxBatch"/>; and can run an action before a given forward pass (e.g. cancel the sweep mid-attack).
/// </summary>
internal sealed class InstrumentedModel : SegmentationModel
{
    private readonly SegmentationModel inner;

    public InstrumentedModel(SegmentationModel inner) : base(inner.Config)
    {
        this.inner = inner;
        RegisterComponents();
    }

    /// <summary>Batches larger than this throw an out-of-memory error; null for no limit.</summary>
    public int? MaxBatch { get; set; }

    /// <summary>Runs before forward pass number <see cref="BeforeCall"/>.Call (1-based).</summary>
    public (int Call, Action Action)? BeforeCall { get; set; }

    /// <summary>Forward passes so far.</summary>
    public int Calls { get; private set; }

    /// <summary>Images passed through scoring passes (no autograd) so far.</summary>
    public int ScoredImages { get; private set; }

    /// <summary>Batch sizes that hit the simulated memory limit.</summary>
    public List<long> RefusedBatches { get; } = [];

    /// <summary>Sizes of the batches scored (no autograd), in call order.</summary>
    public List<long> ScoredBatches { get; } = [];

    public override LossKind DefaultLoss => inner.DefaultLoss;

    public override Tensor forward(Tensor input)
    {
        Calls++;
        if (BeforeCall is { } before && before.Call == Calls)
            before.Action();
        long batch = input.shape[0];
        if (MaxBatch is int limit && batch > limit)
        {
            RefusedBatches.Add(batch);
            throw new InvalidOperationException($"CUDA out of memory. Tried to allocate 2.00 GiB (simulated: batch of {batch} > {limit}).");
        }
        if (!is_grad_enabled())
        {
            ScoredImages += (int)batch;
            ScoredBatches.Add(batch);
        }
        return inner.call(input);
    }
}
