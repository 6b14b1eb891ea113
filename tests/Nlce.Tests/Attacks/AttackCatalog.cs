using Nlce.Attacks;
using static TorchSharp.torch;

namespace Nlce.Tests.Attacks;

/// <summary>Every attack and wrapper, configured small enough for property tests, by name.</summary>
internal static class AttackCatalog
{
    private sealed record Entry(Func<IAttack> Create, bool Targeted);

    private static readonly PgdOptions ShortPgd = new() { Iterations = IterationSchedule.Fixed(4), Restarts = 2, Seed = 3 };

    private static readonly Dictionary<string, Entry> Entries = new()
    {
        ["FGSM"] = new(() => new Fgsm(), false),
        ["I-FGSM"] = new(() => new Ifgsm(), false),
        ["targeted I-FGSM"] = new(() => new TargetedIfgsm(), false),
        ["ti-FGSM"] = new(() => new TiFgsm(new IfgsmOptions { StepSize = StepSize.Intensity(2) }), true),
        ["PGD-Linf"] = new(() => new Pgd(ShortPgd), false),
        ["PGD-L2"] = new(() => new Pgd(ShortPgd with { Norm = PerturbationNorm.L2, StepSize = StepSize.FractionOfEpsilon(0.5) }), false),
        ["SegPGD"] = new(() => new SegPgd(ShortPgd), false),
        ["CosPGD"] = new(() => new CosPgd(ShortPgd with { Restarts = 1 }), false),
        ["ASMA"] = new(() => new Asma(new AsmaOptions { Iterations = 4, Tau = 1e-2, Beta = 1e-1 }), true),
        ["BPDA"] = new(() => new Bpda(new Pgd(ShortPgd), Quantise8Bit), false),
        ["EOT"] = new(() => new Eot(new Ifgsm(), x => (x + randn_like(x) * 0.01).clamp(0, 1), new EotOptions { Samples = 3 }), false),
    };

    /// <summary>Every attack name.</summary>
    public static IEnumerable<string> AllNames => Entries.Keys;

    /// <summary>Theory data: every attack name.</summary>
    public static TheoryData<string> Names => [.. Entries.Keys];

    public static IAttack Create(string name) => Entries[name].Create();

    /// <summary>A batch for <paramref name="name"/>: with targets (the next image's labels) when the attack is targeted.</summary>
    public static AttackBatch Batch(string name, Tensor images, Tensor labels, double[] epsilons) =>
        new(images, labels, epsilons, Entries[name].Targeted ? Asma.TargetsFromOtherImages(labels) : null);

    /// <summary>Rounding to 256 grey levels: a non-differentiable input transform (its autograd gradient is zero).</summary>
    public static Tensor Quantise8Bit(Tensor images) => images.mul(255).round().div(255);

    /// <summary>Random images in [0, 1], a tenth of their pixels saturated at 0 or 1, and random binary labels, from a seed.</summary>
    public static (Tensor Images, Tensor Labels) RandomInputs(int seed, int count, int size = 16, int channels = 1)
    {
        using var generator = new Generator((ulong)seed, CPU);
        using var scope = NewDisposeScope();
        var images = (rand([count, channels, size, size], generator: generator) * 1.2 - 0.1).clamp(0, 1);
        var labels = rand([count, size, size], generator: generator).gt(0.5).to(int64);
        return (images.MoveToOuterDisposeScope(), labels.MoveToOuterDisposeScope());
    }
}
