using System.Diagnostics;
using System.Reflection;
using Nlce.Attacks;
using Nlce.Data.Tensors;
using Nlce.Defenses;
using Nlce.Evaluation.Results;
using Nlce.Models;
using Nlce.Runtime;
using static TorchSharp.torch;

namespace Nlce.Evaluation.Sweep;

/// <summary>
/// The robustness sweep of the NLCEN paper's comparison (Comparison with the State of the Art, Fig. 4/5; Evaluation Metrics): every
/// model × attack × ε × image, scored by DIC and JSC (eq. 7–8) against the ground truth, plus every image's clean score (attack
/// <see cref="ResultKey.CleanAttack"/>, ε = 0), stored one row per key in a <see cref="ResultsStore"/>.
/// </summary>
/// <remarks>
/// <para>Batching: the images of one model and attack are queued ε by ε and cut into batches, so one batch may hold images at
/// several ε, each with its own ε and iteration budget (<see cref="AttackBatch"/>); images whose budget is spent wait for the
/// others. A batch that runs out of memory is retried at half the size (<see cref="SweepReport.OutOfMemoryRetries"/>).</para>
/// <para>Resumption: before computing, the sweep asks the store which planned keys are missing and computes only those; each
/// batch is written in one transaction, so a cancelled or killed run keeps every finished batch, and running the same sweep again
/// finishes the rest. Cancellation is honoured between batches and between attack iterations.</para>
/// <para>Every run records its configuration (<see cref="SweepRunConfig"/>), library version, device, backend and stage timings in
/// the store's run table; a run whose images, weights or attack settings differ from those already stored under the same names is
/// refused, so a store never mixes rows computed from different inputs.</para>
/// <para>Defended evaluation (<see cref="SweepOptions.Defended"/>): every scored image, clean or adversarial, passes through the input
/// defense; the attacks craft on the bare model (ignore), through the defense with BPDA or EOT, or on a transfer surrogate; the rows
/// carry <see cref="SweepOptions.DefenseKey"/> and the run records the defense's settings, so rows of different settings under one
/// key are refused like rows of different weights.</para>
/// <para>Models must live on the sweep's device. Every key's random choices (the PGD family's random start) are seeded by the key
/// itself (<see cref="ResultKey.RandomSeed"/>), so a row does not depend on how images were batched or sharded, up to the float
/// rounding of batched kernels.</para>
/// </remarks>
public sealed class RobustnessSweep
{
    private readonly IReadOnlyList<KeyValuePair<string, SegmentationModel>> models;
    private readonly SegmentationTensorSet images;
    private readonly IReadOnlyList<AttackEntry> attacks;
    private readonly SweepOptions options;
    private readonly Device device;
    private readonly double fingerprintSeconds;
    private readonly WorkShard shard = WorkShard.Whole;

    /// <param name="models">The models to evaluate, by the name their result keys carry; evaluated in ordinal name order.</param>
    /// <param name="images">The images and ground truth (e.g. a dataset's test split); sample names must be unique.</param>
    /// <param name="options">Attacks, ε list, defense label, seed, batch size; null for the paper's protocol.</param>
    /// <param name="device">Where batches are computed; the models must already be there. Null for the CPU.</param>
    /// <param name="registry">Where attack names are looked up; null for <see cref="AttackRegistry.Default"/>.</param>
    /// <param name="imagesDescription">Where the images came from (dataset spec, split, size), recorded in the run table.</param>
    /// <exception cref="ArgumentException">No model, a blank or repeated name, an unknown attack, repeated sample names, or a model
    /// whose input channels differ from the images'.</exception>
    public RobustnessSweep(IReadOnlyDictionary<string, SegmentationModel> models, SegmentationTensorSet images, SweepOptions? options = null,
        Device? device = null, AttackRegistry? registry = null, string? imagesDescription = null)
    {
        ArgumentNullException.ThrowIfNull(models);
        ArgumentNullException.ThrowIfNull(images);
        this.options = (options ?? new SweepOptions()).Validate();
        this.device = device ?? CPU;
        this.images = images;
        if (models.Count == 0)
            throw new ArgumentException("a sweep needs at least one model.", nameof(models));
        foreach (var (name, model) in models)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(name, nameof(models));
            ArgumentNullException.ThrowIfNull(model, nameof(models));
            if (model.Config.InputChannels != images.Channels)
                throw new ArgumentException(
                    $"model '{name}' takes {model.Config.InputChannels} channel(s) but the images have {images.Channels}.", nameof(models));
        }
        this.models = models.OrderBy(entry => entry.Key, StringComparer.Ordinal).ToArray();
        if (this.options.Defended?.Surrogate is { } surrogate)
            foreach (var (name, model) in models)
                if (surrogate.Config.InputChannels != model.Config.InputChannels || surrogate.Config.Classes != model.Config.Classes)
                    throw new ArgumentException(
                        $"transfer surrogate '{this.options.Defended.SurrogateName}' takes {surrogate.Config.InputChannels} channel(s) and {surrogate.Config.Classes} classes; " +
                        $"model '{name}' takes {model.Config.InputChannels} and {model.Config.Classes}.", nameof(options));
        var repeated = images.Samples.GroupBy(sample => sample.Name, StringComparer.Ordinal).FirstOrDefault(group => group.Count() > 1);
        if (repeated is not null)
            throw new ArgumentException($"sample name '{repeated.Key}' occurs {repeated.Count()} times; result keys need unique image names.", nameof(images));
        var attackRegistry = registry ?? AttackRegistry.Default;
        attacks = this.options.Attacks.Select(attackRegistry.Find).ToArray();

        var clock = Stopwatch.StartNew();
        Config = new SweepRunConfig(SweepRunConfig.SweepKind,
            new SweepImageIdentity(images.Count, images.Channels, images.Height, images.Width, TensorDigest.Of(images), imagesDescription),
            this.models.Select(entry => new SweepModelIdentity(entry.Key, entry.Value.Config.Name, entry.Value.Config.InputChannels,
                entry.Value.Config.Classes, TensorDigest.Of(entry.Value))).ToArray(),
            attacks.Select(entry => new SweepAttackIdentity(entry.Name, entry.Create(this.options.Seed).ToString() ?? entry.Name, entry.Targets)).ToArray(),
            [.. this.options.Epsilons], this.options.IncludeClean, this.options.DefenseKey, this.options.Seed, this.options.BatchSize,
            DefenseIdentity(this.options.Defended));
        fingerprintSeconds = clock.Elapsed.TotalSeconds;
    }

    /// <summary>The configuration this sweep records, with the digests of its images and weights (and its shard, unless whole).</summary>
    public SweepRunConfig Config { get; private init; }

    /// <summary>The part of the planned keys this sweep computes; default <see cref="WorkShard.Whole"/>. Shards of one sweep write
    /// separate stores that <see cref="ResultsMerge"/> combines.</summary>
    public WorkShard Shard
    {
        get => shard;
        init
        {
            ArgumentNullException.ThrowIfNull(value);
            shard = value;
            Config = Config with { Shard = value.IsWhole ? null : value.ToString() };
        }
    }

    /// <summary>Every result key the sweep covers, in computation order: per model, the clean keys, then per attack, ε by ε, image by
    /// image; of those, the ones of <see cref="Shard"/> (round-robin over this order, see <see cref="WorkShard"/>).</summary>
    public IReadOnlyList<ResultKey> PlannedKeys() =>
        shard.Select(models.SelectMany(model => WorkOf(model.Key).SelectMany(work => work.Items.Select(item => item.Key))).ToArray());

    /// <summary>Computes every planned key that <paramref name="store"/> does not hold yet and writes it there, batch by batch.</summary>
    /// <param name="store">The results store; rows already there are neither recomputed nor overwritten.</param>
    /// <param name="progress">Receives a report after every stored batch and every batch halving, on the calling thread.</param>
    /// <param name="cancellation">Stops the run between batches or attack iterations; finished batches stay stored and the run stays
    /// marked unfinished in the run table.</param>
    /// <exception cref="InvalidOperationException">The store holds rows computed from other images, weights or attack settings under
    /// the same names.</exception>
    /// <exception cref="OperationCanceledException">The run was cancelled.</exception>
    public SweepReport Run(ResultsStore store, IProgress<SweepProgress>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var clock = Stopwatch.StartNew();
        var timings = new Dictionary<string, double> { ["fingerprint"] = fingerprintSeconds };

        RefuseConflicts(store);
        var planned = PlannedKeys();
        var missing = store.Missing(planned).ToHashSet();
        timings["plan"] = clock.Elapsed.TotalSeconds;

        string hash = Config.Hash();
        string runId = store.BeginRun(new RunInfo(Config.ToJson(), hash, LibraryVersion(), device.ToString(),
            TorchBackendInfo.Current.ToString().ToLowerInvariant()));
        var tally = new Tally(missing.Count, planned.Count - missing.Count, clock, progress);
        int retries = 0;
        foreach (var (name, model) in models)
        {
            // One size per model, kept across its attacks: a halving found under one attack spares the next one the failed try.
            var batches = new AdaptiveBatches(options.BatchSize);
            foreach (var work in WorkOf(name))
            {
                var todo = work.Items.Where(item => missing.Contains(item.Key)).ToArray();
                if (todo.Length == 0)
                    continue;
                var stage = Stopwatch.StartNew();
                double writing = 0;
                batches.Run(todo, batch =>
                {
                    var rows = work.Entry is null ? ScoreClean(model, batch) : ScoreAttacked(model, work.Entry, batch, cancellation);
                    var write = Stopwatch.StartNew();
                    store.Write(runId, rows);
                    writing += write.Elapsed.TotalSeconds;
                    tally.Add(rows.Length, name, work.AttackName, batches.Size);
                }, size => tally.Report(name, work.AttackName, size), cancellation);
                Accumulate(timings, work.Entry is null ? "clean" : $"attack:{work.AttackName}", stage.Elapsed.TotalSeconds - writing);
                Accumulate(timings, "write", writing);
            }
            retries += batches.Retries;
        }
        timings["total"] = clock.Elapsed.TotalSeconds;
        store.FinishRun(runId, timings);
        return new SweepReport(runId, hash, planned.Count, planned.Count - missing.Count, tally.Done, retries, timings);
    }

    private ResultRow[] ScoreClean(SegmentationModel model, IReadOnlyList<WorkItem> batch)
    {
        using var gathered = ImageBatch.Gather(images, batch.Select(item => item.Image).ToArray(), TargetRule.None, device);
        using var scope = NewDisposeScope();
        var scores = gathered.Score(model, options.Defended?.Defend(gathered.Images) ?? gathered.Images);
        return batch.Select((item, i) => new ResultRow(item.Key, scores.Dice[i], scores.Jaccard[i], 0, 0)).ToArray();
    }

    private ResultRow[] ScoreAttacked(SegmentationModel model, AttackEntry entry, IReadOnlyList<WorkItem> batch, CancellationToken cancellation)
    {
        using var gathered = ImageBatch.Gather(images, batch.Select(item => item.Image).ToArray(), entry.Targets, device);
        // A defended evaluation crafts on its surrogate (transfer) and through its transform as the attacker sees it, and scores the
        // evaluated model on the defended adversarial images.
        var defended = options.Defended;
        var attack = entry.Create(options.Seed);
        using var result = gathered.Attack(defended?.AttackFor(attack) ?? attack, defended?.CraftingModel(model) ?? model,
            batch.Select(item => item.Key.Epsilon).ToArray(), new CancellationCheck(cancellation), batch.Select(item => item.Key.RandomSeed()).ToArray());
        using var scope = NewDisposeScope();
        var scores = gathered.Score(model, defended?.Defend(result.Adversarial) ?? result.Adversarial);
        return batch.Select((item, i) => new ResultRow(item.Key, scores.Dice[i], scores.Jaccard[i], result.LinfNorms[i], result.L2Norms[i])).ToArray();
    }

    private IEnumerable<Work> WorkOf(string model)
    {
        if (options.IncludeClean)
            yield return new Work(null, ResultKey.CleanAttack, Items(model, ResultKey.CleanAttack, [0]));
        foreach (var entry in attacks)
            yield return new Work(entry, entry.Name, Items(model, entry.Name, options.Epsilons));
    }

    private WorkItem[] Items(string model, string attack, IReadOnlyList<double> epsilons) =>
        epsilons.SelectMany(epsilon => images.Samples.Select((sample, index) =>
            new WorkItem(new ResultKey(model, attack, epsilon, options.DefenseKey, options.Seed, sample.Name), index))).ToArray();

    private void RefuseConflicts(ResultsStore store)
    {
        foreach (var run in store.Runs())
        {
            SweepRunConfig? earlier;
            try
            {
                earlier = SweepRunConfig.FromJson(run.Info.ConfigJson);
            }
            catch (System.Text.Json.JsonException e)
            {
                throw new InvalidDataException($"{store.Path}: runs.config_json of run {run.RunId} is not a readable sweep configuration ({e.Message}).", e);
            }
            if (earlier is null)
                continue;
            var conflicts = Config.ConflictsWith(earlier);
            if (conflicts.Count > 0)
                throw new InvalidOperationException(
                    $"{store.Path}: run {run.RunId} stored rows under the same names from different inputs; use another store or other names. " +
                    string.Join("; ", conflicts) + ".");
        }
    }

    private static SweepDefenseIdentity? DefenseIdentity(DefendedEvaluation? defended) => defended is null ? null : new SweepDefenseIdentity(
        defended.Key, defended.Transform?.ToString() ?? defended.Transform?.Name, defended.Attacker.ToString().ToLowerInvariant(),
        defended.Transform is not null && defended.Attacker == AttackerAwareness.Eot ? defended.EotSamples : null,
        defended.SurrogateName, defended.Surrogate is null ? null : TensorDigest.Of(defended.Surrogate));

    private static string LibraryVersion()
    {
        var assembly = typeof(RobustnessSweep).Assembly;
        return assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? assembly.GetName().Version?.ToString() ?? "unknown";
    }

    private static void Accumulate(Dictionary<string, double> timings, string stage, double seconds) =>
        timings[stage] = timings.GetValueOrDefault(stage) + seconds;

    /// <summary>One key to compute and the index of its image in the set.</summary>
    private sealed record WorkItem(ResultKey Key, int Image);

    /// <summary>The keys of one model under one attack (or clean, <paramref name="Entry"/> null), ε by ε.</summary>
    private sealed record Work(AttackEntry? Entry, string AttackName, WorkItem[] Items);

    /// <summary>Counts stored results and turns them into <see cref="SweepProgress"/> reports.</summary>
    private sealed class Tally(int total, int alreadyStored, Stopwatch clock, IProgress<SweepProgress>? progress)
    {
        public int Done { get; private set; }

        public void Add(int rows, string model, string attack, int batchSize)
        {
            Done += rows;
            Report(model, attack, batchSize);
        }

        public void Report(string model, string attack, int batchSize)
        {
            var elapsed = clock.Elapsed;
            progress?.Report(new SweepProgress(Done, total, alreadyStored, model, attack, batchSize,
                elapsed.TotalSeconds > 0 ? Done / elapsed.TotalSeconds : 0, elapsed));
        }
    }
}
