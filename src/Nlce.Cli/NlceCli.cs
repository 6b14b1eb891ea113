using System.CommandLine;
using Nlce.Cli.Commands;
using Nlce.Training.Checkpoints;

namespace Nlce.Cli;

/// <summary>The <c>nlce</c> command tree; <see cref="Run"/> is the process entry point (also called by tests).</summary>
public static class NlceCli
{
    /// <summary>Builds the root command with every sub-command.</summary>
    public static RootCommand Build() => new("nlce — NLCE Notebooks: robust biomedical image segmentation against adversarial attacks (He et al., AAAI 2019).")
    {
        InfoCommand.Create(),
        DataCommand.Create(),
        ModelsCommand.Create(),
        NotebookCommand.Create(),
        TrainCommand.Create(),
        AttackCommand.Create(CheckpointModels.Load),
        SweepCommand.Create(CheckpointModels.Load),
        DefensesCommand.Create(CheckpointModels.Load),
        ReproduceCommand.Create(),
        ResultsCommand.Create(),
        BenchCommand.Create(),
    };

    /// <summary>
    /// Parses and runs <paramref name="args"/>; returns the exit code. A usage or input error a command did not handle itself (bad
    /// argument, unreadable file, impossible state) is printed as one <c>error:</c> line on standard error with exit code 1, not as a
    /// stack trace; anything else is a bug and keeps System.CommandLine's report.
    /// </summary>
    public static int Run(string[] args)
    {
        try
        {
            return Build().Parse(args).Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (Exception e) when (e is ArgumentException or Data.DataFormatException or InvalidOperationException or IOException
                                      or Runtime.NativeRuntimeException)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return 1;
        }
    }
}
