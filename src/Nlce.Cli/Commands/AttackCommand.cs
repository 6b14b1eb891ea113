using System.CommandLine;
using System.Globalization;
using Nlce.Data;
using Nlce.Evaluation.Sweep;
using Nlce.Models;
using Spectre.Console;

namespace Nlce.Cli.Commands;

/// <summary>
/// <c>nlce attack</c>: attacks a trained model on a few images at one ε and writes the adversarial images, the perturbations, the
/// predictions and <c>summary.json</c> (see <see cref="AdversarialExamples"/>); prints DIC/JSC clean vs attacked per image.
/// </summary>
internal static class AttackCommand
{
    /// <summary>Classes of the models the command builds: the datasets' masks are binary (background, foreground).</summary>
    internal const int BinaryClasses = 2;

    /// <param name="checkpointLoader">Reads a checkpoint folder into a model; when given, the command takes <c>--checkpoint</c>.</param>
    public static Command Create(Func<string, SegmentationModel>? checkpointLoader = null)
    {
        var model = new Option<string?>("--model") { Description = "Registered model name (see `nlce models`), with --weights; with --checkpoint, the name to report." };
        var weights = new Option<string?>("--weights") { Description = "TorchSharp weights file of the model (Module.save)." };
        var checkpoint = new Option<string?>("--checkpoint") { Description = "Checkpoint folder (weights + model configuration), instead of --model/--weights." };
        var attack = new Option<string>("--attack")
        {
            Description = $"Attack: {string.Join(", ", AttackRegistry.Default.Names)}.",
            Required = true,
        };
        var epsilon = new Option<double>("--eps") { Description = "ε in intensity units (0–255 scale), in the attack's norm.", Required = true };
        var dataset = SweepCommand.DatasetOption();
        dataset.Required = true;
        var size = new Option<int>("--size") { Description = "Working resolution (square side, pixels).", DefaultValueFactory = _ => 256 };
        var split = SweepCommand.SplitOption();
        var count = new Option<int>("--count") { Description = "Attack the first N images of the split.", DefaultValueFactory = _ => 4 };
        var phantomCount = SweepCommand.PhantomCountOption();
        var batch = new Option<int>("--batch") { Description = "Images per batch (halved on out-of-memory errors).", DefaultValueFactory = _ => 8 };
        var output = new Option<string>("--out") { Description = "Output folder for the PNGs and summary.json.", Required = true };
        var device = CommonOptions.Device();
        var seed = CommonOptions.Seed();
        var threads = CommonOptions.Threads();

        var command = new Command("attack",
            "Attack a trained model at one ε: write adversarial images, perturbations (0.5 + δ/2ε), clean and adversarial predictions as PNG, and summary.json.")
        {
            model, weights, attack, epsilon, dataset, size, split, count, phantomCount, batch, output, device, seed, threads,
        };
        if (checkpointLoader is not null)
            command.Options.Add(checkpoint);
        // Synchronous work; the token is System.CommandLine's Ctrl+C cancellation.
        command.SetAction((parse, cancellation) => Task.FromResult(Execute(parse, cancellation)));
        return command;

        int Execute(ParseResult parse, CancellationToken cancellation)
        {
            var torchDevice = CommonOptions.Apply(parse.GetValue(device)!, parse.GetValue(seed), parse.GetValue(threads));
            var entry = AttackRegistry.Default.Find(parse.GetValue(attack)!);
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
            using var network = new ModelLoader(ModelRegistry.Default, checkpointLoader).Load(reference, set.Channels, BinaryClasses, torchDevice);
            var summary = ConsoleProgress.Run($"{entry.Name} ε={parse.GetValue(epsilon).ToString(CultureInfo.InvariantCulture)} on {reference.Name}", progress =>
                new AdversarialExamples(network, reference.Name, entry, torchDevice).Write(set, parse.GetValue(epsilon), parse.GetValue(output)!,
                    parse.GetValue(seed), parse.GetValue(batch), images.Describe(), progress, cancellation));
            AnsiConsole.Write(Table(summary));
            AnsiConsole.MarkupLineInterpolated($"wrote {summary.Results.Count} image sets and {AdversarialExamples.SummaryFile} to {Path.GetFullPath(parse.GetValue(output)!)}");
            return 0;
        }
    }

    private static Table Table(AttackSummary summary)
    {
        var table = new Table().AddColumn("image");
        foreach (var heading in new[] { "DIC clean", "DIC attacked", "JSC clean", "JSC attacked", "‖δ‖∞", "‖δ‖₂", "iterations" })
            table.AddColumn(new TableColumn(heading).RightAligned());
        foreach (var r in summary.Results)
            table.AddRow(Markup.Escape(r.Name), F(r.CleanDice), F(r.AdversarialDice), F(r.CleanJaccard), F(r.AdversarialJaccard),
                F(r.Linf, "F2"), F(r.L2, "F1"), r.Iterations.ToString(CultureInfo.InvariantCulture));
        table.AddRow("[bold]mean[/]", F(summary.MeanCleanDice), F(summary.MeanAdversarialDice), F(summary.MeanCleanJaccard),
            F(summary.MeanAdversarialJaccard), "", "", "");
        table.Caption = new TableTitle(Markup.Escape($"{summary.Model}, {summary.AttackSettings}, ε = {summary.Epsilon.ToString(CultureInfo.InvariantCulture)} ({summary.Norm})"));
        return table;
    }

    private static string F(double value, string format = "F3") => value.ToString(format, CultureInfo.InvariantCulture);
}
