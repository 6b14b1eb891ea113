using System.CommandLine;
using System.Globalization;
using Nlce.Data.Formats;
using Nlce.Data.Tensors;
using Nlce.Defenses;
using Nlce.Evaluation.Defenses;
using Nlce.Evaluation.Results;
using Nlce.Evaluation.Sweep;
using Nlce.Models;
using Spectre.Console;
using static TorchSharp.torch;

namespace Nlce.Cli.Commands;

/// <summary>
/// <c>nlce defenses</c>: input-transform defenses (issue 5). <c>fr-search</c> chooses a frequency-refinement table on a validation
/// split (<see cref="FrequencyRefinementSearch"/>) and prints the benign DCT statistics behind the GD step; <c>apply</c> runs a defense
/// on one PNG; <c>check</c> prints the gradient-masking flags of a results store (<see cref="GradientMaskingChecks"/>).
/// </summary>
internal static class DefensesCommand
{
    /// <summary>The search result's file names in <c>--out</c>.</summary>
    internal const string SearchCsv = "fr-search.csv", SearchJson = "fr-search.json";

    /// <param name="checkpointLoader">Reads a checkpoint folder into a model; when given, <c>fr-search</c> takes <c>--checkpoint</c>.</param>
    public static Command Create(Func<string, SegmentationModel>? checkpointLoader = null) =>
        new("defenses", "Input-transform defenses: choose a frequency-refinement table, apply a defense to an image, check a store for gradient masking.")
        {
            Search(checkpointLoader),
            Apply(),
            Check(),
        };

    private static Command Search(Func<string, SegmentationModel>? checkpointLoader)
    {
        var model = new Option<string?>("--model") { Description = "Registered model name, with --weights; with --checkpoint, the name to report." };
        var weights = new Option<string?>("--weights") { Description = "TorchSharp weights file of the model (Module.save)." };
        var checkpoint = new Option<string?>("--checkpoint") { Description = "Checkpoint folder (weights + model configuration), instead of --model/--weights." };
        var attack = new Option<string>("--attack")
        {
            Description = $"Attack that crafts the adversarial images (ignoring FR): {string.Join(", ", AttackRegistry.Default.Names)}.",
            DefaultValueFactory = _ => "targeted-ifgsm",
        };
        var epsilon = new Option<double>("--eps") { Description = "ε in intensity units (0–255 scale).", DefaultValueFactory = _ => 8 };
        var dataset = SweepCommand.DatasetOption();
        dataset.Required = true;
        var size = new Option<int>("--size") { Description = "Working resolution (square side, pixels).", DefaultValueFactory = _ => 256 };
        var split = new Option<string>("--split") { Description = "Split to search on: train, val, test or all.", DefaultValueFactory = _ => "val" };
        split.AcceptOnlyFromAmong("train", "val", "test", "all");
        var count = new Option<int?>("--count") { Description = "Only the first N images of the split (default: all)." };
        var phantomCount = SweepCommand.PhantomCountOption();
        var defaults = new FrequencyRefinementSearchOptions();
        var pd = Steps("--pd", "PD", defaults.PdValues);
        var ac = Steps("--ac", "AC", defaults.AcValues);
        var gd = Steps("--gd", "GD", defaults.GdValues);
        var budget = new Option<double>("--budget")
        {
            Description = "Largest mean clean-DIC loss (without FR − with FR) a table may cost.",
            DefaultValueFactory = _ => defaults.CleanLossBudget,
        };
        var batch = new Option<int>("--batch") { Description = "Images per batch (halved on out-of-memory errors).", DefaultValueFactory = _ => defaults.BatchSize };
        var output = new Option<string>("--out") { Description = $"Output folder for {SearchCsv} and {SearchJson}.", Required = true };
        var device = CommonOptions.Device();
        var seed = CommonOptions.Seed();
        var threads = CommonOptions.Threads();

        var command = new Command("fr-search",
            "Grid-search the frequency-refinement table (PD × AC × GD) on a validation split: maximise DIC on FR(adversarial) within a clean-DIC loss budget.")
        {
            model, weights, attack, epsilon, dataset, size, split, count, phantomCount, pd, ac, gd, budget, batch, output, device, seed, threads,
        };
        if (checkpointLoader is not null)
            command.Options.Add(checkpoint);
        command.SetAction((parse, cancellation) => Task.FromResult(Execute(parse, cancellation)));
        return command;

        int Execute(ParseResult parse, CancellationToken cancellation)
        {
            var torchDevice = CommonOptions.Apply(parse.GetValue(device)!, parse.GetValue(seed), parse.GetValue(threads));
            var entry = AttackRegistry.Default.Find(parse.GetValue(attack)!);
            var options = new FrequencyRefinementSearchOptions
            {
                PdValues = parse.GetValue(pd)!, AcValues = parse.GetValue(ac)!, GdValues = parse.GetValue(gd)!,
                CleanLossBudget = parse.GetValue(budget), Epsilon = parse.GetValue(epsilon), Seed = parse.GetValue(seed), BatchSize = parse.GetValue(batch),
            }.Validate();
            var reference = ModelReference.FromOptions(parse.GetValue(model), parse.GetValue(weights), checkpointLoader is null ? null : parse.GetValue(checkpoint));
            var images = new EvaluationImages
            {
                Dataset = parse.GetValue(dataset)!,
                Size = parse.GetValue(size),
                Split = SweepCommand.ParseSplit(parse.GetValue(split)),
                Count = parse.GetValue(count),
                PhantomCount = parse.GetValue(phantomCount),
                Seed = parse.GetValue(seed),
            }.Validate();
            using var set = ConsoleProgress.Run($"loading {images.Describe()}", progress => images.Load(progress, cancellation));
            using var network = new ModelLoader(ModelRegistry.Default, checkpointLoader).Load(reference, set.Channels, AttackCommand.BinaryClasses, torchDevice);

            BenignDctStatistics statistics;
            using (var benign = set.Images.to(float32))
                statistics = BenignDctStatistics.Measure(benign, options.GdValues);
            var search = new FrequencyRefinementSearch(network, reference.Name, entry, options, torchDevice);
            var result = ConsoleProgress.Run($"{entry.Name} ε={F(options.Epsilon, "R")} on {reference.Name}, {search.Candidates().Count} tables",
                progress => search.Run(set, new SynchronousProgress<FrequencyRefinementSearchProgress>(
                    p => progress.Report(new DataProgress(p.Done, p.Total, p.Item))), cancellation));

            string folder = parse.GetValue(output)!;
            Directory.CreateDirectory(folder);
            result.WriteCsv(Path.Combine(folder, SearchCsv));
            result.WriteJson(Path.Combine(folder, SearchJson));
            AnsiConsole.Write(DctTable(statistics));
            AnsiConsole.Write(SearchTable(result));
            AnsiConsole.MarkupLine(Markup.Escape(result.Chosen is { } chosen
                ? $"chosen table: {chosen.Table} (FR-adversarial DIC {F(chosen.AdversarialDice)}, clean loss {F(chosen.CleanLoss)})"
                : $"no table keeps the clean-DIC loss within {F(options.CleanLossBudget)}; raise --budget or add candidates with smaller steps."));
            AnsiConsole.MarkupLineInterpolated($"wrote {SearchCsv} and {SearchJson} to {Path.GetFullPath(folder)}");
            return 0;
        }
    }

    private static Command Apply()
    {
        var defense = new Option<string>("--defense") { Description = $"The defense: {InputDefenseCatalog.Forms}.", Required = true };
        var input = new Option<string>("--in") { Description = "Input image (PNG, JPEG, BMP, GIF; grey or RGB).", Required = true };
        var output = new Option<string>("--out") { Description = "Output PNG.", Required = true };
        var command = new Command("apply", "Apply an input defense (frequency refinement or JPEG quantisation) to one image and write it as PNG.")
        {
            defense, input, output,
        };
        command.SetAction(parse =>
        {
            Nlce.Runtime.TorchRuntime.EnsureLoaded();
            var transform = InputDefenseCatalog.Parse(parse.GetValue(defense)!);
            var image = RasterImageFormat.ReadImage(parse.GetValue(input)!);
            using var scope = NewDisposeScope();
            var pixels = ImageTensors.FromImage(image).unsqueeze(0);
            var defended = transform.Apply(pixels);
            RasterImageFormat.WritePng(ImageTensors.ToImage(defended[0]), parse.GetValue(output)!);
            double change = (defended - pixels).abs().mean().item<float>() * 255;
            AnsiConsole.MarkupLine(Markup.Escape(
                $"{transform}: {image.Width}×{image.Height}×{image.Channels}, mean |change| {F(change, "F2")} intensity levels → {Path.GetFullPath(parse.GetValue(output)!)}"));
            return 0;
        });
        return command;
    }

    private static Command Check()
    {
        var store = new Option<string>("--store") { Description = "Results store file (SQLite) written by nlce sweep.", Required = true };
        var tolerance = new Option<double>("--tolerance")
        {
            Description = "How far mean DIC may move the wrong way before a check fires.",
            DefaultValueFactory = _ => new GradientMaskingOptions().Tolerance,
        };
        var output = new Option<string?>("--out") { Description = "Also write the flags as CSV to this file." };
        var command = new Command("check",
            "Gradient-masking checks for every model and defense of a store: ε not monotone, more iterations not helping (pgd vs pgd-100), transfer beating white-box.")
        {
            store, tolerance, output,
        };
        command.SetAction(parse =>
        {
            string path = parse.GetValue(store)!;
            if (!File.Exists(path))
                throw new Nlce.Data.DataFormatException(path, "no such results store.");
            using var results = ResultsStore.Open(path);
            var flags = GradientMaskingChecks.CheckAll(results.Rows(), new GradientMaskingOptions { Tolerance = parse.GetValue(tolerance) });
            if (parse.GetValue(output) is { } csv)
                GradientMaskingChecks.WriteCsv(csv, flags);
            if (flags.Count == 0)
                AnsiConsole.MarkupLine("no gradient-masking flags.");
            else
            {
                var table = new Table();
                foreach (string column in GradientMaskingFlag.Columns)
                    table.AddColumn(Markup.Escape(column));
                foreach (var flag in flags)
                    table.AddRow(flag.Cells().Select(Markup.Escape).ToArray());
                AnsiConsole.Write(table);
                AnsiConsole.MarkupLineInterpolated($"{flags.Count} gradient-masking flag(s).");
            }
            return 0;
        });
        return command;
    }

    private static Option<double[]> Steps(string name, string band, IReadOnlyList<double> defaults) => new(name)
    {
        Description = $"Candidate {band} steps (0–255 scale).",
        AllowMultipleArgumentsPerToken = true,
        DefaultValueFactory = _ => [.. defaults],
    };

    private static Table DctTable(BenignDctStatistics statistics)
    {
        var table = new Table().AddColumn(new TableColumn("GD").RightAligned()).AddColumn(new TableColumn("GD coefficients zeroed").RightAligned())
            .AddColumn(new TableColumn("GD energy zeroed").RightAligned());
        foreach (var z in statistics.Zeroing.OrderByDescending(z => z.ZeroedEnergy))
            table.AddRow(F(z.Gd, "R"), F(z.ZeroedCoefficients, "P1"), F(z.ZeroedEnergy, "P1"));
        table.Caption = new TableTitle(Markup.Escape(
            $"benign DCT statistics over {statistics.Blocks} blocks: mean |C| PD {F(statistics.MeanAbsoluteByBand[FrequencyBand.PriorityDefense], "F1")}, " +
            $"AC {F(statistics.MeanAbsoluteByBand[FrequencyBand.AccuracyCompensation], "F1")}, GD {F(statistics.MeanAbsoluteByBand[FrequencyBand.GlobalDefense], "F2")}"));
        return table;
    }

    private static Table SearchTable(FrequencyRefinementSearchResult result)
    {
        var table = new Table();
        foreach (var heading in new[] { "PD", "AC", "GD", "DIC FR(clean)", "DIC FR(adversarial)", "clean loss", "within budget" })
            table.AddColumn(new TableColumn(heading).RightAligned());
        foreach (var c in result.Candidates)
            table.AddRow(F(c.Table.Pd, "R"), F(c.Table.Ac, "R"), F(c.Table.Gd, "R"), F(c.CleanDice), F(c.AdversarialDice), F(c.CleanLoss),
                c == result.Chosen ? "chosen" : c.WithinBudget ? "yes" : "no");
        table.Caption = new TableTitle(Markup.Escape(
            $"{result.Model}, {result.Attack} ε = {F(result.Epsilon, "R")}, {result.Images} images: without FR clean {F(result.CleanDice)}, adversarial {F(result.AdversarialDice)}"));
        return table;
    }

    private static string F(double value, string format = "F3") => value.ToString(format, CultureInfo.InvariantCulture);
}
