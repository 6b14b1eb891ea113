using Nlce.Evaluation.Defenses;
using Nlce.Evaluation.Results;

namespace Nlce.Tests.Defenses;

/// <summary>The gradient-masking checks on hand-built row sets: each flag fires when it should and stays silent otherwise.</summary>
public sealed class GradientMaskingChecksTests
{
    [Fact]
    public void A_monotone_curve_raises_no_flag()
    {
        var rows = Curve("m", "none", "pgd", (0, 0.9), (2, 0.7), (4, 0.5), (8, 0.3));
        Assert.Empty(GradientMaskingChecks.Check(rows, "m", "none"));
    }

    [Fact]
    public void A_curve_that_rises_with_epsilon_is_flagged_against_the_lowest_smaller_epsilon()
    {
        var rows = Curve("m", "fr", "pgd", (0, 0.9), (2, 0.5), (4, 0.6), (8, 0.505), (16, 0.4));
        var flag = Assert.Single(GradientMaskingChecks.Check(rows, "m", "fr"));
        Assert.Equal((GradientMaskingCheck.EpsilonNotMonotone, "pgd", 4.0, "ε = 2"), (flag.Check, flag.Attack, flag.Epsilon, flag.Reference));
        Assert.Equal((0.5, 0.6), (flag.ReferenceDice, flag.ObservedDice), new Near());
        Assert.Contains("rises from 0.500 at ε = 2 to 0.600 at ε = 4", flag.Sentence);
    }

    [Fact]
    public void An_attacked_score_above_the_clean_score_is_flagged_and_the_tolerance_is_respected()
    {
        var rows = Curve("m", "none", "pgd", (0, 0.80), (1, 0.805), (2, 0.83));
        var flag = Assert.Single(GradientMaskingChecks.Check(rows, "m", "none"));
        Assert.Equal((2.0, "ε = 0"), (flag.Epsilon, flag.Reference));
        Assert.Empty(GradientMaskingChecks.Check(rows, "m", "none", new GradientMaskingOptions { Tolerance = 0.05 }));
    }

    [Fact]
    public void A_many_iteration_twin_weaker_than_its_attack_is_flagged()
    {
        var rows = Curve("m", "none", "pgd", (4, 0.5), (8, 0.3))
            .Concat(Curve("m", "none", "pgd-100", (4, 0.45), (8, 0.35))).ToArray();
        var flag = Assert.Single(GradientMaskingChecks.Check(rows, "m", "none"));
        Assert.Equal((GradientMaskingCheck.IterationsDoNotHelp, "pgd-100", 8.0, "pgd"), (flag.Check, flag.Attack, flag.Epsilon, flag.Reference));

        var helpful = Curve("m", "none", "pgd", (4, 0.5), (8, 0.3)).Concat(Curve("m", "none", "pgd-100", (4, 0.4), (8, 0.2)));
        Assert.Empty(GradientMaskingChecks.Check(helpful, "m", "none"));
    }

    [Fact]
    public void Twins_are_configurable()
    {
        var rows = Curve("m", "none", "ifgsm", (8, 0.3)).Concat(Curve("m", "none", "ifgsm-long", (8, 0.5))).ToArray();
        Assert.Empty(GradientMaskingChecks.Check(rows, "m", "none"));
        var options = new GradientMaskingOptions { IterationTwins = [new("ifgsm", "ifgsm-long")] };
        Assert.Equal(GradientMaskingCheck.IterationsDoNotHelp, Assert.Single(GradientMaskingChecks.Check(rows, "m", "none", options)).Check);
    }

    [Fact]
    public void A_transfer_attack_stronger_than_the_white_box_one_is_flagged_for_the_matching_defense_only()
    {
        var rows = Curve("m", "fr+bpda", "pgd", (4, 0.6), (8, 0.55))
            .Concat(Curve("m", "fr+transfer:twin", "pgd", (4, 0.62), (8, 0.4)))
            .Concat(Curve("m", "none", "pgd", (4, 0.3), (8, 0.2)))
            .Concat(Curve("other", "fr+transfer:twin", "pgd", (4, 0.0), (8, 0.0))).ToArray();
        var flag = Assert.Single(GradientMaskingChecks.Check(rows, "m", "fr+bpda"));
        Assert.Equal((GradientMaskingCheck.TransferBeatsWhiteBox, 8.0, "fr+transfer:twin"), (flag.Check, flag.Epsilon, flag.Reference));
        Assert.Equal((0.55, 0.4), (flag.ReferenceDice, flag.ObservedDice), new Near());
        // The undefended rows pair with transfer:* keys only, so fr's transfer rows say nothing about them.
        Assert.Empty(GradientMaskingChecks.Check(rows, "m", "none"));
    }

    [Fact]
    public void Check_all_covers_every_model_and_non_transfer_defense()
    {
        var rows = Curve("a", "none", "pgd", (2, 0.3), (4, 0.5))
            .Concat(Curve("b", "fr", "pgd", (2, 0.3), (4, 0.5)))
            .Concat(Curve("b", "transfer:a", "pgd", (2, 0.9), (4, 0.9))).ToArray();
        var flags = GradientMaskingChecks.CheckAll(rows);
        Assert.Equal([("a", "none"), ("b", "fr")], flags.Select(f => (f.Model, f.Defense)));
        Assert.Equal(GradientMaskingFlag.Columns.Count, flags[0].Cells().Count);
    }

    [Fact]
    public void Flags_are_written_as_csv_with_quoted_sentences()
    {
        using var folder = new TemporaryFolder();
        var flags = GradientMaskingChecks.Check(Curve("m", "none", "pgd", (2, 0.3), (4, 0.5)), "m", "none");
        string path = folder.File("flags.csv");
        GradientMaskingChecks.WriteCsv(path, flags);
        var lines = File.ReadAllLines(path);
        Assert.Equal("model,defense,check,attack,epsilon,reference,reference_dice,dice,finding", lines[0]);
        Assert.StartsWith("m,none,epsilon-not-monotone,pgd,4,ε = 2,0.3,0.5,\"pgd: mean DIC rises", lines[1]);
        Assert.Equal(2, lines.Length);
    }

    [Fact]
    public void Missing_rows_and_bad_options_are_refused()
    {
        var rows = Curve("m", "none", "pgd", (2, 0.3));
        Assert.Contains("no rows of model 'x'", Assert.Throws<ArgumentException>(() => GradientMaskingChecks.Check(rows, "x", "none")).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => GradientMaskingChecks.Check(rows, "m", "none", new GradientMaskingOptions { Tolerance = -0.1 }));
        Assert.Throws<ArgumentException>(() => GradientMaskingChecks.Check(rows, "m", "none", new GradientMaskingOptions { IterationTwins = [new("pgd", "pgd")] }));
    }

    /// <summary>Two images per point: DIC d ± 0.05, so the mean is d.</summary>
    private static ResultRow[] Curve(string model, string defense, string attack, params (double Epsilon, double Dice)[] points) =>
        points.SelectMany(point => new[] { -0.05, 0.05 }.Select((offset, i) => new ResultRow(
            new ResultKey(model, point.Epsilon == 0 ? ResultKey.CleanAttack : attack, point.Epsilon, defense, 0, $"img-{i}"),
            Math.Clamp(point.Dice + offset, 0, 1), Math.Clamp(point.Dice + offset, 0, 1)))).ToArray();

    private sealed class Near : IEqualityComparer<(double, double)>
    {
        public bool Equals((double, double) x, (double, double) y) => Math.Abs(x.Item1 - y.Item1) < 1e-9 && Math.Abs(x.Item2 - y.Item2) < 1e-9;

        public int GetHashCode((double, double) obj) => 0;
    }
}
