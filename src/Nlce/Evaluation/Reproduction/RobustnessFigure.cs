using Nlce.Models;

namespace Nlce.Evaluation.Reproduction;

/// <summary>The robustness-curve figures of the NLCEN paper ("Comparison with the State of the Art").</summary>
/// <param name="Id">fig4 or fig5.</param>
/// <param name="Title">The paper's caption, shortened.</param>
/// <param name="DefaultDataset">The embedded stand-in for the paper's dataset.</param>
/// <param name="Models">NLCEN with the backbone the paper uses for that dataset, and the five baselines.</param>
public sealed record RobustnessFigure(string Id, string Title, string DefaultDataset, IReadOnlyList<string> Models)
{
    private static readonly string[] Baselines = ["unet", "invertednet", "nwcn", "cdnn", "slsdeep"];

    /// <summary>Fig. 4: DIC and JSC vs ε on JSRT lungs; NLCEN with ResNet-18.</summary>
    public static RobustnessFigure Fig4 { get; } = new("fig4", "DIC and JSC under targeted I-FGSM, lung segmentation (JSRT; Fig. 4)", "phantom-lung",
        ["nlcen-r18", .. Baselines]);

    /// <summary>Fig. 5: DIC and JSC vs ε on ISBI 2016 skin lesions; NLCEN with ResNet-50.</summary>
    public static RobustnessFigure Fig5 { get; } = new("fig5", "DIC and JSC under targeted I-FGSM, skin lesion segmentation (ISBI 2016; Fig. 5)", "phantom-skin",
        ["nlcen-r50", .. Baselines]);

    /// <summary>The figure called <paramref name="id"/> (fig4, fig5).</summary>
    public static RobustnessFigure Parse(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        RobustnessFigure[] all = [Fig4, Fig5];
        return all.FirstOrDefault(f => f.Id.Equals(id.Trim(), StringComparison.OrdinalIgnoreCase))
            ?? throw new ArgumentException($"unknown figure '{id}'.{NameSuggestions.DidYouMean(id, all.Select(f => f.Id))} Figures: fig4, fig5.", nameof(id));
    }

    /// <summary>Checks that every model is registered.</summary>
    public RobustnessFigure Validate(ModelRegistry registry)
    {
        foreach (var model in Models)
            registry.Find(model);
        return this;
    }
}
