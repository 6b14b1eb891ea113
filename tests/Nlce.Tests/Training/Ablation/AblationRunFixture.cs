using Nlce.Data;
using Nlce.Data.Tensors;
using Nlce.Models;
using Nlce.Models.Backbones;
using Nlce.Training;
using Nlce.Training.Ablation;
using Nlce.Training.Losses;
using static TorchSharp.torch;

namespace Nlce.Tests.Training.Ablation;

/// <summary>
/// One uninterrupted run of the ablation protocol on 24 phantom-lung samples at 32² (18 training, 2 validation images; batches
/// of 9, so 2 steps per epoch; ≈ 7 s for the whole protocol on one thread), shared by the tests of
/// <see cref="AblationProtocolTests"/>: the five trained models, every progress report, and each step's weights at the moment
/// it started training.
/// </summary>
public sealed class AblationRunFixture : IDisposable
{
    public const int Size = 32;

    private readonly SegmentationTensorSet all;
    private readonly TemporaryFolder folder = new();

    public AblationRunFixture()
    {
        using var thread = new SingleTorchThread();
        var dataset = DatasetCatalog.Open("phantom-lung", new DatasetOpenOptions(PhantomCount: 24, PhantomSize: Size));
        all = SegmentationTensorSet.Load(dataset, Size);
        Data = TrainingData.FromSplits(all, dataset.Spec);
        var factory = new RecordingNlcenFactory();
        var recorder = new StartRecorder(factory);
        Result = Protocol().Run(factory.Create, Data, Root, new SynchronousProgress<AblationProgress>(recorder.Report));
        Reports = recorder.Reports;
        InitialStates = recorder.InitialStates;
        Built = factory.Built;
    }

    /// <summary>Phase epochs 1 / 2 / 1: step 2 has two epochs, so it can be interrupted between them.</summary>
    public static AblationOptions Options { get; } =
        AblationOptions.WithEpochs(new TrainingOptions(1, BatchSize: 9, InputSize: Size, Seed: 5), 1, 2, 1);

    public TrainingData Data { get; }

    /// <summary>The uninterrupted run's checkpoint root.</summary>
    public string Root => folder.Combine("uninterrupted");

    public AblationResult Result { get; }

    public IReadOnlyList<AblationProgress> Reports { get; }

    /// <summary>Every step's full state dictionary (clones) when it started training, after loading and freezing.</summary>
    public IReadOnlyDictionary<AblationStep, Dictionary<string, Tensor>> InitialStates { get; }

    /// <summary>The models the factory built, in order.</summary>
    public IReadOnlyList<Nlcen> Built { get; }

    public static AblationProtocol Protocol() => new(Options, LossFactory.Paper, CPU);

    /// <summary>A fresh folder for a test's own run.</summary>
    public string NewRoot() => folder.Combine(Guid.NewGuid().ToString("N"));

    public static Dictionary<string, Tensor> Clone(nn.Module model) =>
        model.state_dict().ToDictionary(entry => entry.Key, entry => entry.Value.detach().clone());

    public void Dispose()
    {
        foreach (var tensor in InitialStates.Values.SelectMany(state => state.Values))
            tensor.Dispose();
        Result.Dispose();
        Data.Dispose();
        all.Dispose();
        folder.Dispose();
    }

    /// <summary>Clones the newest model's state when a step reports that it starts training.</summary>
    private sealed class StartRecorder(RecordingNlcenFactory factory)
    {
        public List<AblationProgress> Reports { get; } = [];

        public Dictionary<AblationStep, Dictionary<string, Tensor>> InitialStates { get; } = [];

        public void Report(AblationProgress report)
        {
            Reports.Add(report);
            if (report.Event == AblationEvent.Started)
                InitialStates[report.Step] = Clone(factory.Built[^1]);
        }
    }
}

/// <summary>Builds each variant as the brief's tests do (ResNet-18 NLCEN under the variant's registry name) and keeps every model it built.</summary>
internal sealed class RecordingNlcenFactory
{
    public List<Nlcen> Built { get; } = [];

    public SegmentationModel Create(NlcenVariant variant)
    {
        var model = new Nlcen(new ModelConfig(AblationRegistryModels.Names[variant], 1, 2), NlcenOptions.For(ResNetDepth.ResNet18, variant));
        Built.Add(model);
        return model;
    }
}
