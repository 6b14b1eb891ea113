using Microsoft.Data.Analysis;
using Nlce.Evaluation.Reproduction;

namespace Nlce.Workbench;

/// <summary>The reproduction profiles as a table, so a notebook shows the sizes it runs at from the code rather than from prose.</summary>
public static class ProfileTable
{
    /// <summary>One row per profile: images, working size, model width, epochs, batch size, ε list and attacked test images.</summary>
    public static DataFrame Of(IEnumerable<ReproductionProfile> profiles)
    {
        ArgumentNullException.ThrowIfNull(profiles);
        var list = profiles.ToList();
        if (list.Count == 0)
            throw new ArgumentException("no profiles for the table; expected at least one.", nameof(profiles));
        return new DataFrame(
            new StringDataFrameColumn("profile", list.Select(p => p.Name)),
            new StringDataFrameColumn("images", list.Select(p => p.PhantomCount is int n ? $"{n} phantoms" : "the whole dataset")),
            new StringDataFrameColumn("working size", list.Select(p => $"{p.Size}²")),
            new DoubleDataFrameColumn("model width", list.Select(p => p.Width)),
            new Int32DataFrameColumn("epochs", list.Select(p => p.Epochs)),
            new Int32DataFrameColumn("batch", list.Select(p => p.BatchSize)),
            new StringDataFrameColumn("ε list", list.Select(p => string.Join(", ", p.Epsilons))),
            new StringDataFrameColumn("attacked test images", list.Select(p => p.TestImages is int t ? $"at most {t}" : "all")));
    }

    /// <summary>The three built-in profiles: smoke, quick and paper.</summary>
    public static DataFrame BuiltIn() => Of([ReproductionProfile.Smoke, ReproductionProfile.Quick, ReproductionProfile.Paper]);
}
