using System.CommandLine;
using System.Globalization;
using Nlce.Data;
using Nlce.Evaluation.Results;
using Nlce.Evaluation.Sweep;
using Spectre.Console;

namespace Nlce.Cli.Commands;

/// <summary>
/// <c>nlce results merge|show|export</c>: combine the stores of a sharded sweep (<see cref="ResultsMerge"/>), list a store's runs and
/// mean scores, or write its rows as CSV.
/// </summary>
internal static class ResultsCommand
{
    public static Command Create() => new("results", "Results stores: merge the shards of a sweep, show a store, export its rows.")
    {
        Merge(),
        Show(),
        Export(),
    };

    private static Command Merge()
    {
        var stores = new Argument<string[]>("stores") { Description = "The shard stores (results.shard-K-of-N.sqlite, …).", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string>("--out") { Description = "The merged store (created when absent; merging again changes nothing).", Required = true };
        var command = new Command("merge", "Merge the stores of one sweep's shards into one store; stores of different sweep configurations are refused.")
        {
            stores, output,
        };
        command.SetAction(parse =>
        {
            var report = ResultsMerge.Merge(parse.GetValue(stores)!, parse.GetValue(output)!);
            var table = new Table().AddColumn("store").AddColumn(new TableColumn("runs copied").RightAligned())
                .AddColumn(new TableColumn("rows copied").RightAligned()).AddColumn(new TableColumn("already there").RightAligned())
                .AddColumn(new TableColumn("differing (kept)").RightAligned());
            foreach (var source in report.Sources)
                table.AddRow(Markup.Escape(source.Path), Number(source.Import.RunsCopied), Number(source.Import.RowsCopied),
                    Number(source.Import.RowsIdentical), Number(source.Import.RowsDiffering));
            AnsiConsole.Write(table);
            AnsiConsole.MarkupLineInterpolated($"merged store {report.Target}: {report.Rows} rows, configuration {report.ConfigHash[..12]}…");
            int differing = report.Sources.Sum(s => s.Import.RowsDiffering);
            if (differing > 0)
                AnsiConsole.MarkupLineInterpolated(
                    $"[yellow]{differing} row(s) were already stored with other values and kept as they were (float rounding of another batch composition, or a rerun).[/]");
            return 0;
        });
        return command;
    }

    private static Command Show()
    {
        var store = new Argument<string>("store") { Description = "A results store." };
        var command = new Command("show", "List a store's runs (shard, device, timings) and its mean DIC/JSC per model, attack and ε.") { store };
        command.SetAction(parse =>
        {
            using var results = OpenExisting(parse.GetValue(store)!);
            var runs = new Table().AddColumn("run").AddColumn("started (UTC)").AddColumn("finished").AddColumn("shard").AddColumn("device")
                .AddColumn("backend").AddColumn("configuration").AddColumn(new TableColumn("total s").RightAligned());
            foreach (var run in results.Runs())
            {
                string shard = SweepRunConfig.FromJson(run.Info.ConfigJson)?.Shard ?? "whole";
                runs.AddRow(Markup.Escape(run.RunId), run.StartedUtc.ToString("u", CultureInfo.InvariantCulture),
                    run.FinishedUtc is null ? "unfinished" : "yes", shard, Markup.Escape(run.Info.Device), Markup.Escape(run.Info.Backend),
                    run.Info.ConfigHash[..12] + "…",
                    run.Timings.TryGetValue("total", out double total) ? total.ToString("F1", CultureInfo.InvariantCulture) : "–");
            }
            AnsiConsole.Write(runs);
            var means = new Table().AddColumn("model").AddColumn("attack").AddColumn("defense").AddColumn(new TableColumn("ε").RightAligned())
                .AddColumn(new TableColumn("images").RightAligned()).AddColumn(new TableColumn("mean DIC").RightAligned())
                .AddColumn(new TableColumn("mean JSC").RightAligned());
            foreach (var row in results.MeansByModelAndEpsilon())
                means.AddRow(Markup.Escape(row.Model), Markup.Escape(row.Attack), Markup.Escape(row.Defense), row.Epsilon.ToString(CultureInfo.InvariantCulture),
                    Number(row.Images), row.MeanDice.ToString("F3", CultureInfo.InvariantCulture), row.MeanJaccard.ToString("F3", CultureInfo.InvariantCulture));
            AnsiConsole.Write(means);
            return 0;
        });
        return command;
    }

    private static Command Export()
    {
        var store = new Argument<string>("store") { Description = "A results store." };
        var csv = new Option<string>("--csv") { Description = "The CSV file to write (one line per stored row).", Required = true };
        var command = new Command("export", "Write every row of a store as CSV (model, attack, ε, defense, seed, image, DIC, JSC, ‖δ‖∞, ‖δ‖₂).") { store, csv };
        command.SetAction(parse =>
        {
            using var results = OpenExisting(parse.GetValue(store)!);
            var rows = results.Rows();
            ResultsStore.WriteCsv(parse.GetValue(csv)!, rows);
            AnsiConsole.MarkupLineInterpolated($"wrote {rows.Count} rows to {Path.GetFullPath(parse.GetValue(csv)!)}");
            return 0;
        });
        return command;
    }

    /// <summary>Opens a store that must exist (<see cref="ResultsStore.Open"/> would create an empty one).</summary>
    private static ResultsStore OpenExisting(string path) =>
        File.Exists(path) ? ResultsStore.Open(path) : throw new DataFormatException(Path.GetFullPath(path), "no such results store.");

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
