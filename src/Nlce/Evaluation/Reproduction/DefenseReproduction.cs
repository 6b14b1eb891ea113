using System.Diagnostics;
using System.Globalization;
using Nlce.Data;
using Nlce.Data.Tensors;
using Nlce.Defenses;
using Nlce.Evaluation.Results;
using Nlce.Evaluation.Sweep;
using Nlce.Models;
using Nlce.Runtime;
using Nlce.Training;
using Nlce.Training.Checkpoints;
using Nlce.Training.Defenses;
using Nlce.Training.Losses;
using static TorchSharp.torch;

namespace Nlce.Evaluation.Reproduction;

/// <summary>
/// <c>nlce reproduce defenses</c> (issue 5): trains — or takes from the output folder's checkpoint cache, resuming interrupted runs —
/// the undefended, SAT, AMAT (τ = the undefended model's mean training DIC) and distilled versions of one registry model at a
/// profile's size, then sweeps them into one results store: every model under I-FGSM, targeted I-FGSM (NLCEN eq. 6), PGD and its
/// many-iteration twin (<see cref="DefenseSweepPlan"/>) over the profile's ε list; the undefended model also behind frequency refinement (seed 003) and a JPEG
/// baseline, attacked by an attacker that ignores the transform and by BPDA through it; the trained defenses also under transfer
/// attacks crafted on the undefended twin. It writes the curves (CSV and one chart per attack), the Wilcoxon tables, defense
/// efficiency and benign cost, and the gradient-masking flags (<see cref="DefenseReproductionReport"/>). Re-running reuses every
/// finished checkpoint and stored result.
/// </summary>
public sealed class DefenseReproduction
{
    /// <summary>The input defenses put in front of the undefended model: frequency refinement and its JPEG baseline.</summary>
    public static IReadOnlyList<string> InputDefenses { get; } = ["fr", "jpeg-q75"];

    /// <summary>The label of the undefended model in reports.</summary>
    public const string Undefended = "undefended";

    private readonly ReproductionProfile profile;
    private readonly string dataset;
    private readonly string model;
    private readonly Device device;
    private readonly int seed;
    private readonly DefenseTrainingSettings settings;
    private readonly DefenseSweepPlan plan;

    /// <param name="profile">Sizes: phantom count, resolution, width, epochs, batch size, ε list, attacked images.</param>
    /// <param name="dataset">Dataset spec; null for <c>phantom-lung</c>.</param>
    /// <param name="model">Registry name of the defended architecture; null for <c>nlcen-r18</c>.</param>
    /// <param name="device">Where models train and are attacked.</param>
    /// <param name="seed">Seed of the data, the initial weights, the training runs and the attacks.</param>
    /// <param name="settings">Training-defense hyperparameters; null for <see cref="DefenseTrainingSettings.For"/> the profile.</param>
    /// <exception cref="ArgumentException">An unknown model name.</exception>
    public DefenseReproduction(ReproductionProfile profile, string? dataset, string? model, Device device, int seed, DefenseTrainingSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(device);
        this.profile = profile;
        this.dataset = string.IsNullOrWhiteSpace(dataset) ? "phantom-lung" : dataset;
        this.model = ModelRegistry.Default.Find(model ?? "nlcen-r18").Name;
        this.device = device;
        this.seed = seed;
        this.settings = (settings ?? DefenseTrainingSettings.For(profile)).Validate();
        plan = DefenseSweepPlan.For(profile);
    }

    /// <summary>The attacks swept at this profile.</summary>
    public DefenseSweepPlan Plan => plan;

    /// <summary>The registry name of the defended architecture.</summary>
    public string Model => model;

    /// <summary>The model name of the result keys and checkpoint folder of a training defense (<c>nlcen-r18-sat</c>).</summary>
    public string DefendedModelName(DefenseKind kind) => kind == DefenseKind.None ? model : $"{model}-{DefenseLabel(kind)}";

    /// <summary>The checkpoint folder of <paramref name="kind"/> under <paramref name="outputFolder"/>.</summary>
    public string CheckpointFolder(string outputFolder, DefenseKind kind)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(outputFolder);
        return Path.Combine(outputFolder, "checkpoints", DefendedModelName(kind));
    }

    /// <summary>The sentence every output carries: a reduced setting (with its sizes) or the paper's.</summary>
    public string Note => profile.IsReduced
        ? string.Create(CultureInfo.InvariantCulture,
            $"Reduced setting (profile '{profile.Name}': {dataset}, {profile.Size}², {model} at width ×{profile.Width}, {profile.Epochs} epochs, inner PGD {settings.Sat.Iterations} (SAT) / {settings.Amat.Iterations} (AMAT) iterations, ε ∈ {{{string.Join(", ", profile.Epsilons)}}}); trends only, not the papers' numbers.")
        : $"Paper setting (profile 'paper'): {dataset}, {profile.Size}², {model} at full width, every ε of the paper.";

    /// <summary>Runs (or resumes) the reproduction into <paramref name="outputFolder"/>.</summary>
    /// <param name="outputFolder">Checkpoints, results store, CSV and HTML files.</param>
    /// <param name="preparedCache">Folder of prepared datasets.</param>
    /// <param name="progress">Stages prepare, train, sweep and report.</param>
    /// <param name="cancellation">Stops between epochs, batches or attack iterations; finished work stays.</param>
    public DefenseReproductionResult Run(string outputFolder, string preparedCache, IProgress<ReproductionProgress>? progress = null,
        CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(outputFolder);
        ArgumentException.ThrowIfNullOrWhiteSpace(preparedCache);
        Directory.CreateDirectory(outputFolder);
        var seconds = new Dictionary<string, double>();
        var clock = Stopwatch.StartNew();

        var source = DatasetCatalog.Open(dataset, new DatasetOpenOptions(Seed: seed, PhantomCount: profile.PhantomCount));
        using var all = new PreparedDatasetStore(preparedCache).Prepare(source, DatasetCatalog.Fingerprint(source), profile.Size,
            new SynchronousProgress<DataProgress>(p => progress?.Report(new ReproductionProgress("prepare", source.Spec, p.Done, p.Total, p.Item))), cancellation);
        seconds["prepare"] = Lap(clock);

        var models = new Dictionary<DefenseKind, SegmentationModel>();
        try
        {
            double tau;
            IReadOnlyList<MarginEpochSummary> margins;
            using (var data = TrainingData.FromSplits(all, source.Spec))
            {
                models[DefenseKind.None] = TrainUndefended(all.Channels, data, outputFolder, progress, cancellation);
                seconds[$"train {DefendedModelName(DefenseKind.None)}"] = Lap(clock);
                tau = ValidationEvaluator.Evaluate(models[DefenseKind.None], data.Train, profile.BatchSize, device).MeanDice;
                foreach (var kind in new[] { DefenseKind.Sat, DefenseKind.Amat, DefenseKind.Distill })
                {
                    models[kind] = TrainDefended(kind, all.Channels, data, tau, outputFolder, progress, cancellation);
                    seconds[$"train {DefendedModelName(kind)}"] = Lap(clock);
                }
                margins = AmatObjective.MarginHistory(Checkpoint.Open(CheckpointFolder(outputFolder, DefenseKind.Amat)));
            }

            using var test = TestImages(all);
            using var store = ResultsStore.Open(Path.Combine(outputFolder, "results.sqlite"));
            string description = $"{source.Spec} test split, {test.Count} images, {profile.Size}²";
            var (conditions, computed, stored) = Sweep(models, test, store, description, progress, cancellation);
            seconds["sweep"] = Lap(clock);

            var report = new DefenseReproductionReport(conditions, Note, seed, plan.Masking);
            var rows = store.Rows();
            var result = report.Write(outputFolder, rows, margins, tau, store.Path);
            seconds["report"] = Lap(clock);
            progress?.Report(new ReproductionProgress("report", outputFolder, 1, 1, $"{result.Files.Count} files"));
            return result with
            {
                Computed = computed,
                AlreadyStored = stored,
                StageSeconds = seconds,
                Reduced = profile.IsReduced,
            };
        }
        finally
        {
            foreach (var network in models.Values)
                network.Dispose();
        }
    }

    private (List<DefenseCondition> Conditions, int Computed, int Stored) Sweep(IReadOnlyDictionary<DefenseKind, SegmentationModel> models,
        SegmentationTensorSet test, ResultsStore store, string description, IProgress<ReproductionProgress>? progress, CancellationToken cancellation)
    {
        var conditions = new List<DefenseCondition>();
        int computed = 0, stored = 0;
        void Run(string label, SegmentationModel network, string name, SweepOptions options, bool transfer)
        {
            var report = new RobustnessSweep(new Dictionary<string, SegmentationModel> { [name] = network }, test, options.Validate(), device,
                plan.Registry, description).Run(store, new SynchronousProgress<SweepProgress>(p => progress?.Report(new ReproductionProgress("sweep",
                    label, p.Done, p.Total, string.Create(CultureInfo.InvariantCulture, $"{p.Attack}, {p.ItemsPerSecond:F1} items/s")))), cancellation);
            computed += report.Computed;
            stored += report.AlreadyStored;
            conditions.Add(new DefenseCondition(label, name, options.DefenseKey, transfer));
        }

        var undefended = models[DefenseKind.None];
        var baseOptions = new SweepOptions { Attacks = plan.Attacks, Epsilons = profile.Epsilons, Seed = seed };
        foreach (var (kind, network) in models)
            Run(kind == DefenseKind.None ? Undefended : DefenseLabel(kind), network, DefendedModelName(kind),
                baseOptions with { Defense = kind == DefenseKind.None ? ResultKey.NoDefense : DefenseLabel(kind) }, transfer: false);
        foreach (string defense in InputDefenses)
            foreach (var attacker in new[] { AttackerAwareness.Ignore, AttackerAwareness.Bpda })
            {
                var options = baseOptions with { Defended = new DefendedEvaluation { Transform = InputDefenseCatalog.Parse(defense), Attacker = attacker } };
                Run(options.DefenseKey, undefended, model, options, transfer: false);
            }
        foreach (var (kind, network) in models.Where(pair => pair.Key != DefenseKind.None))
        {
            var options = baseOptions with
            {
                Attacks = plan.TransferAttacks,
                IncludeClean = false,
                Defense = DefenseLabel(kind),
                Defended = new DefendedEvaluation { Surrogate = undefended, SurrogateName = model },
            };
            Run(options.DefenseKey, network, DefendedModelName(kind), options, transfer: true);
        }
        return (conditions, computed, stored);
    }

    private SegmentationModel TrainUndefended(int channels, TrainingData data, string outputFolder, IProgress<ReproductionProgress>? progress,
        CancellationToken cancellation)
    {
        string folder = CheckpointFolder(outputFolder, DefenseKind.None);
        return Train(DefenseKind.None, channels, (network, options) => new TrainingRun(LossFactory.Paper).Execute(
            new TrainingRunRequest(folder, options, Exists(folder)), network, data, device, Progress(DefenseKind.None, progress), cancellation));
    }

    private SegmentationModel TrainDefended(DefenseKind kind, int channels, TrainingData data, double tau, string outputFolder,
        IProgress<ReproductionProgress>? progress, CancellationToken cancellation)
    {
        string folder = CheckpointFolder(outputFolder, kind);
        var training = new DefenseTraining(LossFactory.Paper, ModelRegistry.Default);
        var report = Progress(kind, progress);
        return Train(kind, channels, (network, options) =>
        {
            bool resume = Exists(folder) || (kind == DefenseKind.Distill && Exists(Path.Combine(folder, DefenseTraining.TeacherFolderName)));
            var request = new TrainingRunRequest(folder, options, resume);
            _ = kind switch
            {
                DefenseKind.Sat => training.Sat(request, settings.Sat, network, data, device, report, cancellation),
                DefenseKind.Amat => training.Amat(request, settings.Amat with { DiceThreshold = tau }, network, data, device, report, cancellation),
                DefenseKind.Distill => training.Distill(request, settings.Distillation, network, data, device, progress: report, cancellation: cancellation),
                _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "expected a training defense."),
            };
        });
    }

    private SegmentationModel Train(DefenseKind kind, int channels, Action<SegmentationModel, TrainingOptions> train)
    {
        string name = DefendedModelName(kind);
        Determinism.SeedAll(Determinism.Derive(seed, $"initial weights of {name}"));
        var network = ModelRegistry.Default.Create(model, channels, classes: 2, profile.Width);
        try
        {
            var options = new TrainingOptions(Math.Max(profile.Epochs, network.TrainingStages), profile.BatchSize, InputSize: profile.Size,
                Augment: channels == 3, Seed: seed);
            train(network, options);
            network.eval();
            return network;
        }
        catch
        {
            network.Dispose();
            throw;
        }
    }

    private IProgress<TrainingProgress> Progress(DefenseKind kind, IProgress<ReproductionProgress>? progress)
    {
        string name = DefendedModelName(kind);
        return new SynchronousProgress<TrainingProgress>(p => progress?.Report(new ReproductionProgress("train", name,
            (double)p.Epoch * p.Batches + p.Batch, (double)p.Epochs * p.Batches,
            string.Create(CultureInfo.InvariantCulture, $"epoch {p.Epoch + 1}/{p.Epochs}, loss {p.Loss:F4}") +
            (p.ValidationDice is double d ? string.Create(CultureInfo.InvariantCulture, $", val DIC {d:F3}") : ""))));
    }

    private SegmentationTensorSet TestImages(SegmentationTensorSet all)
    {
        var test = Enumerable.Range(0, all.Count).Where(i => all.Samples[i].Split == DatasetSplit.Test).Take(profile.TestImages ?? int.MaxValue).ToArray();
        if (test.Length == 0)
            throw new ArgumentException($"dataset '{dataset}' has no test images to attack.");
        return all.Select(test);
    }

    private static bool Exists(string folder) => File.Exists(Path.Combine(folder, CheckpointStore.SidecarFileName));

    /// <summary>The short label of a training defense in keys and reports: sat, amat, distill.</summary>
    public static string DefenseLabel(DefenseKind kind) => kind switch
    {
        DefenseKind.None => ResultKey.NoDefense,
        DefenseKind.Sat => "sat",
        DefenseKind.Amat => "amat",
        DefenseKind.Distill => "distill",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    private static double Lap(Stopwatch clock)
    {
        double elapsed = clock.Elapsed.TotalSeconds;
        clock.Restart();
        return elapsed;
    }
}
