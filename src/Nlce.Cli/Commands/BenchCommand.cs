using System.CommandLine;
using System.Globalization;
using Nlce.Bench;
using Spectre.Console;

namespace Nlce.Cli.Commands;

/// <summary>
/// <c>nlce bench</c>: the performance figures of issue #8 — (a) nlcen-r18 train step, (b) one targeted I-FGSM iteration, (c) forward
/// throughput, (d) optionally the whole <c>reproduce fig4</c> — with warm-up, median/p10/p90 of the timed repetitions, the
/// environment, peak memory, a JSON report, performance levers as flags, and <c>--compare-pytorch</c> to time the PyTorch reference
/// (<c>bench/pytorch/bench_nlcen.py</c>) in the same job and print the TorchSharp/PyTorch ratio per figure.
/// </summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var profile = new Option<string>("--profile") { Description = "standard (the issue's sizes: 256², batches 8/64/64, 20 repetitions) or smoke (seconds; tests).", DefaultValueFactory = _ => "standard" };
        profile.AcceptOnlyFromAmong("standard", "smoke");
        var figures = new Option<string>("--figures") { Description = "Figures to measure: letters or ids, e.g. a,b,c (default) or a,b,c,d; d = the full reproduce fig4 (long).", DefaultValueFactory = _ => "a,b,c" };
        var reproduce = new Option<bool>("--reproduce") { Description = "Also measure (d): the full 'reproduce fig4' (paper profile; smoke profile under --profile smoke). Long." };
        var size = new Option<int?>("--size") { Description = "Input side in pixels (multiple of 32)." };
        var width = new Option<double?>("--width") { Description = "Channel-width multiplier of the model." };
        var trainBatch = new Option<int?>("--train-batch") { Description = "Batch of (a)." };
        var attackBatch = new Option<int?>("--attack-batch") { Description = "Batch of (b)." };
        var forwardBatch = new Option<int?>("--forward-batch") { Description = "Batch of (c)." };
        var warmup = new Option<int?>("--warmup") { Description = "Untimed repetitions first." };
        var repetitions = new Option<int?>("--reps") { Description = "Timed repetitions per figure (the issue asks for ≥ 20)." };
        var tf32 = new Option<bool>("--tf32") { Description = "Allow TF32 in CUDA matmuls and cuDNN convolutions (no effect on CPU)." };
        var channelsLast = new Option<bool>("--channels-last") { Description = "Feed inputs in channels-last (NHWC) layout." };
        var half = new Option<bool>("--half") { Description = "float16 for (b) attack and (c) forward (CUDA only)." };
        var json = new Option<string?>("--json") { Description = "Write the report as JSON (schema nlce-bench/1) to this file." };
        var workFolder = new Option<string>("--work") { Description = "Working folder of (d); each run writes a new sub-folder there.", DefaultValueFactory = _ => Path.Combine("artifacts", "bench", "reproduce-fig4") };
        var compare = new Option<bool>("--compare-pytorch") { Description = "Also run bench/pytorch/bench_nlcen.py with the same settings on the same device and print TorchSharp/PyTorch per figure." };
        var python = new Option<string>("--python") { Description = "Python interpreter for --compare-pytorch.", DefaultValueFactory = _ => "python3" };
        var script = new Option<string>("--pytorch-script") { Description = "Path of the PyTorch reference.", DefaultValueFactory = _ => Path.Combine("bench", "pytorch", "bench_nlcen.py") };
        var device = CommonOptions.Device();
        var seed = CommonOptions.Seed();
        var threads = CommonOptions.Threads();
        var command = new Command("bench", "Benchmark figures of issue #8 (train step, attack iteration, forward, optionally reproduce fig4) with JSON output.")
        {
            profile, figures, reproduce, size, width, trainBatch, attackBatch, forwardBatch, warmup, repetitions, tf32, channelsLast, half, json, workFolder,
            compare, python, script, device, seed, threads,
        };
        command.SetAction((parse, cancellation) =>
        {
            var chosen = BenchFigures.Parse(parse.GetValue(figures)!).ToList();
            if (parse.GetValue(reproduce) && !chosen.Contains(BenchFigure.ReproduceFig4))
                chosen.Add(BenchFigure.ReproduceFig4);
            var baseSettings = BenchSettings.ForProfile(parse.GetValue(profile)!);
            var settings = (baseSettings with
            {
                Size = parse.GetValue(size) ?? baseSettings.Size,
                Width = parse.GetValue(width) ?? baseSettings.Width,
                TrainBatch = parse.GetValue(trainBatch) ?? baseSettings.TrainBatch,
                AttackBatch = parse.GetValue(attackBatch) ?? baseSettings.AttackBatch,
                ForwardBatch = parse.GetValue(forwardBatch) ?? baseSettings.ForwardBatch,
                Warmup = parse.GetValue(warmup) ?? baseSettings.Warmup,
                Repetitions = parse.GetValue(repetitions) ?? baseSettings.Repetitions,
                Tf32 = parse.GetValue(tf32),
                ChannelsLast = parse.GetValue(channelsLast),
                Half = parse.GetValue(half),
                Seed = parse.GetValue(seed),
            }).Validate();
            if (settings != baseSettings with { Tf32 = settings.Tf32, ChannelsLast = settings.ChannelsLast, Half = settings.Half, Seed = settings.Seed })
                settings = settings with { Profile = "custom" };
            var reference = parse.GetValue(compare) ? new PyTorchReference(parse.GetValue(python)!, parse.GetValue(script)!) : null;
            string? pytorchVersion = reference?.Check();   // before anything is measured: a missing torch fails now, not after the bench

            var torchDevice = CommonOptions.Apply(parse.GetValue(device)!, parse.GetValue(seed), parse.GetValue(threads));
            var report = new BenchRunner(settings, torchDevice).Run(chosen, Path.GetFullPath(parse.GetValue(workFolder)!),
                new SynchronousProgress<BenchProgress>(p => AnsiConsole.MarkupLine(Markup.Escape(p.MedianMs is double ms
                    ? string.Create(CultureInfo.InvariantCulture, $"({p.Figure.Letter()}) {p.Figure.Id()}: median {ms:F1} ms")
                    : $"({p.Figure.Letter()}) {p.Figure.Id()} …"))), cancellation);
            if (reference is not null)
            {
                string pytorchJson = Path.Combine(Path.GetTempPath(), $"nlce-bench-pytorch-{Guid.NewGuid():N}.json");
                try
                {
                    AnsiConsole.MarkupLine(Markup.Escape($"PyTorch {pytorchVersion}: running {parse.GetValue(script)} on {torchDevice} …"));
                    var pytorch = reference.Run(settings, torchDevice.ToString(), chosen, pytorchJson, TimeSpan.FromHours(2));
                    ShowFigures("PyTorch reference", pytorch);
                    report = report with { Comparison = report.CompareWith(pytorch) };
                    if (pytorch.Parameters != report.Parameters)
                        AnsiConsole.MarkupLine(Markup.Escape($"warning: parameter counts differ (TorchSharp {report.Parameters:N0}, PyTorch {pytorch.Parameters:N0}); the ratio compares different networks."));
                }
                finally
                {
                    File.Delete(pytorchJson);
                }
            }
            Show(report);
            if (parse.GetValue(json) is { } file)
            {
                AtomicFile.WriteAllText(file, report.ToJson());
                AnsiConsole.MarkupLine(Markup.Escape($"wrote {Path.GetFullPath(file)}"));
            }
            return Task.FromResult(0);
        });
        return command;
    }

    private static void Show(BenchReport report)
    {
        var e = report.Environment;
        var s = report.Settings;
        AnsiConsole.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
            $"device {e.Device}{(e.DeviceName is null ? "" : $" ({e.DeviceName})")}, backend {e.Backend}, libtorch {e.Libtorch}, {e.Framework}, {e.Threads} threads of {e.Processors} processors, load {e.LoadAverage?.ToString("F2", CultureInfo.InvariantCulture) ?? "?"}")));
        AnsiConsole.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
            $"{s.Model} width {s.Width}, {report.Parameters:N0} parameters, {s.Channels} channel(s), {s.Size}², batches a/b/c {s.TrainBatch}/{s.AttackBatch}/{s.ForwardBatch}, warm-up {s.Warmup}, {s.Repetitions} repetitions, profile {s.Profile}; levers: tf32 {s.Tf32}, channels-last {s.ChannelsLast}, half {s.Half}")));
        ShowFigures("TorchSharp (this workbench)", report);
        if (report.Comparison is { } comparison)
        {
            var table = new Table().Title("TorchSharp / PyTorch (median; < 1 means faster than PyTorch eager)").AddColumn("figure")
                .AddColumn(new TableColumn("TorchSharp ms").RightAligned()).AddColumn(new TableColumn("PyTorch ms").RightAligned()).AddColumn(new TableColumn("ratio").RightAligned());
            foreach (var c in comparison)
                table.AddRow(c.Id, Ms(c.TorchSharpMedianMs), Ms(c.PyTorchMedianMs), c.Ratio.ToString("F3", CultureInfo.InvariantCulture));
            AnsiConsole.Write(table);
        }
    }

    private static void ShowFigures(string title, BenchReport report)
    {
        var table = new Table().Title(title).AddColumn("figure").AddColumn(new TableColumn("items").RightAligned())
            .AddColumn(new TableColumn("median ms").RightAligned()).AddColumn(new TableColumn("p10 ms").RightAligned())
            .AddColumn(new TableColumn("p90 ms").RightAligned()).AddColumn(new TableColumn("items/s").RightAligned())
            .AddColumn(new TableColumn("peak host MiB").RightAligned());
        foreach (var f in report.Figures)
            table.AddRow(f.Id, f.Items.ToString(CultureInfo.InvariantCulture), Ms(f.Timing.MedianMs), Ms(f.Timing.P10Ms), Ms(f.Timing.P90Ms),
                f.ItemsPerSecond.ToString("F2", CultureInfo.InvariantCulture),
                f.PeakHostBytes is long bytes ? (bytes / 1048576.0).ToString("F0", CultureInfo.InvariantCulture) : "–");
        AnsiConsole.Write(table);
    }

    private static string Ms(double value) => value.ToString("F1", CultureInfo.InvariantCulture);
}
