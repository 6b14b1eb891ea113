using Nlce.Evaluation.Results;

namespace Nlce.Tests.Evaluation;

public sealed class ResultsStoreTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("nlce-store-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    private string StorePath => Path.Combine(folder, "results.sqlite");

    private static RunInfo Info => new("{\"eps\":[1,2]}", "hash-1", "0.1.0", "cpu", "cpu");

    private static List<ResultRow> Grid(string model, double[] epsilons, int images, Func<double, int, double> dice) =>
        (from e in epsilons
         from i in Enumerable.Range(0, images)
         let d = dice(e, i)
         select new ResultRow(new ResultKey(model, "targeted-ifgsm", e, ResultKey.NoDefense, 0, $"img{i:D3}"), d, d / (2 - d), e, e * 3)).ToList();

    [Fact]
    public void Rows_round_trip_and_a_stored_key_is_not_overwritten()
    {
        using var store = ResultsStore.Open(StorePath);
        string run = store.BeginRun(Info);
        var rows = Grid("unet", [0.5, 1, 2], 4, (e, i) => 0.9 - e / 10 - i / 100.0);
        Assert.Equal(12, store.Write(run, rows));
        Assert.Equal(rows.OrderBy(r => r.Key.Epsilon).ThenBy(r => r.Key.Image), store.Rows());
        var changed = rows.Take(2).Select(r => r with { Dice = 0.1 }).ToList();
        Assert.Equal(0, store.Write(run, changed));
        Assert.Equal(rows[0].Dice, store.Rows().Single(r => r.Key == rows[0].Key).Dice);
    }

    [Fact]
    public void Missing_lists_exactly_the_keys_not_yet_stored()
    {
        using var store = ResultsStore.Open(StorePath);
        string run = store.BeginRun(Info);
        var all = Grid("nlcen-r18", [1, 2, 4], 3, (e, i) => 0.8);
        store.Write(run, all.Where((_, i) => i % 2 == 0).ToList());
        var missing = store.Missing(all.Select(r => r.Key));
        Assert.Equal(all.Where((_, i) => i % 2 == 1).Select(r => r.Key), missing);
    }

    [Fact]
    public void Means_per_model_and_epsilon_average_over_images()
    {
        using var store = ResultsStore.Open(StorePath);
        string run = store.BeginRun(Info);
        store.Write(run, Grid("a", [1, 2], 4, (e, i) => e == 1 ? 0.8 + i * 0.02 : 0.5));
        store.Write(run, Grid("b", [1], 2, (e, i) => 0.6));
        var means = store.MeansByModelAndEpsilon("targeted-ifgsm");
        Assert.Equal(3, means.Count);
        var a1 = means.Single(m => m.Model == "a" && m.Epsilon == 1);
        Assert.Equal(4, a1.Images);
        Assert.Equal(0.83, a1.MeanDice, 12);
        Assert.Empty(store.MeansByModelAndEpsilon("pgd"));
    }

    [Fact]
    public void Runs_record_configuration_and_timings()
    {
        using var store = ResultsStore.Open(StorePath);
        string run = store.BeginRun(Info);
        store.FinishRun(run, new Dictionary<string, double> { ["sweep"] = 12.5 });
        var stored = Assert.Single(store.Runs());
        Assert.Equal(run, stored.RunId);
        Assert.Equal(Info, stored.Info);
        Assert.Equal(12.5, stored.Timings["sweep"]);
        Assert.NotNull(stored.FinishedUtc);
        Assert.Throws<ArgumentException>(() => store.FinishRun("no-such-run", new Dictionary<string, double>()));
    }

    [Fact]
    public void Data_survives_reopening_as_after_an_interrupted_run()
    {
        var rows = Grid("unet", [1], 3, (e, i) => 0.7);
        using (var store = ResultsStore.Open(StorePath))
            store.Write(store.BeginRun(Info), rows);
        using var reopened = ResultsStore.Open(StorePath);
        Assert.Equal(3, reopened.Rows().Count);
        Assert.Empty(reopened.Missing(rows.Select(r => r.Key)));
    }

    [Fact]
    public void Two_writers_on_the_same_file_serialise_without_losing_rows()
    {
        var left = Grid("left", [1, 2, 4, 8], 25, (e, i) => 0.5);
        var right = Grid("right", [1, 2, 4, 8], 25, (e, i) => 0.6);
        void WriteInBatches(List<ResultRow> rows)
        {
            using var store = ResultsStore.Open(StorePath);
            string run = store.BeginRun(Info);
            foreach (var chunk in rows.Chunk(5))
                store.Write(run, chunk);
        }
        using (ResultsStore.Open(StorePath)) { } // create the schema once
        Parallel.Invoke(() => WriteInBatches(left), () => WriteInBatches(right), () => WriteInBatches(left));
        using var check = ResultsStore.Open(StorePath);
        Assert.Equal(200, check.Rows().Count);
        Assert.Equal(3, check.Runs().Count);
    }

    [Theory]
    [InlineData(1.5, 0.5, 1.0)]
    [InlineData(0.5, -0.1, 1.0)]
    [InlineData(double.NaN, 0.5, 1.0)]
    [InlineData(0.5, 0.5, -1.0)]
    public void Out_of_range_scores_and_epsilons_are_rejected(double dice, double jaccard, double epsilon)
    {
        using var store = ResultsStore.Open(StorePath);
        var row = new ResultRow(new ResultKey("m", "fgsm", epsilon, "none", 0, "x"), dice, jaccard);
        Assert.ThrowsAny<ArgumentException>(() => store.Write("run", [row]));
        Assert.Empty(store.Rows());
    }

    [Fact]
    public void A_file_that_is_not_a_store_is_reported_by_name()
    {
        File.WriteAllText(StorePath, "this is not a database, just text that is long enough to look like a header........");
        var e = Assert.Throws<InvalidDataException>(() => ResultsStore.Open(StorePath));
        Assert.Contains(StorePath, e.Message);
    }

    [Fact]
    public void Csv_export_quotes_fields_and_uses_invariant_numbers()
    {
        string csv = Path.Combine(folder, "out", "rows.csv");
        var row = new ResultRow(new ResultKey("unet+nlce", "pgd", 0.5, "fr", 1, "a,b"), 0.75, 0.6, 0.5, null);
        ResultsStore.WriteCsv(csv, [row]);
        var lines = File.ReadAllLines(csv);
        Assert.Equal("model,attack,epsilon,defense,seed,image,dice,jaccard,linf,l2", lines[0]);
        Assert.Equal("unet+nlce,pgd,0.5,fr,1,\"a,b\",0.75,0.6,0.5,", lines[1]);
    }
}
