using System.Diagnostics;
using System.Globalization;
using System.Text;
using Nlce.Attacks;
using Nlce.Data;
using Nlce.Data.Tensors;
using Nlce.Evaluation.Results;
using Nlce.Evaluation.Sweep;
using Nlce.Models;
using Nlce.Training;
using Nlce.Training.Losses;
using static TorchSharp.torch;

namespace Nlce.Evaluation.Reproduction;

/// <summary>One step of a reproduction, for progress displays.</summary>
/// <param name="Stage">prepare, train, sweep or report.</param>
/// <param name="Item">The model or file concerned.</param>
/// <param name="Done">Work done in this stage.</param>
/// <param name="Total">Work in this stage.</param>
/// <param name="Detail">A short human-readable status (loss, Dice, throughput).</param>
public sealed record ReproductionProgress(string Stage, string Item, double Done, double Total, string Detail);

/// <summary>What a reproduction produced.</summary>
/// <param name="Curves">Mean DIC/JSC per model and ε (ε = 0 is clean), the figure's data.</param>
/// <param name="Files">Every file written (CSV, HTML charts, the results store).</param>
/// <param name="StageSeconds">Wall time per stage and per model ("train nlcen-r18", "sweep", …).</param>
/// <param name="Reduced">True when the profile is not the paper's setting.</param>
public sealed record ReproductionResult(IReadOnlyList<ResultSummary> Curves, IReadOnlyList<string> Files, IReadOnlyDictionary<string, double> StageSeconds, bool Reduced);

/// <summary>
/// <c>nlce reproduce fig4|fig5</c>: trains whatever checkpoint of the figure's six models is missing (resuming interrupted ones),
/// attacks the test split with the paper's targeted I-FGSM (eq. 6) at the profile's ε list through the batched, resumable sweep, and
/// writes the curve data (CSV), one chart per metric (standalone HTML, plotly.js inlined) and the results store. Everything lands in
/// one output folder; re-running reuses every finished piece, so an interrupted run loses at most the epoch or batch in flight.
/// </summary>
public sealed class FigureReproduction
{
    private const string Attack = "targeted-ifgsm";
    private readonly RobustnessFigure figure;
    private readonly ReproductionProfile profile;
    private readonly string dataset;
    private readonly Device device;
    private readonly int seed;

    public FigureReproduction(RobustnessFigure figure, ReproductionProfile profile, string? dataset, Device device, int seed)
    {
        ArgumentNullException.ThrowIfNull(figure);
        ArgumentNullException.ThrowIfNull(profile);
        this.figure = figure.Validate(ModelRegistry.Default);
        this.profile = profile;
        this.dataset = dataset ?? figure.DefaultDataset;
        this.device = device;
        this.seed = seed;
    }

    /// <summary>The merged results store's file name inside the output folder.</summary>
    public const string StoreFileName = "results.sqlite";

    /// <summary>The store file name of shard <paramref name="shard"/> (<c>results.shard-K-of-N.sqlite</c>), or <see cref="StoreFileName"/> for the whole sweep.</summary>
    public static string ShardStoreFileName(WorkShard shard)
    {
        ArgumentNullException.ThrowIfNull(shard);
        return shard.IsWhole ? StoreFileName : string.Create(CultureInfo.InvariantCulture, $"results.shard-{shard.Index}-of-{shard.Count}.sqlite");
    }

    /// <summary>Runs (or resumes) the whole reproduction into <paramref name="outputFolder"/>.</summary>
    public ReproductionResult Run(string outputFolder, string preparedCache, IProgress<ReproductionProgress>? progress = null,
        CancellationToken cancellation = default) =>
        Run(outputFolder, preparedCache, ReproductionStage.All, WorkShard.Whole, progress, cancellation);

    /// <summary>
    /// Runs (or resumes) one <paramref name="stage"/> of the reproduction into <paramref name="outputFolder"/>. On a cluster: train once
    /// (<see cref="ReproductionStage.Train"/>), sweep every shard against those checkpoints (<see cref="ReproductionStage.Sweep"/> with
    /// <paramref name="shard"/> K/N, each into its own store, <see cref="ShardStoreFileName"/>), merge the shard stores into
    /// <see cref="StoreFileName"/> (<see cref="ResultsMerge"/>), then write the figure (<see cref="ReproductionStage.Report"/>).
    /// </summary>
    /// <exception cref="ArgumentException">A shard other than the whole sweep outside <see cref="ReproductionStage.Sweep"/>.</exception>
    /// <exception cref="InvalidOperationException">The sweep stage finds a checkpoint missing or unfinished, or the report stage finds no
    /// results store.</exception>
    public ReproductionResult Run(string outputFolder, string preparedCache, ReproductionStage stage, WorkShard shard,
        IProgress<ReproductionProgress>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(shard);
        if (!Enum.IsDefined(stage))
            throw new ArgumentOutOfRangeException(nameof(stage), stage, $"expected one of {string.Join(", ", Enum.GetNames<ReproductionStage>())}.");
        if (!shard.IsWhole && stage != ReproductionStage.Sweep)
            throw new ArgumentException(
                $"shard {shard} applies to the sweep stage only: train once with stage train, sweep each shard, merge, then report.", nameof(shard));
        Directory.CreateDirectory(outputFolder);
        var seconds = new Dictionary<string, double>();
        var clock = Stopwatch.StartNew();
        if (stage == ReproductionStage.Report)
            return Report(outputFolder, seconds, clock);

        var source = DatasetCatalog.Open(dataset, new DatasetOpenOptions(Seed: seed, PhantomCount: profile.PhantomCount));
        using var all = new PreparedDatasetStore(preparedCache).Prepare(source, DatasetCatalog.Fingerprint(source), profile.Size,
            new SynchronousProgress<DataProgress>(p => progress?.Report(new ReproductionProgress("prepare", source.Spec, p.Done, p.Total, p.Item))), cancellation);
        seconds["prepare"] = Lap(clock);

        var models = new Dictionary<string, SegmentationModel>();
        try
        {
            using (var data = TrainingData.FromSplits(all, source.Spec))
                foreach (var name in figure.Models)
                {
                    models[name] = Train(name, all.Channels, data, outputFolder, stage == ReproductionStage.Sweep, progress, cancellation);
                    seconds[$"train {name}"] = Lap(clock);
                }
            if (stage == ReproductionStage.Train)
                return new ReproductionResult([], [], seconds, profile.IsReduced);

            using var test = TestImages(all);
            var options = new SweepOptions { Attacks = [Attack], Epsilons = profile.Epsilons, Seed = seed }.Validate();
            using var store = ResultsStore.Open(Path.Combine(outputFolder, ShardStoreFileName(shard)));
            new RobustnessSweep(models, test, options, device, imagesDescription: $"{source.Spec} test split, {test.Count} images, {profile.Size}²") { Shard = shard }
                .Run(store, new SynchronousProgress<SweepProgress>(p => progress?.Report(new ReproductionProgress("sweep", p.Model, p.Done, p.Total,
                    string.Create(CultureInfo.InvariantCulture, $"{p.Attack}, {p.ItemsPerSecond:F1} items/s")))), cancellation);
            seconds["sweep"] = Lap(clock);
            if (stage == ReproductionStage.Sweep)
                return new ReproductionResult([], [store.Path], seconds, profile.IsReduced);

            var curves = Curves(store);
            var files = WriteReport(outputFolder, curves, store.Path);
            seconds["report"] = Lap(clock);
            return new ReproductionResult(curves, files, seconds, profile.IsReduced);
        }
        finally
        {
            foreach (var model in models.Values)
                model.Dispose();
        }
    }

    private ReproductionResult Report(string outputFolder, Dictionary<string, double> seconds, Stopwatch clock)
    {
        string path = Path.Combine(outputFolder, StoreFileName);
        if (!File.Exists(path))
            throw new InvalidOperationException(
                $"{path} does not exist: sweep first (stage sweep), and after a sharded sweep merge the shard stores into it (nlce results merge).");
        using var store = ResultsStore.Open(path);
        var curves = Curves(store);
        var files = WriteReport(outputFolder, curves, store.Path);
        seconds["report"] = Lap(clock);
        return new ReproductionResult(curves, files, seconds, profile.IsReduced);
    }

    // finishedOnly: refuse to train; the checkpoint must exist and be finished (the sweep stage of a cluster run, whose shards must
    // not train the same checkpoint at once).
    private SegmentationModel Train(string name, int channels, TrainingData data, string outputFolder, bool finishedOnly,
        IProgress<ReproductionProgress>? progress, CancellationToken cancellation)
    {
        string folder = Path.Combine(outputFolder, "checkpoints", name);
        var existing = new Training.Checkpoints.CheckpointStore(folder).TryOpen();
        bool resume = existing is not null;
        Runtime.Determinism.SeedAll(Runtime.Determinism.Derive(seed, $"init {name}"));
        var model = ModelRegistry.Default.Create(name, channels, classes: 2, profile.Width);
        try
        {
            // A multi-stage model (NWCN) needs at least one epoch per stage; the paper trains skin models with augmentation.
            var options = new TrainingOptions(Math.Max(profile.Epochs, model.TrainingStages), profile.BatchSize, InputSize: profile.Size,
                Augment: figure == RobustnessFigure.Fig5, Seed: seed) { LearningRate = model.LearningRate ?? TrainingOptions.PaperLearningRate };
            if (finishedOnly && (existing is null || existing.Sidecar.EpochsCompleted < options.Epochs))
                throw new InvalidOperationException(
                    $"{folder}: {(existing is null ? "no checkpoint" : $"checkpoint after epoch {existing.Sidecar.EpochsCompleted} of {options.Epochs}")}; " +
                    "the sweep stage only reads finished checkpoints: run this reproduction with stage train once first.");
            new TrainingRun(LossFactory.Paper).Execute(new TrainingRunRequest(folder, options, resume), model, data, device,
                new SynchronousProgress<TrainingProgress>(p => progress?.Report(new ReproductionProgress("train", name,
                    (double)p.Epoch * p.Batches + p.Batch, (double)p.Epochs * p.Batches,
                    string.Create(CultureInfo.InvariantCulture, $"epoch {p.Epoch + 1}/{p.Epochs}, loss {p.Loss:F4}") +
                    (p.ValidationDice is double d ? string.Create(CultureInfo.InvariantCulture, $", val DIC {d:F3}") : "")))), cancellation);
            model.eval();
            return model;
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    private SegmentationTensorSet TestImages(SegmentationTensorSet all)
    {
        var test = Enumerable.Range(0, all.Count).Where(i => all.Samples[i].Split == DatasetSplit.Test).Take(profile.TestImages ?? int.MaxValue).ToArray();
        if (test.Length == 0)
            throw new ArgumentException($"dataset '{dataset}' has no test images to attack.");
        return all.Select(test);
    }

    private List<ResultSummary> Curves(ResultsStore store)
    {
        var clean = store.MeansByModelAndEpsilon(ResultKey.CleanAttack).Where(s => figure.Models.Contains(s.Model));
        var attacked = store.MeansByModelAndEpsilon(Attack).Where(s => figure.Models.Contains(s.Model) && profile.Epsilons.Contains(s.Epsilon));
        return clean.Concat(attacked).OrderBy(s => figure.Models.ToList().IndexOf(s.Model)).ThenBy(s => s.Epsilon).ToList();
    }

    private List<string> WriteReport(string outputFolder, IReadOnlyList<ResultSummary> curves, string storePath)
    {
        string note = profile.IsReduced
            ? $"Reduced setting (profile '{profile.Name}': {dataset}, {profile.Size}², width ×{profile.Width}, {profile.Epochs} epochs, ε ∈ {{{string.Join(", ", profile.Epsilons)}}}); not the paper's numbers."
            : $"Paper setting (profile 'paper'): {dataset}, {profile.Size}², all 18 ε.";
        var csv = new StringBuilder("model,epsilon,images,dice,jaccard\n");
        foreach (var c in curves)
            csv.Append(CultureInfo.InvariantCulture, $"{c.Model},{c.Epsilon:R},{c.Images},{c.MeanDice:R},{c.MeanJaccard:R}\n");
        string csvPath = Path.Combine(outputFolder, $"{figure.Id}-curves.csv");
        AtomicFile.WriteAllText(csvPath, csv.ToString());
        var files = new List<string> { csvPath, storePath };
        var points = curves.Select(c => new Charts.RobustnessPoint(c.Model, c.Epsilon, c.MeanDice, c.MeanJaccard)).ToList();
        foreach (var (metric, label) in new[] { (Charts.SegmentationMetric.Dice, "dic"), (Charts.SegmentationMetric.Jaccard, "jsc") })
        {
            string path = Path.Combine(outputFolder, $"{figure.Id}-{label}.html");
            AtomicFile.WriteAllText(path, Charts.PlotlyHtml.Page($"{figure.Title} — {label.ToUpperInvariant()}", note,
                Charts.RobustnessFigures.RobustnessCurves(points, metric)));
            files.Add(path);
        }
        return files;
    }

    private static double Lap(Stopwatch clock)
    {
        double elapsed = clock.Elapsed.TotalSeconds;
        clock.Restart();
        return elapsed;
    }
}
