using TorchSharp;
using static TorchSharp.torch;

namespace Nlce.Models.Baselines;

/// <summary>
/// SLSDeep (Sarker et al., "SLSDeep: Skin Lesion Segmentation Based on Dilated Residual and Pyramid Pooling Networks",
/// MICCAI 2018, arXiv:1805.10241), one of the five baselines of the NLCEN paper (Comparison with the State of the Art):
/// a dilated residual encoder with a pyramid-pooling decoder, trained with negative log-likelihood plus an end-point-error
/// boundary loss.
/// </summary>
/// <remarks>
/// <para>Encoder: ResNet-50 made dilated with output stride 8 (layer3, layer4 dilated by 2 and 4), standard 7×7 stem;
/// submodule names follow torchvision (<c>encoder.conv1</c>, <c>encoder.layer1.0.conv1</c>, …). Decoder, "pyramid
/// pooling and three convolutional layers" (Sarker et al.): pyramid pooling over 1, 2, 3, 6 grids fused by a 3×3
/// convolution to 8·Width channels; bilinear ×2 up-sampling to 1/4 of the input size; a 3×3 convolution to 2·Width
/// channels + batch norm + ReLU; dropout; a 1×1 classifier; bilinear up-sampling to the input size.</para>
/// <para>Deviations from the public SLSDeep code (project reference notes, §3.5): the encoder is trained from scratch
/// (the code starts from ImageNet weights, which a converted torchvision checkpoint could supply) with the standard
/// instead of the three-convolution stem; the last convolution is a plain 1×1 classifier (the code puts batch norm, ReLU
/// and dropout on its two-channel output, which clips the logits). He-normal initialisation (fan-out in the encoder, as
/// torchvision; fan-in in the decoder).</para>
/// <para>The pyramid's 1×1 branch normalises one value per channel and image, so training batches need ≥ 2 images.</para>
/// <para><c>+NLCE</c>: the bottleneck module sits on the encoder output (32·Width channels at 1/8 of the input size),
/// before the pyramid pooling, whose pooling and bilinear up-sampling begin the decoder.</para>
/// <para>Width (<see cref="ModelConfig.Width"/>, a workbench addition, not SLSDeep's; not to be confused with
/// <see cref="SlsDeepOptions.Width"/>, the stem channels): the stem channels are multiplied by it
/// (<see cref="ChannelWidth.Scale"/>) and every count above follows them; width 1 is the network above.</para>
/// <para>Shape: [B, InputChannels, H, W] → [B, Classes, H, W], H and W multiples of <see cref="TotalStride"/> = 8.</para>
/// </remarks>
public sealed class SlsDeep : SegmentationModel
{
    private readonly DilatedResNet50 encoder;
    private readonly nn.Module<Tensor, Tensor>? nlce;
    private readonly PyramidPoolingModule ppm;
    private readonly ConvBnRelu refine;
    private readonly nn.Module<Tensor, Tensor> dropout;
    private readonly nn.Module<Tensor, Tensor> classifier;

    /// <summary>Builds the network.</summary>
    /// <param name="config">Name, input channels, classes and width multiplier.</param>
    /// <param name="options">Hyperparameters (validated).</param>
    /// <param name="bottleneck">Factory of the <c>+NLCE</c> module for a given channel count; null for the plain SLSDeep.</param>
    /// <exception cref="ArgumentException">A configuration or option field is out of range, or the factory returned null.</exception>
    public SlsDeep(ModelConfig config, SlsDeepOptions options, Func<long, nn.Module<Tensor, Tensor>>? bottleneck = null) : base(config)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options.Validate();

        long stemChannels = ChannelWidth.Scale(options.Width, config.Width);
        encoder = new DilatedResNet50(config.InputChannels, stemChannels);
        nlce = NlceSlot.Create(bottleneck, encoder.OutputChannels, nameof(bottleneck));
        ppm = new PyramidPoolingModule(encoder.OutputChannels, encoder.OutputChannels / 4);
        refine = ConvBnRelu.Convolution(encoder.OutputChannels / 4, 2 * stemChannels, 3);
        dropout = nn.Dropout(options.Dropout);
        classifier = nn.Conv2d(2 * stemChannels, config.Classes, 1);
        RegisterComponents();

        // The encoder initialises itself; the +NLCE module keeps the initialisation its own design prescribes.
        WeightInitialization.HeNormal(nn.init.FanInOut.FanIn, ppm, refine, classifier);
    }

    /// <summary>The hyperparameters the network was built with.</summary>
    public SlsDeepOptions Options { get; }

    /// <summary>Output stride of the encoder (8); input height and width must be multiples of it.</summary>
    public int TotalStride => DilatedResNet50.OutputStride;

    /// <inheritdoc/>
    public override LossKind DefaultLoss => LossKind.NllPlusEndPointError;

    /// <summary>Images [B, InputChannels, H, W] in [0, 1] → logits [B, Classes, H, W].</summary>
    /// <exception cref="ArgumentException">The input shape does not fit (see <see cref="TotalStride"/>).</exception>
    public override Tensor forward(Tensor input)
    {
        BaselineInput.Validate(input, Config, TotalStride);
        using var scope = NewDisposeScope();
        var x = ppm.call(NlceSlot.Apply(nlce, encoder.call(input)));
        x = nn.functional.interpolate(x, [input.shape[2] / 4, input.shape[3] / 4], mode: InterpolationMode.Bilinear, align_corners: false);
        x = classifier.call(dropout.call(refine.call(x)));
        return nn.functional.interpolate(x, [input.shape[2], input.shape[3]], mode: InterpolationMode.Bilinear, align_corners: false)
            .MoveToOuterDisposeScope();
    }
}
