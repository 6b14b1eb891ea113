using Nlce.Cli;
using Nlce.Defenses;
using Nlce.Evaluation.Results;
using Nlce.Evaluation.Sweep;
using Nlce.Models;
using Spectre.Console;

namespace Nlce.Tests.Cli;

/// <summary><c>nlce sweep</c>'s defense fields (issue 5): <c>inputDefense</c>, <c>attacker</c>, <c>eotSamples</c>, <c>surrogate</c> in
/// sweep files and as flags, turned into <see cref="SweepOptions.Defended"/>; bad combinations refused before anything runs.</summary>
[Collection(CliCollection.Name)]
public sealed class SweepDefenseFlagsTests : IDisposable
{
    private static readonly string[] Data = ["--dataset", "phantom-lung", "--phantom-count", "10", "--size", "32", "--device", "cpu", "--count", "2"];
    private readonly TemporaryFolder folder = new();

    private static SweepJob Job(string? inputDefense = null, AttackerAwareness? attacker = null, int? eotSamples = null, string? surrogate = null) =>
        new() { Models = ["unet=w.bin"], Dataset = "phantom-lung", Store = "s.sqlite", InputDefense = inputDefense, Attacker = attacker, EotSamples = eotSamples, Surrogate = surrogate };

    [Fact]
    public void A_sweep_file_reads_the_defense_fields()
    {
        string path = folder.File("job.json");
        File.WriteAllText(path, """
            { "models": ["unet=w.bin"], "dataset": "phantom-lung", "store": "s.sqlite",
              "inputDefense": "fr:20,5,40", "attacker": "bpda", "surrogate": "cdnn=c.bin" }
            """);
        var job = SweepJob.Read(path).Validate();
        Assert.Equal(("fr:20,5,40", AttackerAwareness.Bpda, (int?)null), (job.InputDefense, job.Attacker, job.EotSamples));
        Assert.Equal(new ModelReference("cdnn", "c.bin"), job.SurrogateReference());
    }

    [Theory]
    [InlineData("fr", null, "fr")]
    [InlineData("fr", AttackerAwareness.Bpda, "fr+bpda")]
    [InlineData("jpeg-q75", AttackerAwareness.Ignore, "jpeg-q75")]
    [InlineData("FR:30,5,60", AttackerAwareness.Bpda, "fr+bpda")]
    public void Input_defense_and_attacker_become_the_defended_evaluation(string defense, AttackerAwareness? attacker, string key)
    {
        var job = Job(defense, attacker).Validate();
        var options = job.ToOptions(job.ToDefended(surrogate: null));
        Assert.Equal(key, options.DefenseKey);
        Assert.Equal(attacker ?? AttackerAwareness.Ignore, options.Defended!.Attacker);
    }

    [Fact]
    public void A_loaded_surrogate_joins_the_key_after_the_label()
    {
        using var surrogate = ModelRegistry.Default.Create("cdnn", 1, 2);
        var job = (Job("fr", AttackerAwareness.Bpda, surrogate: "cdnn=c.bin") with { Defense = "sat" }).Validate();
        var options = job.ToOptions(job.ToDefended(surrogate));
        Assert.Equal("sat+fr+bpda+transfer:cdnn", options.DefenseKey);
        Assert.Same(surrogate, options.Defended!.Surrogate);
    }

    [Fact]
    public void Without_defense_fields_nothing_is_defended()
    {
        var job = Job().Validate();
        Assert.Null(job.ToDefended(surrogate: null));
        Assert.Equal(ResultKey.NoDefense, job.ToOptions().DefenseKey);
    }

    public static TheoryData<SweepJob, string> BadCombinations => new()
    {
        { Job(attacker: AttackerAwareness.Bpda), "Attacker" },
        { Job(attacker: AttackerAwareness.Eot), "Attacker" },
        { Job("fr", AttackerAwareness.Eot), "Attacker" },                 // FR is deterministic: EOT is refused, BPDA is the adaptive attack
        { Job("fr", AttackerAwareness.Bpda, eotSamples: 5), "EotSamples" },
        { Job(eotSamples: 5), "EotSamples" },
        { Job("jpeg-q101"), "InputDefense" },
        { Job("median"), "InputDefense" },
        { Job(surrogate: "unet"), "Surrogate" },
        { Job(surrogate: "un et=w.bin"), "Surrogate" },
    };

    [Theory]
    [MemberData(nameof(BadCombinations))]
    public void Bad_combinations_are_refused_naming_the_field(SweepJob job, string field) =>
        Assert.Equal(field, Assert.ThrowsAny<ArgumentException>(() => job.Validate()).ParamName);

    [Fact]
    public void A_surrogate_must_be_passed_when_the_job_names_one_and_only_then()
    {
        using var model = ModelRegistry.Default.Create("cdnn", 1, 2);
        Assert.Equal("surrogate", Assert.Throws<ArgumentException>(() => Job(surrogate: "cdnn=c.bin").ToDefended(null)).ParamName);
        Assert.Equal("surrogate", Assert.Throws<ArgumentException>(() => Job("fr").ToDefended(model)).ParamName);
    }

    [Fact]
    public void The_flags_sweep_behind_fr_with_bpda_and_a_transfer_surrogate()
    {
        string weights = folder.File("cdnn.bin"), store = folder.Combine("s.sqlite");
        using (var model = ModelRegistry.Default.Create("cdnn", 1, 2))
            model.save(weights);
        var (code, output) = Run(["sweep", "--models", $"cdnn={weights}", "--attacks", "fgsm", "--eps", "8", "--store", store,
            "--input-defense", "fr", "--attacker", "bpda", "--surrogate", $"cdnn={weights}", .. Data]);
        Assert.True(code == 0, output);
        using (var results = ResultsStore.Open(store))
        {
            Assert.Equal(4, results.Rows().Count); // 2 images, clean and ε = 8
            Assert.All(results.Rows(), row => Assert.Equal("fr+bpda+transfer:cdnn", row.Key.Defense));
        }
        Assert.Contains("4 results computed", output);
    }

    [Theory]
    [InlineData("--attacker", "bpda")]
    [InlineData("--attacker", "sometimes")]
    [InlineData("--input-defense", "blur")]
    [InlineData("--eot-samples", "4")]
    public void Bad_flags_fail_before_a_store_is_created(string flag, string value)
    {
        string store = folder.Combine("bad.sqlite");
        var (code, _) = Run(["sweep", "--models", "cdnn=absent.bin", "--attacks", "fgsm", "--eps", "8", "--store", store, flag, value, .. Data]);
        Assert.NotEqual(0, code);
        Assert.False(File.Exists(store));
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
