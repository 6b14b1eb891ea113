using Nlce.Evaluation.Reproduction;
using Nlce.Runtime;
using Nlce.Workbench;
using static TorchSharp.torch;

namespace Nlce.Notebooks.Tests.NotebookSeries.Workbench;

/// <summary>
/// A smoke-profile notebook session shared by the workbench tests: phantom-lung at 32², and NLCEN-R18 at ⅛ width trained for
/// one epoch into a temporary cache folder (deleted afterwards).
/// </summary>
public sealed class SmokeWorkbenchFixture : IDisposable
{
    public const string Dataset = "phantom-lung";
    public const int Seed = 3;

    public SmokeWorkbenchFixture()
    {
        TorchRuntime.EnsureLoaded();
        Folder = new TempFolder();
        Cache = new WorkbenchCache(Folder.Path);
        Data = Cache.LoadDataset(Dataset, Profile, Seed);
        Training = new CachedTraining(Cache, Profile, Seed, CPU);
        Nlcen = Training.TrainOrLoad("nlcen-r18", Data);
    }

    public static ReproductionProfile Profile => ReproductionProfile.Smoke;

    public TempFolder Folder { get; }
    public WorkbenchCache Cache { get; }
    public WorkbenchDataset Data { get; }
    public CachedTraining Training { get; }
    public TrainedModel Nlcen { get; }

    public void Dispose()
    {
        Nlcen.Dispose();
        Data.Dispose();
        Folder.Dispose();
    }
}

/// <summary>Tests that share one <see cref="SmokeWorkbenchFixture"/> (it trains a model, so it is built once).</summary>
[CollectionDefinition(Name)]
public sealed class SmokeWorkbenchCollection : ICollectionFixture<SmokeWorkbenchFixture>
{
    public const string Name = "smoke workbench";
}
