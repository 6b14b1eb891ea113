using System.CommandLine;
using System.CommandLine.Parsing;
using Nlce.Notebooks.Export;
using Nlce.Notebooks.Parameters;
using Nlce.Notebooks.Running;

namespace Nlce.Cli.Commands;

/// <summary>
/// <c>nlce notebook run</c> and <c>nlce notebook run-all</c>: the command-line front end of the headless notebook
/// runner (issue 6). Parsing and printing only; the work is done by <see cref="NotebookRunner"/>,
/// <see cref="NotebookBatchRunner"/> and <see cref="NotebookHtmlExporter"/>. The process exit code is the run's
/// <see cref="NotebookExitCode"/>: 0 success, 1 a cell failed, 2 invalid input, 3 a cell timed out, 4 the execution
/// process crashed or was killed.
/// </summary>
public static class NotebookCommand
{
    private static readonly string[] profileNames = ["smoke", "quick", "paper"];

    /// <summary>The <c>notebook</c> command with its <c>run</c> and <c>run-all</c> subcommands.</summary>
    public static Command Create()
    {
        var notebook = new Command("notebook", "Run notebooks headlessly (papermill-style parameters, outputs and metadata).");
        notebook.Subcommands.Add(CreateRun());
        notebook.Subcommands.Add(CreateRunAll());
        return notebook;
    }

    private static Command CreateRun()
    {
        var input = new Argument<FileInfo>("notebook") { Description = "The .ipynb notebook to run." };
        var output = new Option<FileInfo?>("--output", "-o") { Description = "Where to write the executed notebook (default: NAME.out.ipynb beside the input)." };
        var parameters = new Option<string[]>("--parameter", "-p")
        {
            Description = "A parameter as name=value; the value is JSON when it parses as JSON (8, 0.5, true, [1,2], \"text\"), otherwise a string. Repeatable.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var profile = ProfileOption();
        var html = new Option<FileInfo?>("--html") { Description = "Also write a standalone HTML report (plotly.js inlined; opens offline)." };
        var timeout = TimeoutOption();

        var run = new Command("run", "Run one notebook.") { input, output, parameters, profile, html, timeout };
        run.SetAction(async (parseResult, cancellationToken) =>
        {
            var inputPath = parseResult.GetValue(input)!.FullName;
            var outputPath = parseResult.GetValue(output)?.FullName
                ?? Path.Combine(Path.GetDirectoryName(inputPath)!, Path.GetFileNameWithoutExtension(inputPath) + ".out.ipynb");
            NotebookRunOptions options;
            try
            {
                options = new NotebookRunOptions(inputPath, outputPath,
                    (parseResult.GetValue(parameters) ?? []).Select(ParameterParser.ParseAssignment).ToList(),
                    ParseProfile(parseResult.GetValue(profile)), Seconds(parseResult.GetValue(timeout)));
            }
            catch (Exception e) when (e is ArgumentException or NotebookParameterException)
            {
                await Console.Error.WriteLineAsync($"nlce notebook run: {e.Message}").ConfigureAwait(false);
                return (int)NotebookExitCode.InvalidInput;
            }
            var result = await new NotebookRunner().RunAsync(options, new RunProgressWriter(Console.Out), cancellationToken).ConfigureAwait(false);
            if (parseResult.GetValue(html) is { } htmlFile && result.OutputPath is { } written)
                NotebookHtmlExporter.ExportFile(written, htmlFile.FullName);
            await Report(result).ConfigureAwait(false);
            return (int)result.ExitCode;
        });
        return run;
    }

    private static Command CreateRunAll()
    {
        var folder = new Argument<DirectoryInfo>("folder") { Description = "A folder of .ipynb notebooks." };
        var output = new Option<DirectoryInfo>("--out")
        {
            Description = "Folder for the executed notebooks, their run summaries and reports.",
            DefaultValueFactory = _ => new DirectoryInfo(Path.Combine("artifacts", "notebooks")),
        };
        var profile = ProfileOption();
        var html = new Option<bool>("--html") { Description = "Also write NAME.html beside each executed notebook." };
        var timeout = TimeoutOption();

        var runAll = new Command("run-all", "Run every notebook in a folder, each in its own process.") { folder, output, profile, html, timeout };
        runAll.SetAction(async (parseResult, cancellationToken) =>
        {
            NotebookBatchOptions options;
            try
            {
                options = new NotebookBatchOptions(parseResult.GetValue(folder)!.FullName, parseResult.GetValue(output)!.FullName,
                    ParseProfile(parseResult.GetValue(profile)), Seconds(parseResult.GetValue(timeout)), parseResult.GetValue(html));
            }
            catch (ArgumentException e)
            {
                await Console.Error.WriteLineAsync($"nlce notebook run-all: {e.Message}").ConfigureAwait(false);
                return (int)NotebookExitCode.InvalidInput;
            }
            try
            {
                var (exitCode, entries) = await new NotebookBatchRunner(new NotebookRunner())
                    .RunAsync(options, new RunProgressWriter(Console.Out), cancellationToken).ConfigureAwait(false);
                foreach (var entry in entries)
                    await Console.Out.WriteLineAsync($"{RunSummary.StatusName(entry.Result.ExitCode),-15} {Path.GetFileName(entry.InputPath)}: {entry.Result.Message}").ConfigureAwait(false);
                return (int)exitCode;
            }
            catch (IOException e)
            {
                await Console.Error.WriteLineAsync($"nlce notebook run-all: {e.Message}").ConfigureAwait(false);
                return (int)NotebookExitCode.InvalidInput;
            }
        });
        return runAll;
    }

    private static Option<string?> ProfileOption()
    {
        var profile = new Option<string?>("--profile") { Description = "How much work the notebooks do: smoke, quick or paper (passed as the parameter 'profile')." };
        profile.AcceptOnlyFromAmong(profileNames);
        return profile;
    }

    private static Option<double?> TimeoutOption()
    {
        var timeout = new Option<double?>("--timeout-per-cell") { Description = "Seconds a cell may run before it is interrupted (default: no limit)." };
        timeout.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<double?>() is { } seconds && !(seconds > 0))
                result.AddError($"--timeout-per-cell must be a positive number of seconds; got {seconds}.");
        });
        return timeout;
    }

    private static RunProfile? ParseProfile(string? name) => name is null ? null : Enum.Parse<RunProfile>(name, ignoreCase: true);

    private static TimeSpan? Seconds(double? seconds) => seconds is { } s ? TimeSpan.FromSeconds(s) : null;

    private static async Task Report(NotebookRunResult result)
    {
        var writer = result.Succeeded ? Console.Out : Console.Error;
        await writer.WriteLineAsync($"nlce notebook run: {RunSummary.StatusName(result.ExitCode)}: {result.Message}").ConfigureAwait(false);
        foreach (var warning in result.Warnings)
            await writer.WriteLineAsync($"  warning: {warning}").ConfigureAwait(false);
        if (result.OutputPath is not null)
            await writer.WriteLineAsync($"  output:  {result.OutputPath}").ConfigureAwait(false);
        if (result.SummaryPath is not null)
            await writer.WriteLineAsync($"  summary: {result.SummaryPath}").ConfigureAwait(false);
    }
}
