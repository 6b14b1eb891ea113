using System.Text.Json;
using Nlce.Cli;
using Nlce.Evaluation.Results;
using Nlce.Models;
using Nlce.Tests.Cli;
using Spectre.Console;
using TorchSharp;

namespace Nlce.Tests.Evaluation.Sweep;

/// <summary><c>nlce attack</c> and <c>nlce sweep</c> in-process on two 32² phantom test images and an untrained registry CDNN.</summary>
[Collection(CliCollection.Name)]
public sealed class SweepCliTests : IDisposable
{
    private readonly TemporaryFolder folder = new();
    private readonly string weights;

    public SweepCliTests()
    {
        weights = folder.File("cdnn.bin");
        using var model = ModelRegistry.Default.Create("cdnn", 1, 2);
        model.save(weights);
    }

    private static readonly string[] Data = ["--dataset", "phantom-lung", "--phantom-count", "10", "--size", "32", "--device", "cpu"];

    [Fact]
    public void Attack_writes_the_pngs_and_a_summary_within_the_budget()
    {
        string output = folder.Combine("attack");
        var (code, console) = Run(["attack", "--model", "cdnn", "--weights", weights, "--attack", "targeted-ifgsm", "--eps", "4", "--count", "2",
            "--out", output, .. Data]);

        Assert.True(code == 0, console);
        Assert.Contains("DIC clean", console);
        Assert.Contains("phantom-lung-0009", console);
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "summary.json")));
        Assert.Equal(("cdnn", "targeted-ifgsm", 4.0), (summary.RootElement.GetProperty("model").GetString(),
            summary.RootElement.GetProperty("attack").GetString(), summary.RootElement.GetProperty("epsilon").GetDouble()));
        var results = summary.RootElement.GetProperty("results").EnumerateArray().ToArray();
        Assert.Equal(["phantom-lung-0008", "phantom-lung-0009"], results.Select(r => r.GetProperty("name").GetString()));
        Assert.All(results, r => Assert.True(r.GetProperty("linf").GetDouble() <= 4 + 1e-4, $"‖δ‖∞ = {r.GetProperty("linf")}"));
        Assert.All(results, r => Assert.Equal(5, r.GetProperty("iterations").GetInt32()));
        Assert.Equal(11, Directory.GetFiles(output).Length);  // 5 PNGs per image + summary.json
        Assert.All(Directory.GetFiles(output, "*.png"), png => Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, File.ReadAllBytes(png)[..4]));
    }

    [Fact]
    public void Sweep_fills_the_store_and_a_second_run_computes_nothing()
    {
        string store = folder.Combine("r.sqlite");
        string[] args = ["sweep", "--models", $"cdnn={weights}", "--attacks", "fgsm", "--eps", "2", "4", "--count", "2", "--store", store, .. Data];

        var first = Run(args);
        Assert.True(first.Code == 0, first.Output);
        Assert.Contains("6 results computed, 0 already stored", first.Output);
        var second = Run(args);
        Assert.True(second.Code == 0, second.Output);
        Assert.Contains("0 results computed, 6 already stored", second.Output);
        using var results = ResultsStore.Open(store);
        Assert.Equal(6, results.Rows().Count);
        Assert.Equal(2, results.Runs().Count);
    }

    [Fact]
    public void Sweep_reads_a_config_file_and_flags_override_it()
    {
        string store = folder.Combine("from-file.sqlite");
        string config = folder.File("sweep.json");
        File.WriteAllText(config, JsonSerializer.Serialize(new
        {
            models = new[] { $"cdnn={weights}" }, attacks = new[] { "fgsm" }, eps = new[] { 2.0, 4.0 }, dataset = "phantom-lung", phantomCount = 10,
            size = 32, count = 2, store, device = "cpu", batch = 2,
        }));
        var (code, output) = Run("sweep", "--config", config, "--eps", "8", "--no-clean");
        Assert.True(code == 0, output);
        using var results = ResultsStore.Open(store);
        Assert.All(results.Rows(), row => Assert.Equal(("fgsm", 8.0), (row.Key.Attack, row.Key.Epsilon)));
        Assert.Equal(2, results.Rows().Count);
    }

    [Fact]
    public void Unknown_attacks_and_missing_models_exit_non_zero()
    {
        Assert.NotEqual(0, Run(["attack", "--model", "cdnn", "--weights", weights, "--attack", "pgdl2", "--eps", "4", "--out", folder.Combine("x"), .. Data]).Code);
        Assert.NotEqual(0, Run(["attack", "--attack", "fgsm", "--eps", "4", "--out", folder.Combine("y"), .. Data]).Code);
        Assert.NotEqual(0, Run(["sweep", "--store", folder.Combine("s.sqlite"), .. Data]).Code);
        Assert.False(File.Exists(folder.Combine("s.sqlite")));
    }

    [Fact]
    public void Both_commands_have_help()
    {
        foreach (var path in new[] { new[] { "attack", "--help" }, ["sweep", "--help"] })
        {
            var writer = new StringWriter();
            int code = NlceCli.Build().Parse(path).Invoke(new System.CommandLine.InvocationConfiguration { Output = writer });
            Assert.Equal(0, code);
            Assert.Contains("--eps", writer.ToString());
        }
    }

    public void Dispose() => folder.Dispose();

    /// <summary>Runs the CLI with the console captured (no colours, wide lines).</summary>
    private static (int Code, string Output) Run(params string[] args)
    {
        var writer = new StringWriter();
        var previous = AnsiConsole.Console;
        AnsiConsole.Console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        AnsiConsole.Profile.Width = 250;
        try
        {
            return (NlceCli.Run(args), writer.ToString());
        }
        finally
        {
            AnsiConsole.Console = previous;
        }
    }
}
