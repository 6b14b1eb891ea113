using static TorchSharp.torch;

namespace Nlce.Models;

/// <summary>The loss a model's paper trains it with (NLCEN paper, Implementation; baselines' own papers).</summary>
public enum LossKind
{
    /// <summary>Pixel-wise cross-entropy.</summary>
    CrossEntropy,

    /// <summary>NLCEN eq. 5: ¼ Σᵢ L_g^i over the four supervised FPN levels + λ·L_r on the refined output (λ = 0.25).</summary>
    DeepSupervision,

    /// <summary>CDNN: soft Jaccard distance.</summary>
    JaccardDistance,

    /// <summary>InvertedNet: soft Dice loss.</summary>
    SoftDice,

    /// <summary>SLSDeep: negative log-likelihood plus a differentiable end-point-error loss.</summary>
    NllPlusEndPointError,
}

/// <summary>Outputs of a training-mode forward pass.</summary>
/// <param name="Logits">The model's final prediction, [B, classes, H, W] at input resolution (NLCEN: the refined output).</param>
/// <param name="Auxiliary">Extra supervised predictions (NLCEN: the four FPN-level heads), each [B, classes, H, W]; empty for most models.</param>
public sealed record SegmentationOutputs(Tensor Logits, IReadOnlyList<Tensor> Auxiliary);

/// <summary>How a registered model was built; saved beside checkpoints so a checkpoint can be rebuilt and checked.</summary>
/// <param name="Name">Registry name, e.g. <c>nlcen-r18</c>, <c>unet+nlce</c>.</param>
/// <param name="InputChannels">1 for grey (JSRT-like), 3 for RGB (ISBI-like).</param>
/// <param name="Classes">Number of output classes (2 for binary segmentation: background, foreground).</param>
/// <param name="Width">
/// Channel multiplier in (0, 4]; 1 (the default) builds the paper's widths. Each model multiplies its base channel counts by
/// it, rounded to multiples of 8 (<see cref="ChannelWidth.Scale"/>). A workbench addition, not the paper's: narrow models
/// make the CPU smoke and quick profiles and the tests fast. Saved with the rest of the record, so a checkpoint of a narrow
/// model rebuilds narrow.
/// </param>
public sealed record ModelConfig(string Name, int InputChannels, int Classes, double Width = ChannelWidth.Full)
{
    /// <summary>Throws when a field is out of range, naming it.</summary>
    public ModelConfig Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(Name, nameof(Name));
        if (InputChannels < 1)
            throw new ArgumentOutOfRangeException(nameof(InputChannels), InputChannels, "InputChannels must be ≥ 1.");
        if (Classes < 2)
            throw new ArgumentOutOfRangeException(nameof(Classes), Classes, "Classes must be ≥ 2 (background + foreground).");
        ChannelWidth.Validate(Width, nameof(Width));
        return this;
    }
}

/// <summary>
/// Base of every segmentation network in the registry. <c>forward</c> maps images [B, C, H, W] in [0, 1] to logits
/// [B, classes, H, W] at the input resolution. Gradients must flow from the logits back to the input (attacks need
/// them): no <c>detach</c>, no <c>no_grad</c> inside modules.
/// </summary>
public abstract class SegmentationModel : nn.Module<Tensor, Tensor>
{
    protected SegmentationModel(ModelConfig config) : base(config.Validate().Name)
    {
        Config = config;
    }

    /// <summary>The configuration the model was built from.</summary>
    public ModelConfig Config { get; }

    /// <summary>The loss the model's paper trains it with.</summary>
    public abstract LossKind DefaultLoss { get; }

    /// <summary>The initial Adam learning rate the model needs when the NLCEN paper's 1e-3 (<see cref="Training.TrainingOptions"/>)
    /// does not train it; null for the paper's rate.</summary>
    public virtual double? LearningRate => null;

    /// <summary>
    /// Training forward pass: the final logits plus auxiliary supervised outputs (deep supervision). The default has no
    /// auxiliary outputs.
    /// </summary>
    public virtual SegmentationOutputs ForwardTraining(Tensor input) => new(forward(input), []);

    /// <summary>
    /// Number of sequential training stages (NWCN's network-wise training trains its sub-networks one after another);
    /// 1 for ordinary models.
    /// </summary>
    public virtual int TrainingStages => 1;

    /// <summary>Prepares stage <paramref name="stage"/> (0-based) of a multi-stage training: e.g. freezes earlier sub-networks.</summary>
    public virtual void PrepareTrainingStage(int stage)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(stage, 0);
    }
}
