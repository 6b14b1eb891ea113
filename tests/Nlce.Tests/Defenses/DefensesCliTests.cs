using Nlce.Cli;
using Nlce.Data;
using Nlce.Data.Formats;
using Nlce.Evaluation.Results;
using Nlce.Models;
using Nlce.Tests.Cli;
using Spectre.Console;

namespace Nlce.Tests.Defenses;

/// <summary><c>nlce defenses</c> in-process: fr-search on 32² phantoms with an untrained registry CDNN, apply on a PNG, check on a store.</summary>
[Collection(CliCollection.Name)]
public sealed class DefensesCliTests : IDisposable
{
    private readonly TemporaryFolder folder = new();

    [Fact]
    public void Fr_search_writes_every_candidate_and_prints_the_dct_statistics_and_the_choice()
    {
        string weights = folder.File("cdnn.bin");
        using (var model = ModelRegistry.Default.Create("cdnn", 1, 2))
            model.save(weights);
        string output = folder.Combine("search");
        var (code, console) = Run("defenses", "fr-search", "--model", "cdnn", "--weights", weights, "--dataset", "phantom-lung", "--phantom-count", "10",
            "--size", "32", "--split", "all", "--count", "2", "--eps", "4", "--pd", "30", "--ac", "5", "--gd", "20", "60", "--out", output, "--device", "cpu");

        Assert.True(code == 0, console);
        Assert.Contains("benign DCT statistics", console);
        Assert.Contains("DIC FR(adversarial)", console);
        Assert.True(console.Contains("chosen table: PD = 30") || console.Contains("no table keeps"), console);
        var lines = File.ReadAllLines(Path.Combine(output, "fr-search.csv"));
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("30,5,20,", lines[1]);
        Assert.True(File.Exists(Path.Combine(output, "fr-search.json")));
    }

    [Theory]
    [InlineData("fr")]
    [InlineData("jpeg-q75")]
    [InlineData("fr:20,5,40")]
    public void Apply_writes_the_defended_image_at_the_same_size(string defense)
    {
        var pixels = Enumerable.Range(0, 3 * 12 * 20).Select(i => (float)((i * 37 % 101) / 100.0)).ToArray();
        string input = folder.File("in.png"), output = folder.File($"out-{defense.Replace(':', '_')}.png");
        RasterImageFormat.WritePng(new ImageData(20, 12, 3, pixels), input);

        var (code, console) = Run("defenses", "apply", "--defense", defense, "--in", input, "--out", output);
        Assert.True(code == 0, console);
        var defended = RasterImageFormat.ReadImage(output);
        Assert.Equal((20, 12, 3), (defended.Width, defended.Height, defended.Channels));
        Assert.Contains("mean |change|", console);
        Assert.NotEqual(RasterImageFormat.ReadImage(input).Pixels, defended.Pixels);
    }

    [Fact]
    public void Apply_refuses_an_unknown_defense()
    {
        string input = folder.File("in.png");
        RasterImageFormat.WritePng(new ImageData(8, 8, 1, new float[64]), input);
        var (code, console) = Run("defenses", "apply", "--defense", "blur", "--in", input, "--out", folder.File("out.png"));
        Assert.NotEqual(0, code);
        Assert.Contains("blur", console);
    }

    [Fact]
    public void Check_prints_and_writes_the_flags_of_a_store()
    {
        string path = folder.File("r.sqlite"), csv = folder.File("flags.csv");
        using (var store = ResultsStore.Open(path))
        {
            string run = store.BeginRun(new RunInfo("{}", "hash", "test", "cpu", "cpu"));
            store.Write(run, new[] { (0.0, 0.9), (2.0, 0.4), (4.0, 0.7) }.Select(point => new ResultRow(
                new ResultKey("m", point.Item1 == 0 ? ResultKey.CleanAttack : "pgd", point.Item1, "fr", 0, "img-0"), point.Item2, point.Item2)).ToArray());
            store.FinishRun(run, new Dictionary<string, double>());
        }
        var (code, console) = Run("defenses", "check", "--store", path, "--out", csv);
        Assert.True(code == 0, console);
        Assert.Contains("epsilon-not-monotone", console);
        Assert.Contains("1 gradient-masking flag(s).", console);
        Assert.Equal(2, File.ReadAllLines(csv).Length);
        Assert.Contains("no gradient-masking flags", Run("defenses", "check", "--store", path, "--tolerance", "0.5").Output);
    }

    public void Dispose() => folder.Dispose();

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
        var error = Console.Error;
        var errors = new StringWriter();
        Console.SetError(errors);
        try
        {
            int code = NlceCli.Run(args);
            return (code, writer + errors.ToString());
        }
        finally
        {
            AnsiConsole.Console = previous;
            Console.SetError(error);
        }
    }
}
