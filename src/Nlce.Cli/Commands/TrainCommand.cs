using System.CommandLine;
using Nlce.Data;
using Nlce.Data.Tensors;
using Nlce.Models;
using Nlce.Training;
using Nlce.Training.Defenses;
using Nlce.Training.Losses;
using Spectre.Console;

namespace Nlce.Cli.Commands;

/// <summary>
/// <c>nlce train</c>: reads a dataset at the working resolution, builds a registered model and trains it with the NLCEN
/// paper's protocol (<see cref="TrainingRun"/>), with a progress bar showing the loss, the learning rate and the
/// validation DIC, and a checkpoint after every epoch in <c>--out</c> (continued with <c>--resume</c>). With
/// <c>--defense sat|amat|distill</c> it trains that defense instead (<see cref="DefenseTraining"/>, issue 5).
/// </summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var defaults = new TrainingOptions(Epochs: 1);
        var model = new Option<string>("--model") { Description = "Registered model name, e.g. nlcen-r18, unet.", Required = true };
        var dataset = new Option<string>("--dataset") { Description = "Dataset spec to train on (its Train split; Val, or else Test, is validated).", Required = true };
        var size = new Option<int>("--size") { Description = "Working resolution (square side).", DefaultValueFactory = _ => defaults.InputSize };
        var epochs = new Option<int>("--epochs") { Description = "Epochs to train (shared among a model's training stages).", Required = true };
        var batch = new Option<int>("--batch") { Description = "Mini-batch size.", DefaultValueFactory = _ => defaults.BatchSize };
        var rate = new Option<double?>("--lr")
        {
            Description = $"Initial Adam learning rate; default the model's recipe (the paper's {TrainingOptions.PaperLearningRate} for every model but InvertedNet's 3e-4).",
        };
        var minimumRate = new Option<double>("--min-lr") { Description = "Floor of the plateau schedule.", DefaultValueFactory = _ => defaults.MinimumLearningRate };
        var augment = new Option<bool>("--augment") { Description = "Flip and rotate (±10°) training batches, as the paper does for ISBI 2016 skin images." };
        var output = new Option<string>("--out") { Description = "Checkpoint folder of the run.", Required = true };
        var resume = new Option<bool>("--resume") { Description = "Continue the run whose checkpoint is in --out." };
        var backbone = new Option<string?>("--init-backbone") { Description = "ImageNet backbone weights from tools/export_torchvision_resnet.py (fresh runs only)." };
        var count = new Option<int?>("--count") { Description = "Phantom datasets: number of samples (default: the manifest's)." };
        var cache = new Option<string>("--cache") { Description = "Folder of prepared datasets (reused while the inputs are unchanged).", DefaultValueFactory = _ => DataCommand.DefaultCache() };
        var width = CommonOptions.Width();
        var device = CommonOptions.Device();
        var seed = CommonOptions.Seed();
        var threads = CommonOptions.Threads();
        var defenses = new DefenseOptions();

        var command = new Command("train", "Train a segmentation model with the NLCEN paper's protocol; checkpoints every epoch.")
        {
            model, dataset, size, epochs, batch, rate, minimumRate, augment, output, resume, backbone, count, cache, width, device, seed, threads,
        };
        foreach (var option in defenses.All)
            command.Options.Add(option);
        command.SetAction(async (parse, cancellation) =>
        {
            string outputFolder = parse.GetValue(output)!;
            try
            {
                var torchDevice = CommonOptions.Apply(parse.GetValue(device)!, parse.GetValue(seed), parse.GetValue(threads));
                string modelName = parse.GetValue(model)!;
                double learningRate = parse.GetValue(rate) ?? RecipeLearningRate(modelName);
                var options = new TrainingOptions(parse.GetValue(epochs), parse.GetValue(batch), learningRate,
                    MinimumLearningRate: parse.GetValue(minimumRate), InputSize: parse.GetValue(size), Augment: parse.GetValue(augment),
                    Seed: parse.GetValue(seed));
                var request = new TrainingRunRequest(outputFolder, options, parse.GetValue(resume), parse.GetValue(backbone)).Validate();
                var defense = defenses.Parse(parse);
                var source = DatasetCatalog.Open(parse.GetValue(dataset)!, new DatasetOpenOptions(Seed: parse.GetValue(seed), PhantomCount: parse.GetValue(count)));
                var store = new PreparedDatasetStore(parse.GetValue(cache)!);
                var result = await Progress().StartAsync(async context =>
                {
                    var reading = context.AddTask(Markup.Escape($"reading {source.Spec}"), maxValue: source.Samples.Count);
                    using var all = await Task.Run(() => store.Prepare(source, DatasetCatalog.Fingerprint(source), options.InputSize,
                        new SynchronousProgress<DataProgress>(p => reading.Value = p.Done), cancellation), cancellation);
                    using var data = TrainingData.FromSplits(all, source.Spec);
                    using var network = ModelRegistry.Default.Create(modelName, all.Channels, classes: 2, parse.GetValue(width));
                    int batches = (data.Train.Count + options.BatchSize - 1) / options.BatchSize;
                    var training = context.AddTask(Markup.Escape($"training {modelName}"), maxValue: (double)options.Epochs * batches);
                    var bar = new SynchronousProgress<TrainingProgress>(p => Show(training, modelName, p));
                    return await Task.Run(() => Train(defense, request, network, data, torchDevice, bar, cancellation), cancellation);
                });
                Summarise(result.Run, outputFolder);
                if (result.Defense is { } defended)
                    SummariseDefense(defended);
                return 0;
            }
            catch (OperationCanceledException)
            {
                AnsiConsole.MarkupLine($"[yellow]interrupted[/]: the checkpoint of the last finished epoch is in {Markup.Escape(outputFolder)}; continue with --resume.");
                return 130;
            }
            catch (Exception e) when (e is ArgumentException or DataFormatException or InvalidOperationException)
            {
                AnsiConsole.MarkupLine($"[red]error:[/] {Markup.Escape(Describe(e))}");
                return 1;
            }
        });
        return command;
    }

    /// <summary>The model's own initial learning rate (<see cref="SegmentationModel.LearningRate"/>), read from a narrow throwaway instance.</summary>
    private static double RecipeLearningRate(string modelName)
    {
        using var probe = ModelRegistry.Default.Create(modelName, inputChannels: 1, classes: 2, width: 0.125);
        return probe.LearningRate ?? TrainingOptions.PaperLearningRate;
    }

    private static (TrainingRunResult Run, DefenseTrainingResult? Defense) Train(DefenseChoice defense, TrainingRunRequest request, SegmentationModel network,
        TrainingData data, TorchSharp.torch.Device device, IProgress<TrainingProgress> bar, CancellationToken cancellation)
    {
        var training = new DefenseTraining(LossFactory.Paper, ModelRegistry.Default);
        var result = defense.Kind switch
        {
            DefenseKind.Sat => training.Sat(request, defense.Sat!, network, data, device, bar, cancellation),
            DefenseKind.Amat => training.Amat(request, defense.Amat!, network, data, device, bar, cancellation),
            DefenseKind.Distill => training.Distill(request, defense.Distillation!, network, data, device, defense.Teacher, bar, cancellation),
            _ => null,
        };
        return result is null
            ? (new TrainingRun(LossFactory.Paper).Execute(request, network, data, device, bar, cancellation), null)
            : (new TrainingRunResult(result.Training, null, result.ResumedAfterEpochs), result);
    }

    private static void SummariseDefense(DefenseTrainingResult result)
    {
        if (result.Teacher is { } teacher)
            AnsiConsole.MarkupLine(Markup.Escape(
                $"teacher: {teacher.History.Count} epoch(s), last loss {teacher.History[^1].TrainingLoss:F4}; checkpoint {teacher.LastCheckpoint?.SidecarPath}"));
        if (result.DiceThreshold is double tau)
            AnsiConsole.MarkupLine(Markup.Escape($"AMAT τ = {tau:F4}"));
        if (result.Margins.Count > 0)
        {
            var margins = new Table().AddColumn("epoch").AddColumn("mean margin").AddColumn("min").AddColumn("max").AddColumn("grown").AddColumn("moved");
            foreach (var m in result.Margins)
                margins.AddRow($"{m.Epoch + 1}", $"{m.Mean:F2}", $"{m.Min:F2}", $"{m.Max:F2}", $"{m.Grown}", $"{m.Moved}");
            AnsiConsole.Write(margins);
        }
    }

    /// <summary>The message without the " (Parameter 'x')" suffix that argument exceptions append.</summary>
    private static string Describe(Exception e) =>
        e is ArgumentException { ParamName: { } name } ? e.Message.Replace($" (Parameter '{name}')", "") : e.Message;

    private static Spectre.Console.Progress Progress() => AnsiConsole.Progress()
        .AutoClear(false)
        .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn());

    private static void Show(ProgressTask task, string modelName, TrainingProgress p)
    {
        task.Value = (double)p.Epoch * p.Batches + p.Batch;
        string stage = p.Stages > 1 ? $" stage {p.Stage + 1}/{p.Stages}" : "";
        string dice = p.ValidationDice is double d ? $" · val DIC {d:F4}" : "";
        string loss = p.Phase == TrainingPhase.Epoch ? $"epoch loss {p.Loss:F4}" : $"loss {p.Loss:F4}";
        task.Description = Markup.Escape($"{modelName}{stage} epoch {p.Epoch + 1}/{p.Epochs} · {loss} · lr {p.LearningRate:0.###e0}{dice}");
    }

    private static void Summarise(TrainingRunResult result, string outputFolder)
    {
        if (result.Backbone is { } init)
            AnsiConsole.MarkupLine(Markup.Escape(
                $"backbone: {init.Tensors} tensors from {init.File} under '{init.Prefix}'" + (init.AdaptedKeys.Count > 0 ? $" (adapted: {string.Join(", ", init.AdaptedKeys)})" : "")));
        var table = new Table().AddColumn("epoch").AddColumn("stage").AddColumn("loss").AddColumn("lr").AddColumn("val DIC").AddColumn("val JSC").AddColumn("s");
        foreach (var e in result.Training.History.Skip(result.ResumedAfterEpochs ?? 0))
            table.AddRow($"{e.Epoch + 1}", $"{e.Stage + 1}", $"{e.TrainingLoss:F4}", $"{e.LearningRate:0.###e0}",
                e.ValidationDice is double d ? $"{d:F4}" : "–", e.ValidationJaccard is double j ? $"{j:F4}" : "–", $"{e.Seconds:F1}");
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine($"checkpoint: {Markup.Escape(result.Training.LastCheckpoint?.SidecarPath ?? outputFolder)}");
    }
}
