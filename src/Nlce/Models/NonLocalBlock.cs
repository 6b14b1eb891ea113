using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Nlce.Models;

/// <summary>
/// Non-local block, embedded Gaussian form (NLCEN paper, eq. 1–2 and z_i = W_z y_i + x_i; Wang et al., "Non-local Neural
/// Networks", CVPR 2018, arXiv:1711.07971): every position attends to every (optionally 2×2-pooled) position.
/// </summary>
/// <remarks>
/// θ, φ and g are 1×1 convolutions to C/2 channels (at least 1). The attention is softmax over key positions of θ(x_i)ᵀφ(x_j)
/// (eq. 1 normalised by C(x), eq. 2), without the 1/√(C/2) scale that the official Caffe2 code adds, as in the paper.
/// W_z is a 1×1 convolution back to C channels followed by batch normalisation whose weight and bias start at zero, so
/// the block is the identity at initialisation (Wang et al. §4.1); θ, φ, g and W_z start from N(0, 0.01²) weights and
/// zero biases, as in the official code. The attention is computed in chunks under
/// <see cref="NonLocalOptions.MaxAttentionElements"/> (rule: <see cref="AttentionChunkPlan"/>).
/// Shape: [B, C, H, W] → [B, C, H, W].
/// </remarks>
public sealed class NonLocalBlock : nn.Module<Tensor, Tensor>, IReportsOwnMultiplyAdds
{
    private readonly Conv2d theta;
    private readonly Conv2d phi;
    private readonly Conv2d g;
    private readonly Conv2d w_z;
    private readonly BatchNorm2d w_z_bn;

    /// <summary>Creates the block for <paramref name="channels"/> input channels.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="channels"/> is below 1 or an option is out of range.</exception>
    public NonLocalBlock(long channels, NonLocalOptions options) : base(nameof(NonLocalBlock))
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(channels, 1);
        Options = (options ?? throw new ArgumentNullException(nameof(options))).Validate();
        Channels = channels;
        InterChannels = Math.Max(1, channels / 2);
        theta = nn.Conv2d(channels, InterChannels, 1);
        phi = nn.Conv2d(channels, InterChannels, 1);
        g = nn.Conv2d(channels, InterChannels, 1);
        w_z = nn.Conv2d(InterChannels, channels, 1);
        w_z_bn = nn.BatchNorm2d(channels);
        using (no_grad())
        {
            foreach (var conv in new[] { theta, phi, g, w_z })
            {
                nn.init.normal_(conv.weight!, 0.0, 0.01);
                nn.init.zeros_(conv.bias!);
            }
            nn.init.zeros_(w_z_bn.weight!);
            nn.init.zeros_(w_z_bn.bias!);
        }
        RegisterComponents();
    }

    /// <summary>The options the block was built with.</summary>
    public NonLocalOptions Options { get; }

    /// <summary>C: input and output channels.</summary>
    public long Channels { get; }

    /// <summary>C/2: channels of the embeddings θ, φ and g.</summary>
    public long InterChannels { get; }

    /// <inheritdoc/>
    public override Tensor forward(Tensor input)
    {
        ShapeGuard.RequireFeatureMap(input, Channels, nameof(input));
        using var scope = NewDisposeScope();
        long batch = input.shape[0], height = input.shape[2], width = input.shape[3];
        var query = theta.call(input).flatten(2).transpose(1, 2);          // [B, N, C/2]
        var source = KeySource(input);
        var key = phi.call(source).flatten(2).transpose(1, 2);             // [B, N′, C/2]
        var value = g.call(source).flatten(2).transpose(1, 2);             // [B, N′, C/2]
        var plan = AttentionChunkPlan.For(batch, query.shape[1], key.shape[1], Options.MaxAttentionElements);
        var response = ChunkedSoftmaxAttention.Compute(query, key, value, plan)   // y: [B, N, C/2]
            .transpose(1, 2).reshape(batch, InterChannels, height, width);
        return (w_z_bn.call(w_z.call(response)) + input).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The attention weights of the query at (<paramref name="row"/>, <paramref name="column"/>) of image
    /// <paramref name="image"/> over all key positions, for teaching notebooks (attention map of a chosen pixel).
    /// </summary>
    /// <param name="input">The block's input, [B, C, H, W].</param>
    /// <param name="image">Index of the image in the batch.</param>
    /// <param name="row">Row of the query position in the feature map.</param>
    /// <param name="column">Column of the query position in the feature map.</param>
    /// <exception cref="ArgumentException">The input shape does not match the block.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The image or position lies outside the input.</exception>
    public AttentionRow AttentionOf(Tensor input, int image, int row, int column)
    {
        ShapeGuard.RequireFeatureMap(input, Channels, nameof(input));
        ArgumentOutOfRangeException.ThrowIfNegative(image);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(image, input.shape[0]);
        ArgumentOutOfRangeException.ThrowIfNegative(row);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(row, input.shape[2]);
        ArgumentOutOfRangeException.ThrowIfNegative(column);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(column, input.shape[3]);
        using var scope = NewDisposeScope();
        var one = input.narrow(0, image, 1);
        var query = theta.call(one).select(0, 0).select(1, row).select(1, column);   // [C/2]
        var source = KeySource(one);
        var key = phi.call(source).select(0, 0).flatten(1);                          // [C/2, N′]
        var weights = query.matmul(key).softmax(0);
        return new AttentionRow(weights.MoveToOuterDisposeScope(), source.shape[2], source.shape[3]);
    }

    /// <inheritdoc/>
    /// <remarks>θᵀφ and A·g: 2·N·N′·(C/2) per image.</remarks>
    public long OwnMultiplyAdds(IReadOnlyList<long> inputShape)
    {
        ArgumentNullException.ThrowIfNull(inputShape);
        if (inputShape.Count != 4)
            throw new ArgumentException($"Expected a [B, C, H, W] shape, got [{string.Join(", ", inputShape)}].", nameof(inputShape));
        long queries = inputShape[2] * inputShape[3];
        long keys = KeyCount(inputShape[2], inputShape[3]);
        return inputShape[0] * 2 * queries * keys * InterChannels;
    }

    private long KeyCount(long height, long width) =>
        SubSamples(height, width) ? ((height + 1) / 2) * ((width + 1) / 2) : height * width;

    /// <summary>Sub-sampling needs a 2×2 window, so maps thinner than 2 are used as they are.</summary>
    private bool SubSamples(long height, long width) => Options.SubSample && height >= 2 && width >= 2;

    private Tensor KeySource(Tensor input) =>
        SubSamples(input.shape[2], input.shape[3])
            ? nn.functional.max_pool2d(input, kernel_size: 2, stride: 2, ceil_mode: true)
            : input;
}
