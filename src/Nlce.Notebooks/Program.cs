using Nlce.Notebooks.Worker;

namespace Nlce.Notebooks;

/// <summary>Entry point of the assembly when started as the notebook worker process.</summary>
internal static class Program
{
    private static Task<int> Main(string[] args) => WorkerProgram.RunAsync(args);
}
