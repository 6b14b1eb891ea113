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

    /// <summary>Parses and runs <paramref name="args"/>; returns the exit code.</summary>
    public static int Run(string[] args) => Build().Parse(args).Invoke();
}
