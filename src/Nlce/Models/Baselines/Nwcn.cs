using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Nlce.Models.Baselines;

/// <summary>
/// NWCN (Hwang and Park, "Accurate Lung Segmentation via Network-Wise Training of Convolutional Networks", DLMIA 2017,
/// arXiv:1708.00710), one of the five baselines of the NLCEN paper (Comparison with the State of the Art): a cascade of
/// atrous-convolution segmentation networks trained network-wise, trained with pixel-wise cross-entropy.
/// </summary>
/// <remarks>
/// <para>What the paper states and this class follows: each sub-network is built on atrous (dilated) convolutions to
/// enlarge the field of view with few parameters; stage k ≥ 1 takes the input image together with the output of stage
/// k − 1 and refines it; the stages are trained one after another ("network-wise training").</para>
/// <para>Approximation (the paper's layer table, atrous rates and number of stages are not publicly available here; this
/// follows the project's reference notes, §3.3): <see cref="NwcnOptions.Stages"/> sub-networks, each two stride-2
/// 3×3 convolutions, five atrous 3×3 convolutions with dilations 1, 2, 4, 8, 16, a 1×1 classifier and bilinear ×4
/// up-sampling (DeepLab-style), batch norm + ReLU after every convolution but the classifier. Stage k ≥ 1 receives the
/// image concatenated with the softmax of stage k − 1 (InputChannels + Classes channels).</para>
/// <para>Training (<see cref="TrainingStages"/> = Stages): <see cref="PrepareTrainingStage"/>(k) freezes sub-networks
/// 0 … k − 1 (no gradients, and kept in inference mode so their batch-norm statistics stay fixed even when the model is
/// put in training mode) and makes <see cref="ForwardTraining"/> return stage k's logits. Until a stage is prepared, all
/// sub-networks train and <see cref="ForwardTraining"/> returns the last stage's logits.</para>
/// <para><c>forward</c> (inference and attacks) always runs the whole cascade, so an attack's gradient reaches the image
/// through every stage, the earlier stages included.</para>
/// <para><c>+NLCE</c>: one bottleneck module per sub-network (the NLCEN paper adds two to its two-stage NWCN), after the
/// atrous stack and before the classifier, on ContextChannels channels at 1/4 of the input size.</para>
/// <para>Width (<see cref="ModelConfig.Width"/>, a workbench addition, not NWCN's): StemChannels and ContextChannels are
/// multiplied by it (<see cref="ChannelWidth.Scale"/>); width 1 is the network above.</para>
/// <para>Shape: [B, InputChannels, H, W] → [B, Classes, H, W], H and W multiples of <see cref="TotalStride"/> = 4.</para>
/// </remarks>
public sealed class Nwcn : SegmentationModel
{
    private readonly ModuleList<NwcnSubnetwork> stages;

    /// <summary>Builds the cascade.</summary>
    /// <param name="config">Name, input channels, classes and width.</param>
    /// <param name="options">Hyperparameters (validated).</param>
    /// <param name="bottleneck">
    /// Factory of the <c>+NLCE</c> module for a given channel count, called once per sub-network; null for the plain NWCN.
    /// </param>
    /// <exception cref="ArgumentException">A configuration or option field is out of range, or the factory returned null.</exception>
    public Nwcn(ModelConfig config, NwcnOptions options, Func<long, nn.Module<Tensor, Tensor>>? bottleneck = null) : base(config)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options.Validate();
        long stemChannels = ChannelWidth.Scale(options.StemChannels, config.Width);
        long contextChannels = ChannelWidth.Scale(options.ContextChannels, config.Width);
        stages = new ModuleList<NwcnSubnetwork>(Enumerable.Range(0, options.Stages)
            .Select(k => new NwcnSubnetwork(
                k == 0 ? config.InputChannels : config.InputChannels + config.Classes, config.Classes, stemChannels, contextChannels, bottleneck))
            .ToArray());
        ActiveTrainingStage = options.Stages - 1;
        RegisterComponents();
    }

    /// <summary>The hyperparameters the network was built with.</summary>
    public NwcnOptions Options { get; }

    /// <summary>Down-sampling factor of each sub-network (4); input height and width must be multiples of it.</summary>
    public int TotalStride => NwcnSubnetwork.Stride;

    /// <summary>The sub-network whose logits <see cref="ForwardTraining"/> returns (0-based).</summary>
    public int ActiveTrainingStage { get; private set; }

    /// <summary>How many leading sub-networks are frozen (0 until <see cref="PrepareTrainingStage"/> is called).</summary>
    public int FrozenStages { get; private set; }

    /// <inheritdoc/>
    public override LossKind DefaultLoss => LossKind.CrossEntropy;

    /// <summary>One training stage per sub-network.</summary>
    public override int TrainingStages => stages.Count;

    /// <summary>
    /// Network-wise training, stage <paramref name="stage"/>: sub-networks before it are frozen (gradients off, inference
    /// mode), it and the later ones are trainable, and <see cref="ForwardTraining"/> returns its logits.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="stage"/> is not in [0, <see cref="TrainingStages"/>).</exception>
    public override void PrepareTrainingStage(int stage)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(stage);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(stage, stages.Count);
        ActiveTrainingStage = stage;
        FrozenStages = stage;
        for (int k = 0; k < stages.Count; k++)
        {
            foreach (var parameter in stages[k].parameters())
                parameter.requires_grad = k >= stage;
        }
        train(training);
    }

    /// <summary>Sets the training mode; frozen sub-networks (before the active stage) always stay in inference mode.</summary>
    public override void train(bool train = true)
    {
        base.train(train);
        if (!train)
            return;
        for (int k = 0; k < FrozenStages; k++)
            stages[k].eval();
    }

    /// <summary>Stages 0 … <see cref="ActiveTrainingStage"/>; the logits are the active stage's.</summary>
    public override SegmentationOutputs ForwardTraining(Tensor input) => new(RunCascade(input, ActiveTrainingStage), []);

    /// <summary>Images [B, InputChannels, H, W] in [0, 1] → the last stage's logits [B, Classes, H, W].</summary>
    /// <exception cref="ArgumentException">The input shape does not fit (see <see cref="TotalStride"/>).</exception>
    public override Tensor forward(Tensor input) => RunCascade(input, stages.Count - 1);

    private Tensor RunCascade(Tensor input, int lastStage)
    {
        BaselineInput.Validate(input, Config, TotalStride);
        using var scope = NewDisposeScope();
        var logits = stages[0].call(input);
        for (int k = 1; k <= lastStage; k++)
            logits = stages[k].call(cat([input, nn.functional.softmax(logits, 1)], 1));
        return logits.MoveToOuterDisposeScope();
    }
}
