using Nlce.Evaluation.Results;

namespace Nlce.Tests.Workbench;

/// <summary>A results store in a temporary folder, filled with hand-made rows, for the notebook facade's readers.</summary>
internal sealed class StoreRows : IDisposable
{
    private readonly TemporaryFolder folder = new();
    private readonly string runId;

    public StoreRows()
    {
        Store = ResultsStore.Open(folder.File("results.sqlite"));
        runId = Store.BeginRun(new RunInfo("{}", "test", "test", "cpu", "cpu"));
    }

    public ResultsStore Store { get; }

    /// <summary>Stores one row per image: <paramref name="dice"/>[i] for image i (JSC = DIC / 2, L∞ = ε, L2 = 10ε).</summary>
    public StoreRows Add(string model, string attack, double epsilon, params double[] dice)
    {
        Store.Write(runId, dice.Select((d, i) => new ResultRow(new ResultKey(model, attack, epsilon, ResultKey.NoDefense, 0, $"img{i:D2}"), d, d / 2,
            attack == ResultKey.CleanAttack ? 0 : epsilon, attack == ResultKey.CleanAttack ? 0 : 10 * epsilon)).ToArray());
        return this;
    }

    public void Dispose()
    {
        Store.Dispose();
        folder.Dispose();
    }
}
