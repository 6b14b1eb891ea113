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
