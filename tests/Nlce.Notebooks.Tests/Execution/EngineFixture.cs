using Nlce.Notebooks.Execution;

namespace Nlce.Notebooks.Tests.Execution;

/// <summary>One engine shared by a test class: a Roslyn script compile costs seconds, so tests continue one state.</summary>
public sealed class EngineFixture : IDisposable
{
    private readonly TempFolder folder = new();

    public EngineFixture()
    {
        Engine = new CSharpCellEngine(new CellEngineOptions(folder.Path, new StreamLimits(2_000, 500)));
    }

    public CSharpCellEngine Engine { get; }

    public CellExecutionResult Run(string code) => Engine.ExecuteAsync(code).GetAwaiter().GetResult();

    public void Dispose()
    {
        Engine.Dispose();
        folder.Dispose();
    }
}
