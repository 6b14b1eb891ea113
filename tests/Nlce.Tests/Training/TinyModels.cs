using Nlce.Models;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Nlce.Tests.Training;

/// <summary>conv 3×3 → batch norm → ReLU → dropout → conv 1×1: enough to segment bright squares, with buffers and randomness.</summary>
internal sealed class TinySegmenter : SegmentationModel
{
    private readonly Conv2d conv1;
    private readonly BatchNorm2d bn1;
    private readonly Dropout dropout;
    private readonly Conv2d conv2;

    public TinySegmenter(ModelConfig config, int width = 4, double dropoutRate = 0.1) : base(config)
    {
        conv1 = Conv2d(config.InputChannels, width, 3, padding: 1);
        bn1 = BatchNorm2d(width);
        dropout = Dropout(dropoutRate);
        conv2 = Conv2d(width, config.Classes, 1);
        RegisterComponents();
    }

    public static ModelConfig Config1(string name = "tiny") => new(name, 1, 2);

    public override LossKind DefaultLoss => LossKind.CrossEntropy;

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        return conv2.call(dropout.call(functional.relu(bn1.call(conv1.call(input))))).MoveToOuterDisposeScope();
    }
}

/// <summary>A model with one auxiliary head, supervised by deep supervision (like NLCEN's FPN heads).</summary>
internal sealed class TinyDeeplySupervisedSegmenter : SegmentationModel
{
    private readonly Conv2d conv1;
    private readonly Conv2d head;
    private readonly Conv2d aux_head;

    public TinyDeeplySupervisedSegmenter(ModelConfig config) : base(config)
    {
        conv1 = Conv2d(config.InputChannels, 4, 3, padding: 1);
        head = Conv2d(4, config.Classes, 1);
        aux_head = Conv2d(4, config.Classes, 1);
        RegisterComponents();
    }

    public override LossKind DefaultLoss => LossKind.DeepSupervision;

    public Tensor AuxiliaryHeadWeight => aux_head.weight!;

    public override Tensor forward(Tensor input) => ForwardTraining(input).Logits;

    public override SegmentationOutputs ForwardTraining(Tensor input)
    {
        var features = functional.relu(conv1.call(input));
        return new SegmentationOutputs(head.call(features), [aux_head.call(features)]);
    }
}

/// <summary>
/// A two-stage cascade in the manner of NWCN: stage k trains sub-network k with the other one frozen; the training output
/// is the current stage's prediction, the inference output the cascade's. Records the order of stage preparations.
/// </summary>
internal sealed class TinyStagedSegmenter : SegmentationModel
{
    private readonly Conv2d net0;
    private readonly Conv2d net1;
    private int stage;

    public TinyStagedSegmenter(ModelConfig config) : base(config)
    {
        net0 = Conv2d(config.InputChannels, config.Classes, 3, padding: 1);
        net1 = Conv2d(config.InputChannels + config.Classes, config.Classes, 3, padding: 1);
        RegisterComponents();
    }

    public List<int> PreparedStages { get; } = [];

    public override LossKind DefaultLoss => LossKind.CrossEntropy;

    public override int TrainingStages => 2;

    public Tensor FirstNetworkWeight => net0.weight!;

    public override void PrepareTrainingStage(int stage)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)stage, 1u);
        PreparedStages.Add(stage);
        this.stage = stage;
        foreach (var p in net0.parameters())
            p.requires_grad = stage == 0;
        foreach (var p in net1.parameters())
            p.requires_grad = stage == 1;
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var first = net0.call(input);
        return net1.call(cat([input, functional.softmax(first, 1)], 1)).MoveToOuterDisposeScope();
    }

    public override SegmentationOutputs ForwardTraining(Tensor input) => new(stage == 0 ? net0.call(input) : forward(input), []);
}

/// <summary>An <see cref="IProgress{T}"/> that reports on the calling thread, at once (unlike <see cref="Progress{T}"/>).</summary>
internal sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}

/// <summary>
/// Runs torch on one CPU thread until disposed, then restores the previous count: these tiny tensors gain nothing from
/// more threads, and on a busy shared machine libtorch's spinning worker threads make them many times slower.
/// </summary>
internal sealed class SingleTorchThread : IDisposable
{
    private readonly int previous = get_num_threads();

    public SingleTorchThread() => set_num_threads(1);

    public void Dispose() => set_num_threads(previous);
}
