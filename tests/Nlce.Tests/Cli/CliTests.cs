using Nlce.Cli;
using Nlce.Data.Export;
using Nlce.Data.Phantoms;
using Spectre.Console;

namespace Nlce.Tests.Cli;

/// <summary>The <c>nlce</c> commands the foundation issue names, run in-process with the console captured.</summary>
[Collection(CliCollection.Name)]
public sealed class CliTests
{
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

    [Fact]
    public void Info_prints_backend_libtorch_devices_and_threads()
    {
        var (code, output) = Run("info");
        Assert.Equal(0, code);
        Assert.Contains("backend", output);
        Assert.Contains("cpu", output);
        Assert.Contains("2.10", output);
        Assert.Contains("threads", output);
    }

    [Fact]
    public void Data_list_shows_every_manifest()
    {
        var (code, output) = Run("data", "list");
        Assert.Equal(0, code);
        foreach (var id in new[] { "phantom-lung", "phantom-skin", "jsrt-scr", "isbi2016" })
            Assert.Contains(id, output);
    }

    [Fact]
    public void Data_verify_of_a_folder_passes_clean_and_fails_with_names()
    {
        using var folder = new TemporaryFolder();
        DatasetExporter.Export(new PhantomDataset(PhantomKind.Lung, new PhantomOptions { Count = 3, Size = 32 }), ExportLayout.Folder, folder.Root);
        Assert.Equal(0, Run("data", "verify", $"folder:{folder.Root}").Code);
        File.Delete(Path.Combine(folder.Root, "masks", "phantom-lung-0002.png"));
        var (code, output) = Run("data", "verify", $"folder:{folder.Root}");
        Assert.Equal(1, code);
        Assert.Contains("phantom-lung-0002.png", output);
    }

    [Fact]
    public void Data_prepare_writes_then_reuses_the_tensor_store()
    {
        using var folder = new TemporaryFolder();
        var first = Run("data", "prepare", "phantom-lung", "--size", "128", "--count", "6", "--cache", folder.Root);
        Assert.Equal(0, first.Code);
        Assert.Contains("1×128×128", first.Output);
        Assert.Contains("written", first.Output);
        var second = Run("data", "prepare", "phantom-lung", "--size", "128", "--count", "6", "--cache", folder.Root);
        Assert.Contains("reused", second.Output);
        Assert.Single(Directory.GetDirectories(folder.Root));
    }

    [Fact]
    public void Models_lists_parameters_and_flops()
    {
        var (code, output) = Run("models", "--size", "32", "--model", "cdnn");
        Assert.Equal(0, code);
        Assert.Contains("cdnn", output);
        Assert.Contains("GFLOP", output);
    }

    [Fact]
    public void Every_command_has_help()
    {
        foreach (var path in new[] { new[] { "--help" }, ["info", "--help"], ["data", "--help"], ["data", "prepare", "--help"], ["models", "--help"] })
        {
            var writer = new StringWriter();
            var root = NlceCli.Build();
            int code = root.Parse(path).Invoke(new System.CommandLine.InvocationConfiguration { Output = writer });
            Assert.Equal(0, code);
            Assert.Contains("Usage", writer.ToString());
        }
    }

    [Fact]
    public void Bad_input_exits_non_zero_with_a_message()
    {
        Assert.NotEqual(0, Run("data", "prepare", "fodler:/x").Code);
        Assert.NotEqual(0, Run("data", "verify").Code);
    }
}

/// <summary>CLI tests swap the process-wide <see cref="AnsiConsole.Console"/>, so they run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class CliCollection
{
    public const string Name = "cli";
}
