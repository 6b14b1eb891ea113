using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Nlce.Models.Baselines;

/// <summary>
/// InvertedNet (Novikov et al., "Fully Convolutional Architectures for Multiclass Segmentation in Chest Radiographs",
/// IEEE TMI 2018, arXiv:1701.08816), one of the five baselines of the NLCEN paper (Comparison with the State of the Art),
/// trained with the soft Dice loss.
/// </summary>
/// <remarks>
/// <para>What the paper states and this class follows: a U-Net-like encoder–decoder with skip connections; a dropout layer
/// after every convolution, after the activation ("All-Dropout"); ELU activations; "delayed sub-sampling"; and an
/// inverted channel plan that starts with many feature maps and halves them after every sub-sampling, doubling them
/// after every up-sampling.</para>
/// <para>Approximation (the paper's exact layer table is not publicly available here; this follows the project's
/// reference notes, §3.2): per level two 3×3 convolutions (padding 1) + ELU + dropout; between levels a 2×2 max-pooling
/// with stride 1 (padded right and bottom by replication, so the size is kept) and the next level's first convolution
/// with stride 2 (the delayed sub-sampling); decoder levels: nearest ×2 up-sampling, a 3×3 convolution to the level's
/// channels + ELU + dropout, concatenation with the skip, two 3×3 convolutions + ELU + dropout; a 1×1 convolution to the
/// classes. Dropout is standard (Bernoulli) dropout with probability <see cref="InvertedNetOptions.Dropout"/> (0.1 by
/// default, see there). He-normal initialisation.</para>
/// <para><c>+NLCE</c>: the bottleneck module sits after the coarsest level (BaseChannels / 2^Depth channels at
/// 1/2^Depth of the input size), before the first up-sampling.</para>
/// <para>Width (<see cref="ModelConfig.Width"/>, a workbench addition, not InvertedNet's): the coarsest level's
/// BaseChannels / 2^Depth channels are multiplied by it (<see cref="ChannelWidth.Scale"/>, so at least 8) and the finer
/// levels keep doubling them; width 1 is the network above.</para>
/// <para>Shape: [B, InputChannels, H, W] → [B, Classes, H, W], H and W multiples of <see cref="TotalStride"/> = 2^Depth.</para>
/// </remarks>
public sealed class InvertedNet : SegmentationModel
{
    private readonly ModuleList<EluConvBlock> encoder;
    private readonly nn.Module<Tensor, Tensor>? nlce;
    private readonly ModuleList<nn.Module<Tensor, Tensor>> up;
    private readonly nn.Module<Tensor, Tensor> dropout;
    private readonly ModuleList<EluConvBlock> decoder;
    private readonly nn.Module<Tensor, Tensor> head;

    /// <summary>Builds the network.</summary>
    /// <param name="config">Name, input channels, classes and width.</param>
    /// <param name="options">Hyperparameters (validated).</param>
    /// <param name="bottleneck">Factory of the <c>+NLCE</c> module for a given channel count; null for the plain InvertedNet.</param>
    /// <exception cref="ArgumentException">A configuration or option field is out of range, or the factory returned null.</exception>
    public InvertedNet(ModelConfig config, InvertedNetOptions options, Func<long, nn.Module<Tensor, Tensor>>? bottleneck = null) : base(config)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options.Validate();
        TotalStride = 1 << options.Depth;

        // Scaling the coarsest level and doubling upwards keeps every level whole (BaseChannels is a multiple of 2^Depth).
        long coarsestChannels = ChannelWidth.Scale((long)options.BaseChannels >> options.Depth, config.Width);
        long Channels(int level) => coarsestChannels << (options.Depth - level);
        encoder = new ModuleList<EluConvBlock>(Enumerable.Range(0, options.Depth + 1)
            .Select(k => k == 0
                ? new EluConvBlock(config.InputChannels, Channels(0), 1, options.Dropout)
                : new EluConvBlock(Channels(k - 1), Channels(k), 2, options.Dropout))
            .ToArray());
        nlce = NlceSlot.Create(bottleneck, Channels(options.Depth), nameof(bottleneck));
        up = new ModuleList<nn.Module<Tensor, Tensor>>(Enumerable.Range(0, options.Depth)
            .Select(i => (nn.Module<Tensor, Tensor>)nn.Conv2d(Channels(options.Depth - i), Channels(options.Depth - i - 1), 3, padding: 1))
            .ToArray());
        dropout = nn.Dropout(options.Dropout);
        decoder = new ModuleList<EluConvBlock>(Enumerable.Range(0, options.Depth)
            .Select(i => new EluConvBlock(2 * Channels(options.Depth - i - 1), Channels(options.Depth - i - 1), 1, options.Dropout))
            .ToArray());
        head = nn.Conv2d(Channels(0), config.Classes, 1);
        RegisterComponents();

        // The +NLCE module keeps the initialisation its own design prescribes.
        WeightInitialization.HeNormal(nn.init.FanInOut.FanIn, encoder, up, decoder, head);
    }

    /// <summary>The hyperparameters the network was built with.</summary>
    public InvertedNetOptions Options { get; }

    /// <summary>Product of all sub-sampling strides (2^Depth); input height and width must be multiples of it.</summary>
    public int TotalStride { get; }

    /// <inheritdoc/>
    public override LossKind DefaultLoss => LossKind.SoftDice;

    /// <summary>
    /// 3e-4 rather than the NLCEN paper's 1e-3. Without normalisation layers, soft-Dice training at 1e-3 saturated the softmax within ten
    /// Adam steps (loss exactly 1, nothing predicted, zero gradient) or stalled at all-foreground; at 3e-4 it reached training-set DIC
    /// 0.83–0.92 after 40 steps of 8 phantom lungs at 64², width ¼ (dropout 0 and 0.1). Novikov et al.'s own rate is not public.
    /// </summary>
    public override double? LearningRate => 3e-4;

    /// <summary>Images [B, InputChannels, H, W] in [0, 1] → logits [B, Classes, H, W].</summary>
    /// <exception cref="ArgumentException">The input shape does not fit (see <see cref="TotalStride"/>).</exception>
    public override Tensor forward(Tensor input)
    {
        BaselineInput.Validate(input, Config, TotalStride);
        using var scope = NewDisposeScope();
        var skips = new List<Tensor>(encoder.Count);
        var x = input;
        for (int k = 0; k < encoder.Count; k++)
        {
            if (k > 0)
                x = DelayedPooling(x);
            x = encoder[k].call(x);
            skips.Add(x);
        }
        x = NlceSlot.Apply(nlce, x);
        for (int i = 0; i < decoder.Count; i++)
        {
            x = nn.functional.interpolate(x, scale_factor: [2.0, 2.0], mode: InterpolationMode.Nearest);
            x = dropout.call(nn.functional.elu(up[i].call(x), 1.0));
            x = decoder[i].call(cat([skips[^(i + 2)], x], 1));
        }
        return head.call(x).MoveToOuterDisposeScope();
    }

    /// <summary>2×2 max-pooling with stride 1, the input padded right and bottom by replication so the size is kept.</summary>
    private static Tensor DelayedPooling(Tensor x) =>
        nn.functional.max_pool2d(nn.functional.pad(x, [0, 1, 0, 1], PaddingModes.Replicate), 2, stride: 1);
}
