using Nlce.Cli;
using Nlce.Evaluation.Results;
using Nlce.Models;
using Nlce.Tests.Cli;
using Spectre.Console;

namespace Nlce.Tests.Evaluation.Sharding;

/// <summary><c>nlce sweep --shard K/N</c> in-process on two 32² phantom test images and an untrained registry CDNN, then <c>nlce results merge</c>.</summary>
[Collection(CliCollection.Name)]
public sealed class ShardedSweepCliTests : IDisposable
{
    private readonly TemporaryFolder folder = new();
    private readonly string weights;

    public ShardedSweepCliTests()
    {
        weights = folder.File("cdnn.bin");
        using var model = ModelRegistry.Default.Create("cdnn", 1, 2);
        model.save(weights);
    }

    [Fact]
    public void Two_sweep_shards_split_the_keys_and_merge_into_the_whole_sweep()
    {
        string whole = folder.Combine("whole.sqlite");
        string[] sweep = ["sweep", "--models", $"cdnn={weights}", "--attacks", "fgsm", "--eps", "2", "4", "--count", "2",
            "--dataset", "phantom-lung", "--phantom-count", "10", "--size", "32", "--device", "cpu"];
        Assert.Equal(0, Run([.. sweep, "--store", whole]).Code);
        var stores = new List<string>();
        foreach (string shard in new[] { "0/2", "1/2" })
        {
            string store = folder.Combine($"shard-{shard[0]}.sqlite");
            var (code, output) = Run([.. sweep, "--store", store, "--shard", shard]);
            Assert.True(code == 0, output);
            Assert.Contains($"(shard {shard}): 3 results computed", output);
            stores.Add(store);
        }

        string merged = folder.Combine("merged.sqlite");
        var merge = Run(["results", "merge", .. stores, "--out", merged]);
        Assert.True(merge.Code == 0, merge.Output);
        using var expected = ResultsStore.Open(whole);
        using var actual = ResultsStore.Open(merged);
        Assert.Equal(expected.Rows(), actual.Rows());
        Assert.Equal(6, actual.Rows().Count);
        Assert.NotEqual(0, Run([.. sweep, "--store", folder.Combine("bad.sqlite"), "--shard", "2/2"]).Code);
    }

    public void Dispose() => folder.Dispose();

    private static (int Code, string Output) Run(params string[] args)
    {
        var writer = new StringWriter();
        var previous = AnsiConsole.Console;
        AnsiConsole.Console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        AnsiConsole.Profile.Width = 250;
        try
        {
            return (NlceCli.Run(args), writer.ToString());
        }
        finally
        {
            AnsiConsole.Console = previous;
        }
    }
}
