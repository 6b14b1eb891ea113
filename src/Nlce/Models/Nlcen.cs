using Nlce.Models.Backbones;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Nlce.Models;

/// <summary>
/// Non-local context encoding network (NLCEN paper, "Non-Local Context Encoding Network (NLCEN)", Fig. 3 and eq. 5):
/// a global phase (ResNet backbone, an <see cref="NlceModule"/> on the last block of conv2 … conv5, a feature pyramid,
/// one supervised prediction per level) and a refinement phase that fuses all levels into the final prediction.
/// </summary>
/// <remarks>
/// <para>Global phase. E_i = NLCE_i(conv_i) for i = 2 … 5 (or conv_i itself in the w/o-NLCE variant). P5 = 1×1
/// convolution of E5 (C5 → C5 channels); P_i = E_i + bilinear up-sampling of a 1×1 convolution of P_{i+1} to C_i channels
/// (i = 4, 3, 2; the 1×1 convolution commutes with the up-sampling, so it runs at the coarser resolution). Each P_i goes
/// through its own 3×3 convolution to class logits, bilinearly up-sampled to the input size: the four supervised outputs
/// (<see cref="SegmentationOutputs.Auxiliary"/>, ordered P2 … P5).</para>
/// <para>Refinement phase. P2, P3, P4, P5 pass through 0, 1, 2, 3 <see cref="BottleneckBlock"/>s (the paper's counts)
/// whose output width is C2 (the first one projects C_i → C2; inner width C2/4, He et al.'s ratio), are up-sampled to
/// P2's resolution, concatenated (4·C2 channels) and turned into class logits by one 3×3 convolution, up-sampled to the
/// input size: the refined prediction, which is the inference output. The paper does not state the widths of the
/// refinement phase; these are our choice.</para>
/// <para>Width (<see cref="ModelConfig.Width"/>, a workbench addition, not the paper's): the backbone's stem and stage
/// widths are multiplied by it (<see cref="ChannelWidth.Scale"/>), so C2 … C5, the FPN and the refinement phase narrow with
/// them; the NLCE modules keep C/2 embeddings and cap C′ at the scaled 512 (<see cref="NlceOptions.ForWidth"/>). Width 1
/// is the architecture described above.</para>
/// <para>Input: [B, C_in, H, W] with H and W multiples of 32 (the backbone's total stride).</para>
/// <para>State-dict layout: <c>encoder.*</c> (torchvision ResNet names), <c>nlce.{0..3}.*</c> (absent without NLCE),
/// <c>fpn_top.*</c>, <c>fpn_lateral.{0,1,2}.*</c> (P3→C2, P4→C3, P5→C4), <c>heads.{0..3}.*</c> (P2 … P5),
/// <c>refine.{0,1,2}.*</c> (the bottlenecks of P3, P4, P5) and <c>refine_head.*</c>. Everything outside <c>nlce.*</c> is
/// shared with the w/o-NLCE model, which the ablation protocol trains first (<see cref="LoadSharedWeights(IReadOnlyDictionary{string, Tensor})"/>,
/// <see cref="FreezeSharedLayers"/>).</para>
/// </remarks>
public sealed class Nlcen : SegmentationModel
{
    private const string NlcePrefix = "nlce";
    private static readonly int[] RefinementBottlenecks = [1, 2, 3];

    private readonly ResNetEncoder encoder;
    private readonly ModuleList<NlceModule>? nlce;
    private readonly Conv2d fpn_top;
    private readonly ModuleList<Conv2d> fpn_lateral;
    private readonly ModuleList<Conv2d> heads;
    private readonly ModuleList<Sequential> refine;
    private readonly Conv2d refine_head;

    /// <summary>Builds the network for <paramref name="config"/> (input channels, classes, width) with <paramref name="options"/>.</summary>
    /// <exception cref="ArgumentException">The configuration or the options are invalid.</exception>
    public Nlcen(ModelConfig config, NlcenOptions options) : base(config)
    {
        Options = (options ?? throw new ArgumentNullException(nameof(options))).Validate();
        encoder = new ResNetEncoder(options.Backbone, config.InputChannels, config.Width);
        var channels = encoder.Levels.Select(level => level.Channels).ToArray();
        if (options.Nlce is not null)
        {
            var moduleOptions = options.Nlce.ForWidth(config.Width);
            nlce = nn.ModuleList(channels.Select(c => new NlceModule(c, moduleOptions)).ToArray());
        }
        fpn_top = nn.Conv2d(channels[3], channels[3], 1);
        fpn_lateral = nn.ModuleList(Enumerable.Range(0, 3).Select(i => nn.Conv2d(channels[i + 1], channels[i], 1)).ToArray());
        heads = nn.ModuleList(channels.Select(c => nn.Conv2d(c, config.Classes, 3, padding: 1)).ToArray());
        long width = channels[0];
        refine = nn.ModuleList(RefinementBottlenecks.Select((count, i) => RefinementBranch(channels[i + 1], width, count)).ToArray());
        refine_head = nn.Conv2d(4 * width, config.Classes, 3, padding: 1);
        RegisterComponents();
    }

    /// <summary>The options the network was built with.</summary>
    public NlcenOptions Options { get; }

    /// <summary>The backbone's levels conv2 … conv5 (channels and strides), the inputs of the NLCE modules.</summary>
    public IReadOnlyList<FeatureLevel> Levels => encoder.Levels;

    /// <summary>The NLCE modules on E2 … E5; empty for the w/o-NLCE variant.</summary>
    public IReadOnlyList<NlceModule> NlceModules => nlce is null ? [] : nlce.ToArray();

    /// <summary>True while <see cref="FreezeSharedLayers"/> is in effect.</summary>
    public bool SharedLayersFrozen { get; private set; }

    /// <inheritdoc/>
    public override LossKind DefaultLoss => LossKind.DeepSupervision;

    /// <summary>True for state-dict keys, parameter and module names of the NLCE modules (not shared with the w/o-NLCE model).</summary>
    public static bool IsNlceKey(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name == NlcePrefix || name.StartsWith(NlcePrefix + ".", StringComparison.Ordinal);
    }

    /// <summary>The refined prediction [B, classes, H, W] (the paper's test-time output).</summary>
    /// <exception cref="ArgumentException">The input is not [B, C_in, H, W] with H, W multiples of 32.</exception>
    public override Tensor forward(Tensor input) => Run(input, supervisedLevels: false).Logits;

    /// <summary>The refined prediction and the four level predictions (P2 … P5) that eq. 5 supervises.</summary>
    /// <exception cref="ArgumentException">The input is not [B, C_in, H, W] with H, W multiples of 32.</exception>
    public override SegmentationOutputs ForwardTraining(Tensor input) => Run(input, supervisedLevels: true);

    /// <summary>The backbone's conv2 … conv5 maps of <paramref name="input"/>, i.e. the NLCE modules' inputs, for teaching notebooks.</summary>
    /// <exception cref="ArgumentException">The input is not [B, C_in, H, W] with H, W multiples of 32.</exception>
    public IReadOnlyList<Tensor> BackboneFeatures(Tensor input)
    {
        RequireInput(input);
        return encoder.call(input);
    }

    /// <summary>
    /// Freezes exactly the layers shared with the w/o-NLCE model, as the ablation protocol's fine-tuning requires (paper,
    /// "Ablation Studies"): their parameters stop requiring gradients and their batch norms stay in evaluation mode (running
    /// statistics fixed) even when the network is put in training mode; only the NLCE modules train.
    /// </summary>
    /// <exception cref="InvalidOperationException">The network has no NLCE modules (nothing would be left to train).</exception>
    public void FreezeSharedLayers()
    {
        if (nlce is null)
            throw new InvalidOperationException($"'{Config.Name}' has no NLCE modules; freezing its shared layers would leave nothing to train.");
        foreach (var (name, parameter) in named_parameters())
            if (!IsNlceKey(name))
                parameter.requires_grad = false;
        SharedLayersFrozen = true;
        train(training);
    }

    /// <summary>Undoes <see cref="FreezeSharedLayers"/>: every parameter trains again (the protocol's final fine-tuning).</summary>
    public void UnfreezeSharedLayers()
    {
        foreach (var parameter in parameters())
            parameter.requires_grad = true;
        SharedLayersFrozen = false;
        train(training);
    }

    /// <inheritdoc/>
    /// <remarks>While the shared layers are frozen, their batch norms stay in evaluation mode.</remarks>
    public override void train(bool train = true)
    {
        base.train(train);
        if (!SharedLayersFrozen)
            return;
        foreach (var (name, module) in named_modules())
            if (module is BatchNorm norm && !IsNlceKey(name))
                norm.train(false);
    }

    /// <summary>Copies the weights of a w/o-NLCE network into this network's shared layers (every key outside <c>nlce.*</c>).</summary>
    /// <exception cref="ArgumentException">The source's keys or shapes differ from this network's shared layers.</exception>
    public void LoadSharedWeights(Nlcen source)
    {
        ArgumentNullException.ThrowIfNull(source);
        LoadSharedWeights(source.state_dict());
    }

    /// <summary>
    /// Copies a w/o-NLCE state dict (this network's keys with the NLCE keys missing) into the shared layers; the NLCE modules
    /// keep their weights. The key set must match exactly: nothing is skipped or ignored.
    /// </summary>
    /// <exception cref="ArgumentException">A shared key is missing, a key is not a shared key, or a shape differs.</exception>
    public void LoadSharedWeights(IReadOnlyDictionary<string, Tensor> stateDict)
    {
        ArgumentNullException.ThrowIfNull(stateDict);
        var shared = state_dict().Where(entry => !IsNlceKey(entry.Key)).ToDictionary();
        var missing = shared.Keys.Where(key => !stateDict.ContainsKey(key)).ToArray();
        var unexpected = stateDict.Keys.Where(key => !shared.ContainsKey(key)).ToArray();
        if (missing.Length > 0 || unexpected.Length > 0)
            throw new ArgumentException(
                $"The state dict does not match the layers of '{Config.Name}' shared with its w/o-NLCE model: " +
                $"missing [{string.Join(", ", missing)}], not shared [{string.Join(", ", unexpected)}].", nameof(stateDict));
        foreach (var (key, target) in shared)
        {
            var value = stateDict[key];
            if (!value.shape.SequenceEqual(target.shape))
                throw new ArgumentException(
                    $"State-dict entry '{key}' has shape [{string.Join(", ", value.shape)}]; expected [{string.Join(", ", target.shape)}].",
                    nameof(stateDict));
        }
        using var noGrad = no_grad();
        foreach (var (key, target) in shared)
            target.copy_(stateDict[key]);
    }

    private static Sequential RefinementBranch(long inChannels, long width, int bottlenecks) =>
        nn.Sequential(Enumerable.Range(0, bottlenecks)
            .Select(i => (nn.Module<Tensor, Tensor>)new BottleneckBlock(i == 0 ? inChannels : width, Math.Max(1, width / 4), width, 1)));

    private void RequireInput(Tensor input)
    {
        ShapeGuard.RequireFeatureMap(input, Config.InputChannels, nameof(input));
        int stride = encoder.TotalStride;
        if (input.shape[2] % stride != 0 || input.shape[3] % stride != 0)
            throw new ArgumentException(
                $"Input height and width must be multiples of {stride} (the backbone's total stride), got [{string.Join(", ", input.shape)}].",
                nameof(input));
    }

    private SegmentationOutputs Run(Tensor input, bool supervisedLevels)
    {
        RequireInput(input);
        using var scope = NewDisposeScope();
        long[] inputSize = [input.shape[2], input.shape[3]];
        var features = encoder.call(input);
        var e = nlce is null ? features : features.Select((feature, i) => nlce[i].call(feature)).ToArray();

        var p = new Tensor[4];
        p[3] = fpn_top.call(e[3]);
        for (int i = 2; i >= 0; i--)
            p[i] = e[i] + Resize(fpn_lateral[i].call(p[i + 1]), e[i]);

        Tensor[] levelLogits = supervisedLevels
            ? p.Select((level, i) => Resize(heads[i].call(level), inputSize)).ToArray()
            : [];

        var fused = cat(p.Select((level, i) => i == 0 ? level : Resize(refine[i - 1].call(level), p[0])).ToArray(), 1);
        var logits = Resize(refine_head.call(fused), inputSize);

        scope.MoveToOuter(levelLogits.Prepend(logits));
        return new SegmentationOutputs(logits, levelLogits);
    }

    private static Tensor Resize(Tensor map, Tensor like) => Resize(map, [like.shape[2], like.shape[3]]);

    private static Tensor Resize(Tensor map, long[] size) =>
        nn.functional.interpolate(map, size: size, mode: InterpolationMode.Bilinear, align_corners: false);
}
