using Nlce.Cli;
using Nlce.Evaluation.Results;
using Nlce.Evaluation.Sweep;
using Nlce.Models;
using Nlce.Tests.Attacks;
using Nlce.Tests.Cli;
using Nlce.Tests.Evaluation.Sweep;
using Spectre.Console;

namespace Nlce.Tests.Evaluation.Sharding;

/// <summary><c>nlce results merge|show|export</c> and the <c>--stage</c>/<c>--shard</c> checks of <c>nlce reproduce</c>, in-process.</summary>
[Collection(CliCollection.Name)]
public sealed class ResultsCliTests(TrainedSegmenterFixture trained) : IClassFixture<TrainedSegmenterFixture>
{
    private static readonly SweepOptions Options = new() { Attacks = ["pgd"], Epsilons = [4], BatchSize = 4 };

    [Fact]
    public void Merge_show_and_export_a_two_shard_sweep()
    {
        using var folder = new TemporaryFolder();
        string[] shards = Shards(folder, Options);
        string merged = folder.Combine("merged.sqlite");

        var (code, output) = Run("results", "merge", shards[0], shards[1], "--out", merged);
        Assert.True(code == 0, output);
        Assert.Contains("8 rows", output);
        var (again, againOutput) = Run("results", "merge", shards[0], shards[1], "--out", merged);
        Assert.True(again == 0, againOutput);
        Assert.Contains("8 rows", againOutput);

        var (shown, table) = Run("results", "show", merged);
        Assert.True(shown == 0, table);
        Assert.Contains("0/2", table);
        Assert.Contains("1/2", table);
        Assert.Contains("PGD", table, StringComparison.OrdinalIgnoreCase);

        string csv = folder.Combine("rows.csv");
        var (exported, exportOutput) = Run("results", "export", merged, "--csv", csv);
        Assert.True(exported == 0, exportOutput);
        var lines = File.ReadAllLines(csv);
        Assert.Equal("model,attack,epsilon,defense,seed,image,dice,jaccard,linf,l2", lines[0]);
        Assert.Equal(1 + 8, lines.Length);
    }

    [Fact]
    public void Merge_of_different_configurations_and_show_of_a_missing_store_fail()
    {
        using var folder = new TemporaryFolder();
        string first = Shards(folder, Options)[0];
        string other = folder.File("other.sqlite");
        using (var images = SweepTestData.Images(trained, 4))
        using (var store = ResultsStore.Open(other))
            Sweep(images, Options with { Epsilons = [2] }, new WorkShard(1, 2)).Run(store);

        var (code, output) = Run("results", "merge", first, other, "--out", folder.Combine("merged.sqlite"));
        Assert.NotEqual(0, code);
        Assert.Contains("config_json.epsilons[0]", output);
        Assert.False(File.Exists(folder.Combine("merged.sqlite")));

        string missing = folder.Combine("missing.sqlite");
        Assert.NotEqual(0, Run("results", "show", missing).Code);
        Assert.False(File.Exists(missing), "show must not create a store");
    }

    [Fact]
    public void Reproduce_rejects_a_shard_outside_the_sweep_stage_and_a_report_without_a_store()
    {
        using var folder = new TemporaryFolder();
        var (code, output) = Run("reproduce", "fig4", "--profile", "smoke", "--out", folder.Root, "--cache", folder.Combine("cache"),
            "--device", "cpu", "--shard", "1/2");
        Assert.NotEqual(0, code);
        Assert.Contains("sweep stage only", output);

        (code, output) = Run("reproduce", "fig4", "--profile", "smoke", "--out", folder.Root, "--device", "cpu", "--stage", "report");
        Assert.NotEqual(0, code);
        Assert.Contains("results.sqlite does not exist", output);

        (code, output) = Run("reproduce", "fig4", "--profile", "smoke", "--out", folder.Root, "--device", "cpu", "--stage", "sweep", "--shard", "2/2");
        Assert.NotEqual(0, code);
        Assert.Contains("'2/2'", output);
    }

    private string[] Shards(TemporaryFolder folder, SweepOptions options)
    {
        using var images = SweepTestData.Images(trained, 4);
        return Enumerable.Range(0, 2).Select(k =>
        {
            string path = folder.File($"results.shard-{k}-of-2.sqlite");
            using var store = ResultsStore.Open(path);
            Sweep(images, options, new WorkShard(k, 2)).Run(store);
            return path;
        }).ToArray();
    }

    private RobustnessSweep Sweep(Nlce.Data.Tensors.SegmentationTensorSet images, SweepOptions options, WorkShard shard) =>
        new(new Dictionary<string, SegmentationModel> { ["tiny"] = trained.Model }, images, options) { Shard = shard };

    private static (int Code, string Output) Run(params string[] args)
    {
        var writer = new StringWriter();
        var previous = AnsiConsole.Console;
        var previousError = Console.Error;
        AnsiConsole.Console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        AnsiConsole.Profile.Width = 250;
        Console.SetError(writer);
        try
        {
            return (NlceCli.Run(args), writer.ToString());
        }
        finally
        {
            AnsiConsole.Console = previous;
            Console.SetError(previousError);
        }
    }
}
