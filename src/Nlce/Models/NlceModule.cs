using static TorchSharp.torch;

namespace Nlce.Models;

/// <summary>
/// Non-local context encoder (NLCEN paper, "Non-Local Context Encoder", Fig. 2): a <see cref="NonLocalBlock"/> that
/// enhances the features with global spatial dependencies (eq. 1–2), followed by a <see cref="ContextEncoding"/> that
/// gates their channels by the encoded global context (eq. 3). Either part can be switched off for the ablation study
/// (Fig. 7). Shape: [B, C, H, W] → [B, C, H, W].
/// </summary>
public sealed class NlceModule : nn.Module<Tensor, Tensor>
{
    private readonly NonLocalBlock? non_local;
    private readonly ContextEncoding? context_encoding;

    /// <summary>Creates the module for <paramref name="channels"/> input channels.</summary>
    /// <exception cref="ArgumentException">The options switch both parts off.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="channels"/> or an option is out of range.</exception>
    public NlceModule(long channels, NlceOptions options) : base(nameof(NlceModule))
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(channels, 1);
        Options = (options ?? throw new ArgumentNullException(nameof(options))).Validate();
        Channels = channels;
        if (options.NonLocal is not null)
            non_local = new NonLocalBlock(channels, options.NonLocal);
        if (options.ContextEncoding is not null)
            context_encoding = new ContextEncoding(channels, options.ContextEncoding);
        RegisterComponents();
    }

    /// <summary>
    /// A factory of NLCE modules by channel count, the form the baselines take for their <c>+nlce</c> variants
    /// (inserted between the last down-sampling and the first up-sampling layer).
    /// </summary>
    /// <exception cref="ArgumentException">The options are invalid (checked now, not at the first call).</exception>
    public static Func<long, nn.Module<Tensor, Tensor>> Factory(NlceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return channels => new NlceModule(channels, options);
    }

    /// <summary>The options the module was built with.</summary>
    public NlceOptions Options { get; }

    /// <summary>C: input and output channels.</summary>
    public long Channels { get; }

    /// <summary>The non-local part, or null when switched off (w/o NL).</summary>
    public NonLocalBlock? NonLocal => non_local;

    /// <summary>The context-encoding part, or null when switched off (w/o CE).</summary>
    public ContextEncoding? ContextEncoding => context_encoding;

    /// <inheritdoc/>
    public override Tensor forward(Tensor input)
    {
        ShapeGuard.RequireFeatureMap(input, Channels, nameof(input));
        using var scope = NewDisposeScope();
        // Options.Validate guarantees at least one part, so the result is always a new tensor owned by this scope.
        var enhanced = non_local is null ? input : non_local.call(input);
        var output = context_encoding is null ? enhanced : context_encoding.call(enhanced);
        return output.MoveToOuterDisposeScope();
    }

    /// <summary>The forward pass with its intermediate values (F_z, soft assignment, γ), for teaching notebooks.</summary>
    /// <exception cref="ArgumentException">The input shape does not match the module.</exception>
    public NlceTrace Trace(Tensor input)
    {
        ShapeGuard.RequireFeatureMap(input, Channels, nameof(input));
        using var scope = NewDisposeScope();
        var enhanced = non_local is null ? input.alias() : non_local.call(input);
        var encoding = context_encoding?.Trace(enhanced);
        var trace = new NlceTrace(enhanced, encoding, encoding?.Output ?? enhanced);
        Tensor?[] produced = [trace.Enhanced, encoding?.SoftAssignment, encoding?.Gamma, trace.Output];
        scope.MoveToOuter(produced.OfType<Tensor>().Distinct(ReferenceEqualityComparer.Instance).Cast<IDisposable>());
        return trace;
    }
}
