using System.CommandLine;
using Nlce.Data;
using Nlce.Data.Export;
using Nlce.Data.Fetch;
using Nlce.Data.Tensors;
using Nlce.Data.Verification;
using Nlce.Runtime;
using Spectre.Console;

namespace Nlce.Cli.Commands;

/// <summary><c>nlce data list | fetch | verify | prepare | export</c>.</summary>
internal static class DataCommand
{
    public static Command Create() => new("data", "Datasets: list the manifests, download public ones, verify files, prepare tensors, export in real formats.")
    {
        List(),
        Fetch(),
        Verify(),
        Prepare(),
        Export(),
    };

    private static Option<string?> DataRoot() => new("--data-root")
    {
        Description = $"Folder holding downloaded datasets, one sub-folder per id (default: ${DatasetCatalog.DataRootVariable} or ~/.local/share/nlce/datasets).",
    };

    private static Argument<string> Spec() => new("spec")
    {
        Description = "Dataset: a manifest id (phantom-lung, phantom-skin, jsrt-scr, isbi2016, …) or kind:path with kind ∈ jsrt, isbi2016, folder, nifti.",
    };

    private static Command List()
    {
        var command = new Command("list", "List the datasets the library knows (embedded manifests), with their terms.");
        command.SetAction(_ =>
        {
            var table = new Table().AddColumn("id").AddColumn("title").AddColumn("licence").AddColumn("registration").AddColumn("splits").AddColumn("reader");
            foreach (var m in DatasetCatalog.Manifests.All)
                table.AddRow(Markup.Escape(m.Id), Markup.Escape(m.Title), Markup.Escape(m.Licence.Name), m.RegistrationRequired ? "required" : "no",
                    Markup.Escape(string.Join(", ", m.Splits.Select(s => $"{s.Key} {s.Value.Count}"))), m.Layout.Kind.ToString().ToLowerInvariant());
            AnsiConsole.Write(table);
            return 0;
        });
        return command;
    }

    private static Command Fetch()
    {
        var id = new Argument<string>("id") { Description = "Manifest id of a publicly downloadable dataset (see `nlce data list`)." };
        var root = DataRoot();
        var command = new Command("fetch", "Download a public dataset: resumable, SHA-256 checked where the manifest has a hash, safe archive extraction.") { id, root };
        command.SetAction(async (parse, cancellation) =>
        {
            var manifest = DatasetCatalog.Manifests.Get(parse.GetValue(id)!);
            string target = Path.Combine(DatasetCatalog.DataRoot(new DatasetOpenOptions(DataRoot: parse.GetValue(root))), manifest.Id);
            try
            {
                using var http = new HttpClient(new HttpClientHandler { AutomaticDecompression = System.Net.DecompressionMethods.None });
                FetchReport report = null!;
                await AnsiConsole.Progress()
                    .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new DownloadedColumn(), new TransferSpeedColumn())
                    .StartAsync(async context =>
                    {
                        var tasks = new Dictionary<string, ProgressTask>();
                        var progress = new SynchronousProgress<FetchProgress>(p =>
                        {
                            if (!tasks.TryGetValue(p.File, out var task))
                                tasks[p.File] = task = context.AddTask(Markup.Escape(p.File), maxValue: p.TotalBytes ?? 1);
                            task.MaxValue = p.TotalBytes ?? Math.Max(task.MaxValue, p.BytesDone);
                            task.Value = p.BytesDone;
                        });
                        report = await new DatasetFetcher(http).FetchAsync(manifest, target, progress, cancellation);
                    });
                foreach (var source in report.Sources)
                    AnsiConsole.MarkupLineInterpolated($"{source.Download.Path}  sha256 {source.Download.Sha256}");
                AnsiConsole.MarkupLineInterpolated($"[green]{manifest.Id}[/] is in {report.DatasetRoot}");
                return 0;
            }
            catch (FetchRefusedException e)
            {
                AnsiConsole.WriteLine(e.Message);
                return 3;
            }
        });
        return command;
    }

    private static Command Verify()
    {
        var spec = Spec();
        var root = DataRoot();
        var command = new Command("verify", "Check a dataset's files: list missing, extra and unreadable files by name (exit code 1 when any).") { spec, root };
        command.SetAction(parse =>
        {
            var report = ConsoleProgress.Run("verifying", _ =>
                DatasetVerifier.Verify(parse.GetValue(spec)!, new DatasetOpenOptions(DataRoot: parse.GetValue(root))));
            foreach (var (label, items) in new[] { ("missing", report.Missing), ("extra", report.Extra), ("unreadable", report.Unreadable), ("problem", report.Problems) })
                foreach (var item in items)
                    AnsiConsole.MarkupLineInterpolated($"[red]{label}[/] {item}");
            AnsiConsole.MarkupLineInterpolated(
                $"{report.Spec}: {report.SamplesChecked} samples decoded; {report.Missing.Count} missing, {report.Extra.Count} extra, {report.Unreadable.Count} unreadable, {report.Problems.Count} other problems.");
            return report.IsClean ? 0 : 1;
        });
        return command;
    }

    private static Command Prepare()
    {
        var spec = Spec();
        var size = new Option<int>("--size") { Description = "Working resolution (square side, pixels).", DefaultValueFactory = _ => 256 };
        var cache = new Option<string>("--cache") { Description = "Folder of prepared datasets.", DefaultValueFactory = _ => DefaultCache() };
        var count = new Option<int?>("--count") { Description = "Phantom datasets: number of samples (default: the manifest's)." };
        var root = DataRoot();
        var command = new Command("prepare", "Read, resize and cache a dataset as memory-mappable tensors; reused while its inputs are unchanged.") { spec, size, cache, count, root };
        command.SetAction(parse =>
        {
            TorchRuntime.EnsureLoaded();
            var dataset = DatasetCatalog.Open(parse.GetValue(spec)!, new DatasetOpenOptions(PhantomCount: parse.GetValue(count), DataRoot: parse.GetValue(root)));
            var store = new PreparedDatasetStore(parse.GetValue(cache)!);
            string fingerprint = DatasetCatalog.Fingerprint(dataset);
            int side = parse.GetValue(size);
            bool reused = store.IsPrepared(dataset.Spec, side, fingerprint);
            using var set = ConsoleProgress.Run($"preparing {dataset.Spec}", progress => store.Prepare(dataset, fingerprint, side, progress));
            var splits = set.Samples.GroupBy(s => s.Split).Select(g => $"{g.Key.ToString().ToLowerInvariant()} {g.Count()}");
            AnsiConsole.MarkupLineInterpolated(
                $"{dataset.Spec}: {set.Count} samples ({string.Join(", ", splits)}), {set.Channels}×{set.Height}×{set.Width}, {(reused ? "reused" : "written")}: {store.EntryFolder(dataset.Spec, side, fingerprint)}");
            return 0;
        });
        return command;
    }

    private static Command Export()
    {
        var spec = Spec();
        var layout = new Option<ExportLayout>("--format") { Description = "On-disk layout: Jsrt, Isbi2016 or Folder.", Required = true };
        var output = new Option<string>("--out") { Description = "Target folder.", Required = true };
        var count = new Option<int?>("--count") { Description = "Phantom datasets: number of samples (default: the manifest's)." };
        var size = new Option<int?>("--size") { Description = "Phantom datasets: side in pixels (default: the manifest's)." };
        var command = new Command("export", "Write a dataset (e.g. a phantom) in a real on-disk format: JSRT .IMG + SCR .gif, ISBI 2016 .jpg + .png, or a folder.") { spec, layout, output, count, size };
        command.SetAction(parse =>
        {
            var dataset = DatasetCatalog.Open(parse.GetValue(spec)!, new DatasetOpenOptions(PhantomCount: parse.GetValue(count), PhantomSize: parse.GetValue(size)));
            int files = ConsoleProgress.Run($"exporting {dataset.Spec}", progress =>
                DatasetExporter.Export(dataset, parse.GetValue(layout), parse.GetValue(output)!, progress));
            AnsiConsole.MarkupLineInterpolated($"wrote {files} files under {Path.GetFullPath(parse.GetValue(output)!)}");
            return 0;
        });
        return command;
    }

    /// <summary>Default folder of prepared datasets: <c>~/.cache/nlce/prepared</c> (see <see cref="UserFolders"/>).</summary>
    internal static string DefaultCache() => Path.Combine(UserFolders.Cache, "prepared");
}
