using System.CommandLine;
using System.Globalization;
using Nlce.Evaluation.Reproduction;
using Nlce.Evaluation.Sweep;
using Spectre.Console;

namespace Nlce.Cli.Commands;

/// <summary><c>nlce reproduce fig4|fig5|defenses</c>: train what is missing, sweep, write curves, charts and console tables; for
/// fig4|fig5, <c>--stage</c> and <c>--shard</c> split the work for clusters (train once, sweep N shards, merge, report).</summary>
internal static class ReproduceCommand
{
    public static Command Create()
    {
        var figure = new Argument<string>("figure") { Description = "fig4 (lungs, JSRT), fig5 (skin lesions, ISBI 2016) or defenses (issue 5: SAT, AMAT, distillation, FR)." };
        var profile = new Option<string>("--profile")
        {
            Description = "smoke (seconds), quick (minutes on a laptop CPU; a reduced setting), paper (the paper's settings: 256², full widths, 18 ε).",
            DefaultValueFactory = _ => "quick",
        };
        var dataset = new Option<string?>("--dataset") { Description = "Dataset spec (default: phantom-lung for fig4 and defenses, phantom-skin for fig5)." };
        var model = new Option<string?>("--model") { Description = "defenses only: the registry model to defend (default nlcen-r18)." };
        var output = new Option<string>("--out") { Description = "Output folder (checkpoints, results store, CSV, charts); re-running resumes.", DefaultValueFactory = _ => "artifacts/reproduce" };
        var cache = new Option<string>("--cache") { Description = "Folder of prepared datasets.", DefaultValueFactory = _ => DataCommand.DefaultCache() };
        var device = CommonOptions.Device();
        var seed = CommonOptions.Seed();
        var threads = CommonOptions.Threads();
        var stage = new Option<string>("--stage")
        {
            Description = "all (default), or for a cluster: train (checkpoints only, once), sweep (finished checkpoints, one shard), report (from the merged store).",
            DefaultValueFactory = _ => "all",
        };
        stage.AcceptOnlyFromAmong("all", "train", "sweep", "report");
        var shard = ShardOption();
        var command = new Command("reproduce", "Reproduce a robustness figure of the paper: trains the six models (or reuses their checkpoints), attacks, plots.")
        {
            figure, profile, dataset, model, output, cache, device, seed, threads, stage, shard,
        };
        command.SetAction((parse, cancellation) =>
        {
            if (DefensesReproduction.Matches(parse.GetValue(figure)!))
            {
                if (parse.GetResult(stage) is { Implicit: false } || parse.GetResult(shard) is { Implicit: false })
                    throw new ArgumentException("--stage and --shard apply to fig4 and fig5 only; 'reproduce defenses' runs whole.", "--stage");
                return Task.FromResult(DefensesReproduction.Run(parse, profile, dataset, model, output, cache, device, seed, threads, cancellation));
            }
            if (parse.GetResult(model) is { Implicit: false })
                throw new ArgumentException("--model applies to 'reproduce defenses' only; fig4 and fig5 train their six models.", "--model");
            var chosen = RobustnessFigure.Parse(parse.GetValue(figure)!);
            var settings = ReproductionProfile.Parse(parse.GetValue(profile)!);
            var torchDevice = CommonOptions.Apply(parse.GetValue(device)!, parse.GetValue(seed), parse.GetValue(threads));
            string folder = Path.Combine(parse.GetValue(output)!, $"{chosen.Id}-{settings.Name}");
            if (settings.IsReduced)
                AnsiConsole.MarkupLine($"[yellow]profile '{settings.Name}' is a reduced setting[/] ({settings.Size}², width ×{settings.Width}, {settings.Epochs} epochs, ε ∈ {{{string.Join(", ", settings.Epsilons)}}}): the curves show trends, not the paper's numbers.");
            var chosenStage = Enum.Parse<ReproductionStage>(parse.GetValue(stage)!, ignoreCase: true);
            var chosenShard = parse.GetValue(shard) is { } text ? WorkShard.Parse(text) : WorkShard.Whole;
            var reproduction = new FigureReproduction(chosen, settings, parse.GetValue(dataset), torchDevice, parse.GetValue(seed));
            ReproductionResult result = null!;
            AnsiConsole.Progress()
                .AutoClear(false)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                .Start(context =>
                {
                    var tasks = new Dictionary<string, ProgressTask>();
                    var progress = new SynchronousProgress<ReproductionProgress>(p =>
                    {
                        string key = p.Stage == "sweep" ? "sweep" : $"{p.Stage} {p.Item}";
                        if (!tasks.TryGetValue(key, out var task))
                            tasks[key] = task = context.AddTask(Markup.Escape(key), maxValue: Math.Max(1, p.Total));
                        task.MaxValue = Math.Max(1, p.Total);
                        task.Value = p.Done;
                        task.Description = Markup.Escape($"{key}: {p.Detail}");
                    });
                    result = reproduction.Run(folder, parse.GetValue(cache)!, chosenStage, chosenShard, progress, cancellation);
                    foreach (var task in tasks.Values)
                        task.Value = task.MaxValue;
                });
            Show(result);
            return Task.FromResult(0);
        });
        return command;
    }

    /// <summary>The <c>--shard K/N</c> option shared with <c>nlce sweep</c>.</summary>
    internal static Option<string?> ShardOption() => new("--shard")
    {
        Description = "Compute only part K/N of the planned results (K from 0, round-robin over the key list) into its own store; " +
            "merge the N stores with 'nlce results merge'.",
    };

    private static void Show(ReproductionResult result)
    {
        AnsiConsole.MarkupLine(Markup.Escape("time per stage: " + string.Join(", ", result.StageSeconds.Select(s => $"{s.Key} {s.Value:F1} s"))));
        foreach (var file in result.Files)
            AnsiConsole.MarkupLine(Markup.Escape($"wrote {file}"));
        if (result.Curves.Count == 0)
            return;
        var epsilons = result.Curves.Select(c => c.Epsilon).Distinct().Order().ToList();
        var table = new Table().AddColumn("model");
        foreach (var e in epsilons)
            table.AddColumn(new TableColumn(e == 0 ? "clean" : $"ε={e.ToString(CultureInfo.InvariantCulture)}").RightAligned());
        foreach (var model in result.Curves.Select(c => c.Model).Distinct())
            table.AddRow([Markup.Escape(model), .. epsilons.Select(e => result.Curves.FirstOrDefault(c => c.Model == model && c.Epsilon == e) is { } c
                ? c.MeanDice.ToString("F3", CultureInfo.InvariantCulture)
                : "–")]);
        table.Caption("mean DIC on the attacked test images (targeted I-FGSM, paper eq. 6)" + (result.Reduced ? "; reduced setting" : ""));
        AnsiConsole.Write(table);
    }
}
