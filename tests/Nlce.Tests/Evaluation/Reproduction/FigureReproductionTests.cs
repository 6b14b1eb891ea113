using Nlce.Evaluation.Reproduction;
using Nlce.Evaluation.Results;
using static TorchSharp.torch;

namespace Nlce.Tests.Evaluation.Reproduction;

[Collection(GlobalTorchStateCollection.Name)]
public sealed class FigureReproductionTests
{
    [Fact]
    public void Smoke_fig4_writes_curves_charts_and_store_and_a_rerun_reuses_everything()
    {
        using var folder = new TemporaryFolder();
        string output = folder.Combine("fig4"), cache = folder.Combine("prepared");
        var reproduction = new FigureReproduction(RobustnessFigure.Fig4, ReproductionProfile.Smoke, null, CPU, seed: 0);
        var first = reproduction.Run(output, cache);

        Assert.True(first.Reduced);
        Assert.Equal(RobustnessFigure.Fig4.Models.Count * (1 + ReproductionProfile.Smoke.Epsilons.Count), first.Curves.Count);
        Assert.All(first.Curves, c => Assert.Equal(ReproductionProfile.Smoke.TestImages, c.Images));
        Assert.All(first.Files, f => Assert.True(File.Exists(f), f));
        var csv = File.ReadAllLines(Path.Combine(output, "fig4-curves.csv"));
        Assert.Equal("model,epsilon,images,dice,jaccard", csv[0]);
        Assert.Equal(first.Curves.Count + 1, csv.Length);
        string chart = File.ReadAllText(Path.Combine(output, "fig4-dic.html"));
        Assert.Contains("Reduced setting", chart);
        Assert.Contains("nlcen-r18", chart);
        Assert.DoesNotContain("<script src=", chart); // plotly.js is inlined, nothing is fetched
        foreach (var model in RobustnessFigure.Fig4.Models)
            Assert.True(File.Exists(Path.Combine(output, "checkpoints", model, "checkpoint.json")), model);

        var weights = Directory.GetFiles(Path.Combine(output, "checkpoints"), "weights-*", SearchOption.AllDirectories)
            .ToDictionary(f => f, File.GetLastWriteTimeUtc);
        int rows;
        using (var store = ResultsStore.Open(Path.Combine(output, "results.sqlite")))
            rows = store.Rows().Count;

        var second = reproduction.Run(output, cache);
        Assert.Equal(first.Curves, second.Curves);
        Assert.All(weights, w => Assert.Equal(w.Value, File.GetLastWriteTimeUtc(w.Key))); // no model retrained
        using (var store = ResultsStore.Open(Path.Combine(output, "results.sqlite")))
        {
            Assert.Equal(rows, store.Rows().Count);
            Assert.Equal(2, store.Runs().Count);
        }
    }

    [Theory]
    [InlineData("smoke")]
    [InlineData(" Quick ")]
    [InlineData("PAPER")]
    public void Profiles_parse_case_insensitively(string name) =>
        Assert.Equal(name.Trim().ToLowerInvariant(), ReproductionProfile.Parse(name).Name);

    [Fact]
    public void The_paper_profile_is_the_papers_setting_and_the_others_are_reduced()
    {
        Assert.False(ReproductionProfile.Paper.IsReduced);
        Assert.Equal(18, ReproductionProfile.Paper.Epsilons.Count);
        Assert.Equal((256, 1.0, 8), (ReproductionProfile.Paper.Size, ReproductionProfile.Paper.Width, ReproductionProfile.Paper.BatchSize));
        Assert.True(ReproductionProfile.Quick.IsReduced);
        Assert.All(ReproductionProfile.Quick.Epsilons, e => Assert.Contains(e, ReproductionProfile.Paper.Epsilons));
        Assert.Contains("quick", Assert.Throws<ArgumentException>(() => ReproductionProfile.Parse("quik")).Message);
    }

    [Fact]
    public void Figures_name_the_papers_six_models()
    {
        Assert.Equal(["nlcen-r18", "unet", "invertednet", "nwcn", "cdnn", "slsdeep"], RobustnessFigure.Fig4.Models);
        Assert.Equal("nlcen-r50", RobustnessFigure.Parse("FIG5").Models[0]);
        Assert.Contains("fig4", Assert.Throws<ArgumentException>(() => RobustnessFigure.Parse("fig6")).Message);
    }
}
