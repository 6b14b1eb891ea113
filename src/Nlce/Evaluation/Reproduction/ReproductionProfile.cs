using Nlce.Attacks;

namespace Nlce.Evaluation.Reproduction;

/// <summary>
/// How big a reproduction run is: the same steps (train, attack, score, plot) at three sizes. <c>smoke</c> takes seconds (tests,
/// CI), <c>quick</c> a few minutes on a laptop CPU (phantoms at 64², narrow models, a subset of the paper's ε list: a reduced
/// setting, and every output says so), <c>paper</c> the paper's settings (256², the papers' widths, all 18 ε of
/// <see cref="TargetedIfgsm.PaperEpsilons"/>; meant for a GPU and the real data).
/// </summary>
/// <param name="Name">smoke, quick or paper.</param>
/// <param name="PhantomCount">Number of phantom images (null: the manifest's default); real datasets are used whole.</param>
/// <param name="Size">Working resolution (square side; a multiple of 32 for NLCEN).</param>
/// <param name="Width">Channel-width multiplier of every model (1 = the papers' widths).</param>
/// <param name="Epochs">Training epochs per model.</param>
/// <param name="BatchSize">Training mini-batch size (the paper: 8).</param>
/// <param name="Epsilons">Attack intensities, in the paper's 0–255 units.</param>
/// <param name="TestImages">At most this many test images are attacked (null: all).</param>
public sealed record ReproductionProfile(string Name, int? PhantomCount, int Size, double Width, int Epochs, int BatchSize,
    IReadOnlyList<double> Epsilons, int? TestImages)
{
    /// <summary>Seconds: a handful of images at 32², models at ⅛ width, one epoch, two ε.</summary>
    public static ReproductionProfile Smoke { get; } = new("smoke", 20, 32, 0.125, 1, 8, [2, 8], 4);

    /// <summary>
    /// Minutes on 2 CPU cores: 80 phantoms at 64² (56 train, 16 test), models at ¼ width, 6 epochs of batches of 4 (more steps for the
    /// same cost than the paper's 8), four of the paper's ε up to 32, 12 attacked images. Sized by measurement: with 64 phantoms,
    /// 4 epochs and 8 images, <c>reproduce fig4</c> took 81 s wall (137 s CPU) on this project's 2-core machine; the sweep's cost is
    /// the sum of the ε schedule's iterations (3 + 10 + 20 + 36 here), and phantom lungs at 64² barely move below ε = 16 (see the
    /// attack tests), so the list reaches 32.
    /// </summary>
    public static ReproductionProfile Quick { get; } = new("quick", 80, 64, 0.25, 6, 4, [2, 8, 16, 32], 12);

    /// <summary>
    /// The paper's settings: 256², full widths, batch 8, all 18 ε, every test image. The paper gives no epoch count (it reports
    /// 2 hours per JSRT model on a TITAN GPU); 50 epochs with its plateau schedule is this workbench's choice.
    /// </summary>
    public static ReproductionProfile Paper { get; } = new("paper", null, 256, 1.0, 50, 8, TargetedIfgsm.PaperEpsilons, null);

    /// <summary>True for every profile except <see cref="Paper"/>: its numbers are not the paper's setting.</summary>
    public bool IsReduced => Name != Paper.Name;

    /// <summary>The profile called <paramref name="name"/> (smoke, quick, paper; case-insensitive).</summary>
    public static ReproductionProfile Parse(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        ReproductionProfile[] all = [Smoke, Quick, Paper];
        return all.FirstOrDefault(p => p.Name.Equals(name.Trim(), StringComparison.OrdinalIgnoreCase))
            ?? throw new ArgumentException(
                $"unknown profile '{name}'.{NameSuggestions.DidYouMean(name, all.Select(p => p.Name))} Profiles: smoke, quick, paper.", nameof(name));
    }
}
