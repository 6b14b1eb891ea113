using Nlce.Data;
using Nlce.Evaluation.Results;
using Nlce.Evaluation.Sweep;
using Nlce.Models;
using Nlce.Tests.Attacks;
using Nlce.Tests.Evaluation.Sweep;

namespace Nlce.Tests.Evaluation.Sharding;

/// <summary>
/// <c>--shard K/N</c> and <c>nlce results merge</c> on the attack tests' small trained network: shards partition the planned keys,
/// three shards merged hold exactly the rows of the unsharded sweep, merging is idempotent, and stores of different sweep
/// configurations are refused.
/// </summary>
public sealed class ShardedSweepTests(TrainedSegmenterFixture trained) : IClassFixture<TrainedSegmenterFixture>
{
    private static readonly SweepOptions Options = new()
    {
        Attacks = ["pgd", "segpgd", "cospgd", "targeted-ifgsm"],
        Epsilons = [2, 8],
        BatchSize = 4,
        Seed = 5,
    };

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(7)]
    public void Shards_partition_the_planned_keys_in_order(int count)
    {
        using var images = SweepTestData.Images(trained, 6);
        var whole = Sweep(images, Options, WorkShard.Whole).PlannedKeys();
        var parts = Enumerable.Range(0, count).Select(k => Sweep(images, Options, new WorkShard(k, count)).PlannedKeys()).ToArray();

        Assert.Equal(whole.Count, parts.Sum(p => p.Count));
        Assert.Equal(whole.Count, parts.SelectMany(p => p).Distinct().Count());
        for (int k = 0; k < count; k++)
        {
            Assert.Equal(whole.Where((_, position) => position % count == k), parts[k]);
            Assert.InRange(parts[k].Count, whole.Count / count, whole.Count / count + 1);
        }
    }

    [Fact]
    public void Three_shards_merged_hold_exactly_the_rows_of_the_unsharded_sweep()
    {
        using var folder = new TemporaryFolder();
        using var images = SweepTestData.Images(trained, 6);
        using (var whole = ResultsStore.Open(folder.File("whole.sqlite")))
            Sweep(images, Options with { BatchSize = 16 }, WorkShard.Whole).Run(whole);
        string[] shards = RunShards(folder, images, Options, 3);

        var report = ResultsMerge.Merge(shards, folder.File("merged.sqlite"));

        using var merged = ResultsStore.Open(report.Target);
        using var unsharded = ResultsStore.Open(folder.File("whole.sqlite"));
        var expected = unsharded.Rows();
        Assert.Equal(6 * (1 + 4 * 2), expected.Count);
        Assert.Equal(expected, merged.Rows());
        Assert.Equal(expected.Count, report.Rows);
        Assert.Equal(expected.Count, report.Sources.Sum(s => s.Import.RowsCopied));
        Assert.Equal(3, merged.Runs().Count);
        Assert.Equal(["0/3", "1/3", "2/3"], merged.Runs().Select(run => SweepRunConfig.FromJson(run.Info.ConfigJson)!.Shard).Order());
        Assert.Single(merged.Runs().Select(run => run.Info.ConfigHash).Append(unsharded.Runs()[0].Info.ConfigHash).Distinct());
    }

    [Fact]
    public void Merging_twice_changes_nothing()
    {
        using var folder = new TemporaryFolder();
        using var images = SweepTestData.Images(trained, 4);
        var options = Options with { Attacks = ["pgd"], Epsilons = [4] };
        string[] shards = RunShards(folder, images, options, 2);
        string target = folder.File("merged.sqlite");

        var first = ResultsMerge.Merge(shards, target);
        IReadOnlyList<ResultRow> rows;
        IReadOnlyList<StoredRun> runs;
        using (var merged = ResultsStore.Open(target))
            (rows, runs) = (merged.Rows(), merged.Runs());
        var second = ResultsMerge.Merge(shards, target);

        using var again = ResultsStore.Open(target);
        Assert.Equal(rows, again.Rows());
        Assert.Equal(runs.Select(r => (r.RunId, r.Info)), again.Runs().Select(r => (r.RunId, r.Info)));
        Assert.Equal(8, first.Rows);
        Assert.Equal((2, 8), (first.Sources.Sum(s => s.Import.RunsCopied), first.Sources.Sum(s => s.Import.RowsCopied)));
        Assert.All(second.Sources, s => Assert.Equal((0, 0, 0), (s.Import.RunsCopied, s.Import.RowsCopied, s.Import.RowsDiffering)));
        Assert.Equal(8, second.Sources.Sum(s => s.Import.RowsIdentical));
    }

    [Fact]
    public void Stores_of_different_configurations_are_refused_naming_both_files_and_the_field()
    {
        using var folder = new TemporaryFolder();
        using var images = SweepTestData.Images(trained, 4);
        var options = Options with { Attacks = ["pgd"], Epsilons = [4] };
        string first = RunShards(folder, images, options, 2)[0];
        string other = folder.File("other.sqlite");
        using (var store = ResultsStore.Open(other))
            Sweep(images, options with { Epsilons = [4, 8] }, new WorkShard(1, 2)).Run(store);
        string target = folder.File("merged.sqlite");

        var error = Assert.Throws<DataFormatException>(() => ResultsMerge.Merge([first, other], target));

        Assert.Equal(other, error.Path);
        Assert.Equal("config_json.epsilons[1]", error.Field);
        Assert.Contains(first, error.Message);
        Assert.False(File.Exists(target), "nothing may be written when the configurations differ");
    }

    [Fact]
    public void A_target_from_another_configuration_is_refused_too()
    {
        using var folder = new TemporaryFolder();
        using var images = SweepTestData.Images(trained, 4);
        var options = Options with { Attacks = ["pgd"], Epsilons = [4] };
        string[] shards = RunShards(folder, images, options, 2);
        string target = folder.File("merged.sqlite");
        using (var store = ResultsStore.Open(target))
            Sweep(images, options with { Seed = 6 }, WorkShard.Whole).Run(store);

        var error = Assert.Throws<DataFormatException>(() => ResultsMerge.Merge(shards, target));
        Assert.Equal(target, error.Path);
        Assert.Equal("config_json.attacks[0].settings", error.Field);  // the PGD settings carry the seed of the random starts
        Assert.Contains("Seed = 6", error.Message);
    }

    [Fact]
    public void Merge_rejects_missing_repeated_and_empty_inputs()
    {
        using var folder = new TemporaryFolder();
        string missing = folder.Combine("missing.sqlite");
        Assert.Equal(missing, Assert.Throws<DataFormatException>(() => ResultsMerge.Merge([missing], folder.Combine("out.sqlite"))).Path);
        Assert.False(File.Exists(missing));

        string empty = folder.File("empty.sqlite");
        using (ResultsStore.Open(empty))
        {
        }
        var noRuns = Assert.Throws<DataFormatException>(() => ResultsMerge.Merge([empty], folder.Combine("out.sqlite")));
        Assert.Equal(("runs", empty), (noRuns.Field, noRuns.Path));

        Assert.Equal("sources", Assert.Throws<ArgumentException>(() => ResultsMerge.Merge([], folder.Combine("out.sqlite"))).ParamName);
        Assert.Contains("listed 2 times", Assert.Throws<ArgumentException>(() => ResultsMerge.Merge([empty, empty], folder.Combine("out.sqlite"))).Message);
        Assert.Equal("target", Assert.Throws<ArgumentException>(() => ResultsMerge.Merge([empty], empty)).ParamName);
    }

    private string[] RunShards(TemporaryFolder folder, Nlce.Data.Tensors.SegmentationTensorSet images, SweepOptions options, int count) =>
        Enumerable.Range(0, count).Select(k =>
        {
            string path = folder.File($"shard-{k}-of-{count}.sqlite");
            using var store = ResultsStore.Open(path);
            var report = Sweep(images, options, new WorkShard(k, count)).Run(store);
            Assert.Equal(report.Planned, store.Rows().Count);
            return path;
        }).ToArray();

    private RobustnessSweep Sweep(Nlce.Data.Tensors.SegmentationTensorSet images, SweepOptions options, WorkShard shard) =>
        new(new Dictionary<string, SegmentationModel> { ["tiny"] = trained.Model }, images, options) { Shard = shard };
}
