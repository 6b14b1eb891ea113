using Nlce.Models;
using static TorchSharp.torch;

namespace Nlce.Attacks;

/// <summary>
/// The path from the attacker's image to the model's input: nothing, or an input transform (a defense) seen exactly,
/// through BPDA's identity backward, or in expectation over its randomness (EOT). Attacks take gradients and predictions
/// through it, so a wrapped attack optimises against the defended system.
/// </summary>
internal sealed class InputPath
{
    private readonly Func<Tensor, Tensor>? transform;
    private readonly bool straightThrough;

    private InputPath(Func<Tensor, Tensor>? transform, bool straightThrough, int samples)
    {
        this.transform = transform;
        this.straightThrough = straightThrough;
        Samples = samples;
    }

    /// <summary>The model alone.</summary>
    public static InputPath Direct { get; } = new(null, false, 1);

    /// <summary>The model after <paramref name="transform"/>, whose gradient is taken as the identity (Athalye et al.'s BPDA) when
    /// <paramref name="straightThrough"/>, exactly otherwise; <paramref name="samples"/> draws of a random transform per estimate (EOT).</summary>
    public static InputPath Through(Func<Tensor, Tensor> transform, bool straightThrough, int samples) =>
        new(transform, straightThrough, samples);

    /// <summary>Draws of the transform averaged per gradient or prediction (1 without EOT).</summary>
    public int Samples { get; }

    /// <summary>The model's logits at <paramref name="x"/> along this path: differentiable with respect to <paramref name="x"/>
    /// when it requires grad (with BPDA: forward value of the transform, identity backward).</summary>
    public Tensor Logits(SegmentationModel model, Tensor x)
    {
        if (transform is null)
            return model.call(x);
        var transformed = transform(x);
        if (!transformed.shape.SequenceEqual(x.shape))
            throw new InvalidOperationException(
                $"the input transform returned shape [{string.Join(", ", transformed.shape)}] for input [{string.Join(", ", x.shape)}]; it must keep the shape.");
        var input = straightThrough && x.requires_grad ? x + (transformed - x).detach() : transformed;
        return model.call(input);
    }
}
