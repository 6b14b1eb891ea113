using System.Text.Json;
using Nlce.Defenses;
using Nlce.Evaluation;
using Nlce.Evaluation.Defenses;
using Nlce.Evaluation.Sweep;
using Nlce.Tests.Attacks;
using Nlce.Tests.Evaluation.Sweep;
using static TorchSharp.torch;

namespace Nlce.Tests.Defenses;

/// <summary>The FR table search on the attack tests' small trained network and its 8 held-out images.</summary>
public sealed class FrequencyRefinementSearchTests(TrainedSegmenterFixture trained) : IClassFixture<TrainedSegmenterFixture>
{
    /// <summary>Two sensible tables and two that flatten every block (PD = 400 moves block means in steps of 50 levels).</summary>
    private static readonly FrequencyRefinementSearchOptions SmallGrid = new()
    {
        PdValues = [30, 400], AcValues = [5], GdValues = [20, 60], BatchSize = 3, CleanLossBudget = 0.05,
    };

    [Fact]
    public void Every_candidate_is_scored_and_the_best_table_within_the_budget_is_chosen()
    {
        using var images = SweepTestData.Images(trained);
        var reports = new List<FrequencyRefinementSearchProgress>();
        var search = new FrequencyRefinementSearch(trained.Model, "tiny", AttackRegistry.Default.Find("targeted-ifgsm"), SmallGrid);
        var result = search.Run(images, new CallbackProgress<FrequencyRefinementSearchProgress>(reports.Add));

        Assert.Equal([(30.0, 20.0), (30.0, 60.0), (400.0, 20.0), (400.0, 60.0)], result.Candidates.Select(c => (c.Table.Pd, c.Table.Gd)));
        Assert.Equal([3, 6, 8], reports.Select(r => r.Done));
        Assert.Equal(trained.CleanDice, result.CleanDice, 6);
        Assert.True(result.AdversarialDice < result.CleanDice - 0.2, $"clean {result.CleanDice:F3}, attacked {result.AdversarialDice:F3}");
        foreach (var c in result.Candidates)
        {
            Assert.Equal(result.CleanDice - c.CleanDice, c.CleanLoss, 9);
            Assert.Equal(c.CleanLoss <= SmallGrid.CleanLossBudget, c.WithinBudget);
        }
        Assert.All(result.Candidates.Where(c => c.Table.Pd == 400), c => Assert.False(c.WithinBudget, $"{c.Table}: clean loss {c.CleanLoss:F3}"));

        // The benign side of one candidate, recomputed directly.
        var table = result.Candidates[1].Table;
        using (var noGrad = no_grad())
        using (var scope = NewDisposeScope())
        {
            var dice = SegmentationMetrics.FromLogits(trained.Model.call(new FrequencyRefinement(table).Apply(images.Images.to(float32))), images.Masks.to(int64)).MeanDice;
            Assert.Equal(dice, result.Candidates[1].CleanDice, 6);
        }

        var within = result.Candidates.Where(c => c.WithinBudget).ToArray();
        if (within.Length == 0)
            Assert.Null(result.Chosen);
        else
            Assert.Equal(within.Max(c => c.AdversarialDice), result.Chosen!.AdversarialDice);
    }

    [Fact]
    public void A_budget_no_table_meets_chooses_nothing_and_the_files_say_so()
    {
        using var folder = new TemporaryFolder();
        using var images = SweepTestData.Images(trained, 4);
        var options = SmallGrid with { PdValues = [400], GdValues = [60], CleanLossBudget = 0 };
        var result = new FrequencyRefinementSearch(trained.Model, "tiny", AttackRegistry.Default.Find("targeted-ifgsm"), options).Run(images);
        Assert.Null(result.Chosen);

        result.WriteCsv(folder.File("search.csv"));
        result.WriteJson(folder.File("search.json"));
        var lines = File.ReadAllLines(folder.File("search.csv"));
        Assert.Equal("pd,ac,gd,clean_dice,adversarial_dice,clean_loss,within_budget,chosen", lines[0]);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("400,5,60,", lines[1]);
        Assert.EndsWith(",false,false", lines[1]);
        using var json = JsonDocument.Parse(File.ReadAllText(folder.File("search.json")));
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("chosen").ValueKind);
        Assert.Equal(4, json.RootElement.GetProperty("images").GetInt32());
    }

    public static TheoryData<string, string> BadOptions => new()
    {
        { "no PD", "PdValues" },
        { "negative AC", "AcValues" },
        { "repeated GD", "GdValues" },
        { "NaN budget", "CleanLossBudget" },
        { "zero eps", "Epsilon" },
        { "zero batch", "BatchSize" },
    };

    [Theory]
    [MemberData(nameof(BadOptions))]
    public void Bad_options_are_refused_naming_the_field(string problem, string field)
    {
        var options = problem switch
        {
            "no PD" => new FrequencyRefinementSearchOptions { PdValues = [] },
            "negative AC" => new FrequencyRefinementSearchOptions { AcValues = [5, -1] },
            "repeated GD" => new FrequencyRefinementSearchOptions { GdValues = [60, 60] },
            "NaN budget" => new FrequencyRefinementSearchOptions { CleanLossBudget = double.NaN },
            "zero eps" => new FrequencyRefinementSearchOptions { Epsilon = 0 },
            _ => new FrequencyRefinementSearchOptions { BatchSize = 0 },
        };
        Assert.Equal(field, Assert.ThrowsAny<ArgumentException>(() => options.Validate()).ParamName);
    }

    [Fact]
    public void Images_the_model_cannot_take_are_refused()
    {
        using var images = SweepTestData.Images(trained, 2);
        using var rgb = TinySegmenter.Create(seed: 1, inputChannels: 3);
        var search = new FrequencyRefinementSearch(rgb, "rgb", AttackRegistry.Default.Find("targeted-ifgsm"));
        Assert.Contains("takes 3", Assert.Throws<ArgumentException>(() => search.Run(images)).Message);
    }
}
