using System.Text.Json;
using Nlce.Bench;
using Nlce.Cli;
using Nlce.Tests.Cli;
using Spectre.Console;

namespace Nlce.Tests.Bench;

/// <summary><c>nlce bench</c> in its smoke configuration, run in-process: it measures (a)–(c) and writes a valid versioned JSON report.</summary>
[Collection(CliCollection.Name)]
public sealed class BenchCommandTests
{
    [Fact]
    public void Smoke_bench_emits_a_valid_json_report_with_every_field()
    {
        using var folder = new TemporaryFolder();
        string file = folder.Combine("bench.json");

        var (code, output) = Run("bench", "--profile", "smoke", "--json", file, "--threads", "2");

        Assert.True(code == 0, output);
        var report = BenchReport.Read(file);
        Assert.Equal((BenchReport.SchemaVersion, "torchsharp"), (report.Schema, report.Implementation));
        Assert.Equal(BenchSettings.Smoke, report.Settings);
        Assert.Equal(["train-step", "attack-iteration", "forward"], report.Figures.Select(f => f.Id));
        Assert.All(report.Figures, f =>
        {
            Assert.Equal(2, f.Timing.SamplesMs.Count);
            Assert.InRange(f.Timing.P10Ms, f.Timing.SamplesMs.Min(), f.Timing.MedianMs);
            Assert.InRange(f.Timing.P90Ms, f.Timing.MedianMs, f.Timing.SamplesMs.Max());
            Assert.Equal(2, f.Items);
            Assert.True(f.ItemsPerSecond > 0);
            Assert.True(f.PeakHostBytes > 0);
        });
        Assert.Equal("cpu", report.Environment.Device);
        Assert.Equal(2, report.Environment.Threads);
        Assert.StartsWith("2.", report.Environment.Libtorch);
        Assert.True(report.Parameters > 0);
        Assert.Null(report.Comparison);

        using var json = JsonDocument.Parse(File.ReadAllText(file));
        var root = json.RootElement;
        foreach (string field in new[] { "schema", "implementation", "dateUtc", "environment", "settings", "parameters", "figures" })
            Assert.True(root.TryGetProperty(field, out _), $"missing field '{field}'");
        foreach (string field in new[] { "device", "backend", "libtorch", "framework", "threads", "processors" })
            Assert.True(root.GetProperty("environment").TryGetProperty(field, out _), $"missing field 'environment.{field}'");
        foreach (string field in new[] { "id", "items", "timing", "itemsPerSecond", "peakHostBytes", "peakGpuBytes" })
            Assert.True(root.GetProperty("figures")[0].TryGetProperty(field, out _), $"missing field 'figures[0].{field}'");
        foreach (string field in new[] { "samplesMs", "medianMs", "p10Ms", "p90Ms", "meanMs" })
            Assert.True(root.GetProperty("figures")[0].GetProperty("timing").TryGetProperty(field, out _), $"missing field 'timing.{field}'");
        Assert.Contains("median", output);
    }

    [Fact]
    public void Compare_pytorch_fails_before_measuring_when_the_interpreter_cannot_import_torch()
    {
        if (OperatingSystem.IsWindows())
            return;   // the stand-in interpreter is a shell script
        using var folder = new TemporaryFolder();
        string fakePython = folder.Combine("python-without-torch");
        File.WriteAllText(fakePython, "#!/bin/sh\necho \"ModuleNotFoundError: No module named 'torch'\" >&2\nexit 1\n");
        File.SetUnixFileMode(fakePython, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        string script = folder.File("bench_nlcen.py");
        File.WriteAllText(script, "");

        var error = Assert.Throws<InvalidOperationException>(() => new PyTorchReference(fakePython, script).Check());
        Assert.Contains("cannot import torch", error.Message);
        Assert.Contains("No module named 'torch'", error.Message);

        var missing = Assert.Throws<InvalidOperationException>(() => new PyTorchReference(folder.Combine("no-such-python"), script).Check());
        Assert.Contains("needs Python 3 with PyTorch", missing.Message);
        var noScript = Assert.Throws<InvalidOperationException>(() => new PyTorchReference(fakePython, folder.Combine("missing.py")).Check());
        Assert.Contains("missing.py", noScript.Message);

        var (code, output) = Run("bench", "--profile", "smoke", "--compare-pytorch", "--python", fakePython, "--pytorch-script", script);
        Assert.NotEqual(0, code);
        Assert.DoesNotContain("median", output);
    }

    [Fact]
    public void Compare_pytorch_passes_the_same_settings_and_reports_the_ratio_per_figure()
    {
        if (OperatingSystem.IsWindows())
            return;   // the stand-in interpreter is a shell script
        using var folder = new TemporaryFolder();
        string arguments = folder.Combine("arguments.txt");
        string reference = folder.Write("reference.json", System.Text.Encoding.UTF8.GetBytes(ReferenceReport));
        string fakePython = folder.Combine("python-with-torch");
        File.WriteAllText(fakePython, $$"""
            #!/bin/sh
            if [ "$1" = "-c" ]; then echo "2.10.0"; exit 0; fi
            echo "$@" > '{{arguments}}'
            while [ $# -gt 0 ]; do if [ "$1" = "--json" ]; then cp '{{reference}}' "$2"; fi; shift; done
            """.Replace("\r", ""));
        File.SetUnixFileMode(fakePython, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        string script = folder.File("bench_nlcen.py");
        File.WriteAllText(script, "");
        string file = folder.Combine("bench.json");

        var (code, output) = Run("bench", "--profile", "smoke", "--figures", "c", "--warmup", "0", "--reps", "1", "--compare-pytorch",
            "--python", fakePython, "--pytorch-script", script, "--json", file);

        Assert.True(code == 0, output);
        string passed = File.ReadAllText(arguments);
        foreach (string expected in new[] { "--figures c", "--profile custom", "--size 32", "--width 0.125", "--forward-batch 2", "--warmup 0", "--reps 1", "--device cpu" })
            Assert.Contains(expected, passed);
        var report = BenchReport.Read(file);
        var comparison = Assert.IsAssignableFrom<IReadOnlyList<FigureComparison>>(report.Comparison);
        Assert.Equal(["forward"], comparison.Select(c => c.Id));   // the reference's train-step has no counterpart here
        Assert.All(comparison, c => Assert.Equal(c.TorchSharpMedianMs / 50.0, c.Ratio, 12));
        Assert.Contains("TorchSharp / PyTorch", output);
    }

    /// <summary>What the stand-in reference reports: 50 ms for every figure.</summary>
    private const string ReferenceReport = """
        {"schema":"nlce-bench/1","implementation":"pytorch","dateUtc":"2026-01-01T00:00:00+00:00",
         "environment":{"device":"cpu","deviceName":null,"backend":"pytorch","libtorch":"2.10.0","framework":"PyTorch 2.10.0",
                        "threads":2,"processors":2,"os":"Linux","loadAverage":1.0},
         "settings":{"profile":"smoke","model":"nlcen-r18","width":0.125,"channels":1,"size":32,"trainBatch":2,"attackBatch":2,
                     "forwardBatch":2,"warmup":1,"repetitions":2,"tf32":false,"channelsLast":false,"half":false,"seed":0},
         "parameters":214134,
         "figures":[
           {"id":"train-step","description":"x","items":2,"timing":{"samplesMs":[50,50],"medianMs":50,"p10Ms":50,"p90Ms":50,"meanMs":50},
            "itemsPerSecond":40,"peakHostBytes":1,"peakGpuBytes":null},
           {"id":"forward","description":"x","items":2,"timing":{"samplesMs":[50,50],"medianMs":50,"p10Ms":50,"p90Ms":50,"meanMs":50},
            "itemsPerSecond":40,"peakHostBytes":1,"peakGpuBytes":null}],
         "comparison":null}
        """;

    private static (int Code, string Output) Run(params string[] args)
    {
        var writer = new StringWriter();
        var previous = AnsiConsole.Console;
        var previousError = Console.Error;
        AnsiConsole.Console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        AnsiConsole.Profile.Width = 200;
        Console.SetError(writer);
        try
        {
            return (NlceCli.Run(args), writer.ToString());
        }
        finally
        {
            AnsiConsole.Console = previous;
            Console.SetError(previousError);
        }
    }
}
