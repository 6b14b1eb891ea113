using System.CommandLine;
using System.Globalization;
using Nlce.Data;
using Nlce.Defenses;
using Nlce.Evaluation.Results;
using Nlce.Evaluation.Sweep;
using Nlce.Models;
using Spectre.Console;

namespace Nlce.Cli.Commands;

/// <summary>
/// <c>nlce sweep</c>: the robustness sweep (models × attacks × ε × images, plus clean scores) into a results store
/// (<see cref="RobustnessSweep"/>), from a JSON file (<see cref="SweepJob"/>) and/or flags, flags winning. Running the same command
/// again resumes: only keys missing from the store are computed.
/// </summary>
internal static class SweepCommand
{
    /// <param name="checkpointLoader">Reads a checkpoint folder into a model; when given, models may be <c>name=checkpoint-folder</c>.</param>
    public static Command Create(Func<string, SegmentationModel>? checkpointLoader = null)
    {
        var config = new Option<string?>("--config") { Description = "Sweep file (JSON: models, attacks, eps, dataset, size, split, count, store, batch, device, seed, …)." };
        var models = new Option<string[]?>("--models")
        {
            Description = "Models as name=weights-file" + (checkpointLoader is null ? "" : " or name=checkpoint-folder") + " (repeatable).",
            AllowMultipleArgumentsPerToken = true,
        };
        var attacks = new Option<string[]?>("--attacks")
        {
            Description = $"Attacks (default targeted-ifgsm): {string.Join(", ", AttackRegistry.Default.Names)}.",
            AllowMultipleArgumentsPerToken = true,
        };
        var epsilons = new Option<double[]?>("--eps") { Description = "ε list, intensity units (default: the paper's 0.5, 1, 2, 4, …, 32).", AllowMultipleArgumentsPerToken = true };
        var dataset = DatasetOption();
        var size = new Option<int?>("--size") { Description = "Working resolution (square side, pixels; default 256)." };
        var split = SplitOption();
        var count = new Option<int?>("--count") { Description = "Only the first N images of the split (default: all)." };
        var phantomCount = PhantomCountOption();
        var store = new Option<string?>("--store") { Description = "Results store file (SQLite; created when absent, resumed when present)." };
        var batch = new Option<int?>("--batch") { Description = "Images per batch to start with (default 16; halved on out-of-memory errors)." };
        var device = new Option<string?>("--device") { Description = "Compute device: auto, cpu, cuda, cuda:N (default auto)." };
        var seed = new Option<int?>("--seed") { Description = "Seed of the result keys, the attacks' random starts and random splits (default 0)." };
        var defense = new Option<string?>("--defense") { Description = "Defense label of the result keys (default none)." };
        var inputDefense = new Option<string?>("--input-defense") { Description = $"Input defense in front of every model: {InputDefenseCatalog.Forms}." };
        var attacker = new Option<string?>("--attacker") { Description = "How the attacks treat --input-defense: ignore (default), bpda, eot (randomised defenses only)." };
        attacker.AcceptOnlyFromAmong("ignore", "bpda", "eot");
        var eotSamples = new Option<int?>("--eot-samples") { Description = "Draws per gradient under --attacker eot (default 10)." };
        var surrogate = new Option<string?>("--surrogate") { Description = "Transfer attack: craft on this model (name=weights-file or name=checkpoint-folder), score the swept models." };
        var noClean = new Option<bool>("--no-clean") { Description = "Skip the clean (unattacked) scores." };
        var cache = new Option<string?>("--cache") { Description = "Folder of prepared datasets to read from and fill (default: read the dataset directly)." };
        var dataRoot = new Option<string?>("--data-root") { Description = "Folder holding downloaded datasets." };
        var threads = CommonOptions.Threads();
        var shard = ReproduceCommand.ShardOption();

        var command = new Command("sweep", "Robustness sweep: models × attacks × ε × images (+ clean) into a results store; re-run the same command to resume.")
        {
            config, models, attacks, epsilons, dataset, size, split, count, phantomCount, store, batch, device, seed, defense, inputDefense, attacker, eotSamples, surrogate, noClean, cache, dataRoot, threads,
            shard,
        };
        // Synchronous work; the token is System.CommandLine's Ctrl+C cancellation.
        command.SetAction((parse, cancellation) => Task.FromResult(Execute(parse, cancellation)));
        return command;

        int Execute(ParseResult parse, CancellationToken cancellation)
        {
            var file = parse.GetValue(config) is { } path ? SweepJob.Read(path) : new SweepJob();
            var job = (file with
            {
                Models = Given(parse, models) ?? file.Models,
                Attacks = Given(parse, attacks) ?? file.Attacks,
                Eps = Given(parse, epsilons) ?? file.Eps,
                Dataset = Given(parse, dataset) ?? file.Dataset,
                Size = Given(parse, size) ?? file.Size,
                Split = parse.GetResult(split) is null ? file.Split : ParseSplit(parse.GetValue(split)),
                Count = Given(parse, count) ?? file.Count,
                PhantomCount = Given(parse, phantomCount) ?? file.PhantomCount,
                Store = Given(parse, store) ?? file.Store,
                Batch = Given(parse, batch) ?? file.Batch,
                Device = Given(parse, device) ?? file.Device,
                Seed = Given(parse, seed) ?? file.Seed,
                Defense = Given(parse, defense) ?? file.Defense,
                InputDefense = Given(parse, inputDefense) ?? file.InputDefense,
                Attacker = parse.GetResult(attacker) is null ? file.Attacker : Enum.Parse<AttackerAwareness>(parse.GetValue(attacker)!, ignoreCase: true),
                EotSamples = Given(parse, eotSamples) ?? file.EotSamples,
                Surrogate = Given(parse, surrogate) ?? file.Surrogate,
                Clean = !parse.GetValue(noClean) && file.Clean,
                Cache = Given(parse, cache) ?? file.Cache,
                DataRoot = Given(parse, dataRoot) ?? file.DataRoot,
            }).Validate();
            var part = parse.GetValue(shard) is { } text ? WorkShard.Parse(text) : WorkShard.Whole;
            return Run(job, part, parse.GetValue(threads), checkpointLoader, cancellation);
        }
    }

    /// <summary>The value of <paramref name="option"/> when it is on the command line, else null (the sweep file's value stands).</summary>
    private static T? Given<T>(ParseResult parse, Option<T?> option) where T : class =>
        parse.GetResult(option) is null ? null : parse.GetValue(option);

    /// <inheritdoc cref="Given{T}(ParseResult, Option{T})"/>
    private static T? Given<T>(ParseResult parse, Option<T?> option) where T : struct =>
        parse.GetResult(option) is null ? null : parse.GetValue(option);

    /// <summary>The <c>--dataset</c> option shared with <c>nlce attack</c>.</summary>
    internal static Option<string?> DatasetOption() => new("--dataset")
    {
        Description = "Dataset: a manifest id (phantom-lung, phantom-skin, jsrt-scr, isbi2016, …) or kind:path with kind ∈ jsrt, isbi2016, folder, nifti.",
    };

    /// <summary>The <c>--split</c> option shared with <c>nlce attack</c>.</summary>
    internal static Option<string> SplitOption()
    {
        var option = new Option<string>("--split") { Description = "Split to evaluate: train, val, test or all.", DefaultValueFactory = _ => "test" };
        option.AcceptOnlyFromAmong("train", "val", "test", "all");
        return option;
    }

    /// <summary>The <c>--phantom-count</c> option shared with <c>nlce attack</c>.</summary>
    internal static Option<int?> PhantomCountOption() => new("--phantom-count")
    {
        Description = "Phantom datasets: number of samples rendered (default: the manifest's); the split takes its share.",
    };

    /// <summary>A <c>--split</c> value as a split, null for all.</summary>
    internal static DatasetSplit? ParseSplit(string? value) => value switch
    {
        null or "all" => null,
        _ => Enum.Parse<DatasetSplit>(value, ignoreCase: true),
    };

    private static int Run(SweepJob job, WorkShard shard, int? threads, Func<string, SegmentationModel>? checkpointLoader, CancellationToken cancellation)
    {
        var torchDevice = CommonOptions.Apply(job.Device, job.Seed, threads);
        var images = job.ToImages();
        using var set = ConsoleProgress.Run($"loading {images.Describe()}", progress => images.Load(progress, cancellation));
        var loader = new ModelLoader(ModelRegistry.Default, checkpointLoader);
        var loaded = new Dictionary<string, SegmentationModel>(StringComparer.Ordinal);
        SegmentationModel? surrogate = null;
        try
        {
            foreach (var reference in job.References())
                loaded[reference.Name] = loader.Load(reference, set.Channels, AttackCommand.BinaryClasses, torchDevice);
            if (job.SurrogateReference() is { } surrogateReference)
                surrogate = loader.Load(surrogateReference, set.Channels, AttackCommand.BinaryClasses, torchDevice);
            var options = job.ToOptions(job.ToDefended(surrogate));
            var sweep = new RobustnessSweep(loaded, set, options, torchDevice, AttackRegistry.Default, images.Describe()) { Shard = shard };
            using var results = ResultsStore.Open(job.Store!);
            var report = Progress(sweep, results, cancellation);
            AnsiConsole.MarkupLineInterpolated(
                $"run {report.RunId} (shard {shard}): {report.Computed} results computed, {report.AlreadyStored} already stored, {report.Planned} planned; {report.OutOfMemoryRetries} out-of-memory retries; {report.Timings["total"]:F1} s");
            AnsiConsole.Write(Means(results, job, options.DefenseKey));
            AnsiConsole.MarkupLineInterpolated($"store: {results.Path}");
            return 0;
        }
        finally
        {
            foreach (var model in loaded.Values)
                model.Dispose();
            surrogate?.Dispose();
        }
    }

    private static SweepReport Progress(RobustnessSweep sweep, ResultsStore results, CancellationToken cancellation)
    {
        SweepReport report = null!;
        AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask("sweep", maxValue: 1);
                var progress = new SynchronousProgress<SweepProgress>(p =>
                {
                    task.MaxValue = Math.Max(1, p.Total);
                    task.Value = p.Done;
                    task.Description = Markup.Escape(string.Create(CultureInfo.InvariantCulture,
                        $"{p.Model} {p.Attack} batch {p.BatchSize}, {p.ItemsPerSecond:F1}/s, {p.AlreadyStored} stored before"));
                });
                report = sweep.Run(results, progress, cancellation);
                task.Value = task.MaxValue;
            });
        return report;
    }

    /// <summary>Mean DIC/JSC per model × attack × ε of the job's models, attacks and defense key (the robustness curves' data).</summary>
    private static Table Means(ResultsStore results, SweepJob job, string defenseKey)
    {
        var models = job.References().Select(r => r.Name).ToHashSet(StringComparer.Ordinal);
        var attacks = job.ToOptions().Attacks.Select(a => AttackRegistry.Default.Find(a).Name).Append(ResultKey.CleanAttack).ToHashSet(StringComparer.Ordinal);
        var table = new Table().AddColumn("model").AddColumn("attack").AddColumn(new TableColumn("ε").RightAligned())
            .AddColumn(new TableColumn("images").RightAligned()).AddColumn(new TableColumn("mean DIC").RightAligned()).AddColumn(new TableColumn("mean JSC").RightAligned());
        foreach (var row in results.MeansByModelAndEpsilon(defense: defenseKey).Where(s => models.Contains(s.Model) && attacks.Contains(s.Attack)))
            table.AddRow(Markup.Escape(row.Model), Markup.Escape(row.Attack), row.Epsilon.ToString(CultureInfo.InvariantCulture),
                row.Images.ToString(CultureInfo.InvariantCulture), row.MeanDice.ToString("F3", CultureInfo.InvariantCulture),
                row.MeanJaccard.ToString("F3", CultureInfo.InvariantCulture));
        return table;
    }
}
