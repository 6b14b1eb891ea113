using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Nlce.Models;

/// <summary>
/// Context encoding with channel-wise attention (NLCEN paper, eq. 3 and the γ = sigmoid(W_γ e) gate; Zhang et al.,
/// "Context Encoding for Semantic Segmentation", CVPR 2018, arXiv:1803.08904).
/// </summary>
/// <remarks>
/// <para>The input F_z [B, C, H, W] is projected by a 1×1 convolution (no bias) + batch norm + ReLU to C′ channels (EncNet's
/// layer order; the paper says "a 1×1 convolution"), giving z′_1..z′_N. With codewords d_k and smoothing factors s_k,
/// the soft assignment a_ik = exp(−s_k‖z′_i − d_k‖²) / Σ_l exp(−s_l‖z′_i − d_l‖²) and the codeword residual
/// e_k = Σ_i a_ik (z′_i − d_k) (eq. 3) are computed without the N×K×C′ residual tensor:
/// ‖z′ − d‖² = ‖z′‖² − 2 z′·d + ‖d‖², and E = Aᵀ Z′ − (Σ_i A) ⊙ D. Then e = Σ_k ReLU(BN(e_k)) (batch norm per codeword,
/// the paper's sum), γ = sigmoid(W_γ e) with W_γ: C′ → C, and the output is F_z ⊗ γ (channel-wise product, as the paper
/// writes it; EncNet's code uses ReLU(F + F ⊗ γ) instead).</para>
/// <para>Initialisation follows EncNet: codewords uniform in ±1/√(K·C′); smoothing factors uniform in (0, 1) (the paper's
/// sign convention: larger s_k, sharper assignment).</para>
/// Shape: [B, C, H, W] → [B, C, H, W].
/// </remarks>
public sealed class ContextEncoding : nn.Module<Tensor, Tensor>, IReportsOwnMultiplyAdds
{
    private readonly Sequential projection;
    private readonly Parameter codewords;
    private readonly Parameter smoothing;
    private readonly BatchNorm1d codeword_bn;
    private readonly Linear w_gamma;

    /// <summary>Creates the module for <paramref name="channels"/> input channels.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="channels"/> is below 1 or an option is out of range.</exception>
    public ContextEncoding(long channels, ContextEncodingOptions options) : base(nameof(ContextEncoding))
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(channels, 1);
        Options = (options ?? throw new ArgumentNullException(nameof(options))).Validate();
        Channels = channels;
        CodewordChannels = options.CodewordChannelsFor(channels);
        long k = options.Codewords;
        projection = nn.Sequential(
            nn.Conv2d(channels, CodewordChannels, 1, bias: false),
            nn.BatchNorm2d(CodewordChannels),
            nn.ReLU());
        double bound = 1.0 / Math.Sqrt(k * CodewordChannels);
        codewords = new Parameter(empty(k, CodewordChannels));
        smoothing = new Parameter(empty(k));
        using (no_grad())
        {
            nn.init.uniform_(codewords, -bound, bound);
            nn.init.uniform_(smoothing, 0.0, 1.0);
        }
        codeword_bn = nn.BatchNorm1d(k);
        w_gamma = nn.Linear(CodewordChannels, channels);
        RegisterComponents();
    }

    /// <summary>The options the module was built with.</summary>
    public ContextEncodingOptions Options { get; }

    /// <summary>C: input and output channels.</summary>
    public long Channels { get; }

    /// <summary>C′: dimensionality of the codewords.</summary>
    public long CodewordChannels { get; }

    /// <inheritdoc/>
    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var (_, gamma) = Encode(input);
        return Gate(input, gamma).MoveToOuterDisposeScope();
    }

    /// <summary>The forward pass with its soft-assignment map and channel gates, for teaching notebooks.</summary>
    /// <exception cref="ArgumentException">The input shape does not match the module.</exception>
    public ContextEncodingTrace Trace(Tensor input)
    {
        using var scope = NewDisposeScope();
        var (assignment, gamma) = Encode(input);
        var map = assignment.transpose(1, 2).reshape(input.shape[0], Options.Codewords, input.shape[2], input.shape[3]);
        return new ContextEncodingTrace(
            map.MoveToOuterDisposeScope(), gamma.MoveToOuterDisposeScope(), Gate(input, gamma).MoveToOuterDisposeScope());
    }

    /// <inheritdoc/>
    /// <remarks>The distances Z′Dᵀ and the aggregation AᵀZ′: 2·N·K·C′ per image (the 1×1 projection and W_γ are child layers).</remarks>
    public long OwnMultiplyAdds(IReadOnlyList<long> inputShape)
    {
        ArgumentNullException.ThrowIfNull(inputShape);
        if (inputShape.Count != 4)
            throw new ArgumentException($"Expected a [B, C, H, W] shape, got [{string.Join(", ", inputShape)}].", nameof(inputShape));
        return inputShape[0] * 2 * inputShape[2] * inputShape[3] * Options.Codewords * CodewordChannels;
    }

    /// <summary>Soft assignment A [B, N, K] and gates γ [B, C] of eq. 3.</summary>
    private (Tensor Assignment, Tensor Gamma) Encode(Tensor input)
    {
        ShapeGuard.RequireFeatureMap(input, Channels, nameof(input));
        var features = projection.call(input).flatten(2).transpose(1, 2);                 // Z′: [B, N, C′]
        var squaredDistance = features.square().sum(-1, keepdim: true)                      // ‖z′‖²: [B, N, 1]
            - 2 * features.matmul(codewords.t())                                           // z′·d: [B, N, K]
            + codewords.square().sum(-1);                                                   // ‖d‖²: [K]
        var assignment = (-smoothing * squaredDistance).softmax(-1);                        // A: [B, N, K]
        var residuals = assignment.transpose(1, 2).matmul(features)                         // Aᵀ Z′: [B, K, C′]
            - assignment.sum(1).unsqueeze(-1) * codewords;                                  // (Σ_i a_ik) d_k
        var context = nn.functional.relu(codeword_bn.call(residuals)).sum(1);               // e: [B, C′]
        return (assignment, w_gamma.call(context).sigmoid());
    }

    private static Tensor Gate(Tensor input, Tensor gamma) => input * gamma.unsqueeze(-1).unsqueeze(-1);
}
