using Nlce.Cli;
using Nlce.Tests.Cli;
using Nlce.Training.Checkpoints;
using Nlce.Training.Defenses;
using Spectre.Console;

namespace Nlce.Tests.Training.Defenses;

/// <summary><c>nlce train --defense …</c>, run in-process with the console captured.</summary>
[Collection(CliCollection.Name)]
public sealed class DefenseCliTests : IDisposable
{
    private readonly TemporaryFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void Train_with_sat_writes_a_checkpoint_that_records_the_defense()
    {
        var (code, output) = Run(Train("--defense", "sat", "--sat-eps", "4", "--sat-mixed"));
        Assert.True(code == 0, output);
        var objective = Checkpoint.Open(folder.Combine("run")).Sidecar.Objective!;
        Assert.Equal("sat", objective.Name);
        Assert.Equal(4, objective.Settings["Epsilon"]!.GetValue<double>());
        Assert.Equal("Mixed", objective.Settings["Loss"]!.GetValue<string>());
    }

    [Fact]
    public void Train_with_amat_prints_the_threshold_and_the_margins_per_epoch()
    {
        var (code, output) = Run(Train("--defense", "amat", "--amat-delta", "2", "--amat-max", "6", "--amat-threshold", "0.5"));
        Assert.True(code == 0, output);
        Assert.Contains("AMAT τ = 0.5000", output);
        Assert.Contains("mean margin", output);
        Assert.Equal("amat", Checkpoint.Open(folder.Combine("run")).Sidecar.Objective!.Name);
    }

    [Fact]
    public void Train_with_distill_trains_the_teacher_first_and_a_given_teacher_is_reused()
    {
        var (code, output) = Run(Train("--defense", "distill", "--temperature", "5"));
        Assert.True(code == 0, output);
        Assert.Contains("teacher: 1 epoch(s)", output);
        var teacher = Checkpoint.Open(folder.Combine("run", DefenseTraining.TeacherFolderName)).Sidecar.Objective!;
        Assert.Equal(("temperature", 5.0), (teacher.Name, teacher.Settings["Temperature"]!.GetValue<double>()));
        Assert.Equal("distillation", Checkpoint.Open(folder.Combine("run")).Sidecar.Objective!.Name);

        string[] again = [.. Train("--defense", "distill", "--temperature", "5", "--teacher", folder.Combine("run", DefenseTraining.TeacherFolderName))];
        again[Array.IndexOf(again, "--out") + 1] = folder.Combine("second");
        (code, output) = Run(again);
        Assert.True(code == 0, output);
        Assert.DoesNotContain("teacher:", output);
        Assert.False(Directory.Exists(folder.Combine("second", DefenseTraining.TeacherFolderName)));
        Assert.Equal(Checkpoint.Open(folder.Combine("run")).Sidecar.Objective!.Settings["Teacher"]!.ToJsonString(),
            Checkpoint.Open(folder.Combine("second")).Sidecar.Objective!.Settings["Teacher"]!.ToJsonString());
    }

    public static TheoryData<string[], string> BadDefenseOptions => new()
    {
        { ["--defense", "amat", "--sat-eps", "4"], "--sat-eps belongs to --defense sat, but --defense is amat" },
        { ["--sat-mixed"], "--sat-mixed belongs to --defense sat, but --defense is none" },
        { ["--defense", "sat", "--temperature", "5", "--teacher", "x"], "--temperature belongs to --defense distill, --teacher belongs to --defense distill" },
        { ["--defense", "sat", "--sat-eps", "0"], "ε must be finite and > 0" },
        { ["--defense", "amat", "--amat-delta", "4", "--amat-max", "2"], "E_max must be finite and ≥ Δ (4)" },
        { ["--defense", "distill", "--temperature", "0.5"], "T must be finite and ≥ 1" },
    };

    [Theory]
    [MemberData(nameof(BadDefenseOptions))]
    public void Options_of_another_defense_or_out_of_range_are_rejected_before_training(string[] defense, string message)
    {
        var (code, output) = Run(Train(defense));
        Assert.Equal(1, code);
        Assert.Contains(message, output);
        Assert.False(Directory.Exists(folder.Combine("run")), "nothing may be trained");
    }

    [Fact]
    public void An_unknown_defense_is_refused_by_the_parser() =>
        Assert.NotEqual(0, Run(Train("--defense", "jpeg")).Code);

    private string[] Train(params string[] defense) =>
    [
        "train", "--model", "unet", "--width", "0.25", "--dataset", "phantom-lung", "--count", "6", "--size", "32", "--epochs", "1", "--batch", "4",
        "--cache", folder.Combine("cache"), "--out", folder.Combine("run"), "--device", "cpu", "--threads", "1", .. defense,
    ];

    private static (int Code, string Output) Run(string[] args)
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
        AnsiConsole.Profile.Width = 200;
        try
        {
            int code = NlceCli.Run(args);
            return (code, writer.ToString());
        }
        finally
        {
            AnsiConsole.Console = previous;
        }
    }
}
