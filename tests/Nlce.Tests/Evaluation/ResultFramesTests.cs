using Microsoft.Data.Analysis;
using Nlce.Evaluation.Results;
using Nlce.Evaluation.Sweep;

namespace Nlce.Tests.Evaluation;

/// <summary>The store's queries as tidy DataFrames: same rows, same values, named columns, nulls where nothing was measured.</summary>
public sealed class ResultFramesTests : IDisposable
{
    private readonly TemporaryFolder folder = new();
    private readonly ResultsStore store;

    public ResultFramesTests()
    {
        store = ResultsStore.Open(folder.File("frames.sqlite"));
        string run = store.BeginRun(new RunInfo("{}", "frames", "test", "cpu", "cpu"));
        double[] clean = [0.9, 0.8, 0.7];
        double[] attacked = [0.6, 0.7, 0.2];
        var rows = new List<ResultRow>();
        for (int i = 0; i < clean.Length; i++)
        {
            rows.Add(new ResultRow(new ResultKey("unet", ResultKey.CleanAttack, 0, ResultKey.NoDefense, 0, $"img{i}"), clean[i], clean[i] / (2 - clean[i])));
            rows.Add(new ResultRow(new ResultKey("unet", "pgd", 8, ResultKey.NoDefense, 0, $"img{i}"), attacked[i], attacked[i] / (2 - attacked[i]), 8.0 / 255, 0.5 + i));
            rows.Add(new ResultRow(new ResultKey("nlcen-r18", "pgd", 8, ResultKey.NoDefense, 0, $"img{i}"), clean[i] - 0.05, 0.5));
        }
        store.Write(run, rows);
    }

    public void Dispose()
    {
        store.Dispose();
        folder.Dispose();
    }

    [Fact]
    public void Per_image_rows_keep_every_value_and_null_perturbation_sizes()
    {
        var rows = store.Rows();
        var frame = ResultFrames.Of(rows);

        Assert.Equal(["model", "attack", "defense", "epsilon", "seed", "image", "dice", "jaccard", "linf", "l2"],
            frame.Columns.Select(c => c.Name));
        Assert.Equal(rows.Count, frame.Rows.Count);
        for (int i = 0; i < rows.Count; i++)
        {
            Assert.Equal(rows[i].Key.Model, frame["model"][i]);
            Assert.Equal(rows[i].Key.Image, frame["image"][i]);
            Assert.Equal(rows[i].Dice, frame["dice"][i]);
            Assert.Equal(rows[i].PerturbationL2, (double?)frame["l2"][i]);
        }
        Assert.Equal(6, frame["linf"].NullCount);  // clean rows and the NLCEN rows carry no perturbation sizes
    }

    [Fact]
    public void Means_per_model_and_epsilon_become_one_row_each()
    {
        var frame = ResultFrames.Of(store.MeansByModelAndEpsilon());

        Assert.Equal(3, frame.Rows.Count);
        long row = Enumerable.Range(0, (int)frame.Rows.Count)
            .Single(i => (string)frame["model"][i] == "unet" && (string)frame["attack"][i] == "pgd");
        Assert.Equal(0.5, (double)frame["mean_dice"][row]!, 12);
        Assert.Equal(3, (int)frame["images"][row]!);
        Assert.Equal(8.0, (double)frame["epsilon"][row]!);
    }

    [Fact]
    public void Drops_and_comparisons_carry_their_statistics()
    {
        var drops = SweepStatistics.DropFromClean(store, "unet", "pgd", bootstrapSeed: 3);
        var dropFrame = ResultFrames.Of(drops);
        Assert.Equal(1, dropFrame.Rows.Count);
        Assert.Equal(drops[0].Drop.Mean, (double)dropFrame["mean_drop"][0]!);
        Assert.True((double)dropFrame["ci_low"][0]! <= (double)dropFrame["mean_drop"][0]! && (double)dropFrame["mean_drop"][0]! <= (double)dropFrame["ci_high"][0]!);

        var comparison = SweepStatistics.CompareModels(store, "nlcen-r18", "unet", "pgd", 8);
        var comparisonFrame = ResultFrames.Of([comparison]);
        Assert.Equal(comparison.Test.PValue, (double)comparisonFrame["p_value"][0]!);
        Assert.Equal(comparison.MeanDifference, (double)comparisonFrame["mean_difference"][0]!, 12);
        Assert.Equal(3, (int)comparisonFrame["pairs"][0]!);
    }

    [Fact]
    public void Null_inputs_are_refused()
    {
        Assert.Throws<ArgumentNullException>(() => ResultFrames.Of((IEnumerable<ResultRow>)null!));
        Assert.Throws<ArgumentNullException>(() => ResultFrames.Of((IEnumerable<ResultSummary>)null!));
    }
}
