using Nlce.Cli;
using Spectre.Console;

namespace Nlce.Tests.Cli;

/// <summary><c>nlce reproduce defenses</c>'s argument handling (the run itself is covered by DefenseReproductionTests).</summary>
[Collection(CliCollection.Name)]
public sealed class ReproduceDefensesCliTests : IDisposable
{
    private readonly TemporaryFolder folder = new();

    [Theory]
    [InlineData("defenses", "--profile", "smok")]
    [InlineData("defenses", "--model", "nlcen-r81")]
    [InlineData("fig4", "--model", "nlcen-r18")]
    public void Bad_arguments_fail_before_anything_is_written(string what, string flag, string value)
    {
        string output = folder.Combine("out");
        var (code, _) = Run("reproduce", what, flag, value, "--out", output, "--cache", folder.Combine("prepared"), "--device", "cpu");
        Assert.NotEqual(0, code);
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void Help_names_the_defenses_reproduction_and_the_model_option()
    {
        var writer = new StringWriter();
        int code = NlceCli.Build().Parse(["reproduce", "--help"]).Invoke(new System.CommandLine.InvocationConfiguration { Output = writer });
        Assert.Equal(0, code);
        Assert.Contains("defenses", writer.ToString());
        Assert.Contains("--model", writer.ToString());
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
