using Nlce.Data;
using Nlce.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Nlce.Workbench;

/// <summary>
/// How far the features of an adversarial image are from those of its clean image at one NLCEN level, before and after the
/// level's NLCE module: ‖F(x_adv) − F(x)‖₂ / ‖F(x)‖₂ over the whole [C, H, W] map.
/// </summary>
/// <param name="Level">2 … 5 for conv2 … conv5.</param>
/// <param name="BeforeModule">At the module's input (the backbone's map).</param>
/// <param name="AfterNonLocal">After the non-local part, F_z (equal to <paramref name="BeforeModule"/> without it).</param>
/// <param name="AfterModule">At the module's output, F_z ⊗ γ.</param>
/// <param name="NonLocalContribution">
/// How much the non-local part changes the clean features at all, ‖F_z(x) − x‖₂ / ‖x‖₂ = ‖W_z y‖ / ‖x‖ (0 without the non-local
/// part). W_z starts at zero (the block is the identity at initialisation), so a small value means the block has learned
/// little and <paramref name="AfterNonLocal"/> can only follow <paramref name="BeforeModule"/>.
/// </param>
public sealed record NoiseThroughNlce(int Level, double BeforeModule, double AfterNonLocal, double AfterModule, double NonLocalContribution)
{
    /// <summary>After ÷ before: below 1 the module damped the adversarial change, above 1 it amplified it.</summary>
    public double Ratio => BeforeModule > 0 ? AfterModule / BeforeModule : double.NaN;
}

/// <summary>
/// Where in one level's feature map the adversarial change sits, before and after the NLCE module: at each position the
/// channel-wise L2 norm of F(x_adv) − F(x), divided by the mean norm of the clean features over all positions of the same
/// map (so both maps are on the same relative scale).
/// </summary>
/// <param name="Level">2 … 5.</param>
/// <param name="Height">Feature-map height.</param>
/// <param name="Width">Feature-map width.</param>
/// <param name="BeforeModule">Row-major relative change at the module's input.</param>
/// <param name="AfterModule">Row-major relative change at the module's output.</param>
public sealed record FeatureDifferenceMaps(int Level, int Height, int Width, IReadOnlyList<float> BeforeModule, IReadOnlyList<float> AfterModule);

/// <summary>
/// Measures what NLCEN's NLCE modules do to adversarial noise (NLCEN paper, "Non-Local Context Encoder": "fusing information
/// from the highly related pixels or the global context in forward propagation gradually weakens adversarial noise"): the
/// clean and the adversarial image go through the backbone and each level's module, and the feature differences are
/// compared before and after the module. The model runs in evaluation mode without gradients.
/// </summary>
public static class NlceNoise
{
    /// <summary>One row per level (conv2 … conv5).</summary>
    /// <exception cref="ArgumentException">The model has no NLCE modules, or the images differ in size or do not fit the model.</exception>
    public static IReadOnlyList<NoiseThroughNlce> Measure(Nlcen model, ImageData clean, ImageData adversarial, Device device)
    {
        RequireSameShape(clean, adversarial);
        NlceProbe.ModuleOf(model, NlceProbe.FirstLevel);
        using var scope = NewDisposeScope();
        using var mode = new EvaluationMode(model);
        using var noGrad = no_grad();
        var cleanFeatures = model.BackboneFeatures(NlceProbe.Batch(clean, device));
        var adversarialFeatures = model.BackboneFeatures(NlceProbe.Batch(adversarial, device));
        var rows = new List<NoiseThroughNlce>();
        for (int level = NlceProbe.FirstLevel; level <= NlceProbe.LastLevel; level++)
        {
            var module = NlceProbe.ModuleOf(model, level);
            var x = cleanFeatures[level - NlceProbe.FirstLevel];
            var xAdversarial = adversarialFeatures[level - NlceProbe.FirstLevel];
            var trace = module.Trace(x);
            var traceAdversarial = module.Trace(xAdversarial);
            rows.Add(new NoiseThroughNlce(level, Relative(xAdversarial, x), Relative(traceAdversarial.Enhanced, trace.Enhanced),
                Relative(traceAdversarial.Output, trace.Output), Relative(trace.Enhanced, x)));
        }
        return rows;
    }

    /// <summary>The per-position change maps of <paramref name="level"/>.</summary>
    /// <exception cref="ArgumentException">The model has no NLCE modules, or the images differ in size or do not fit the model.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The level is not 2 … 5.</exception>
    public static FeatureDifferenceMaps Maps(Nlcen model, ImageData clean, ImageData adversarial, int level, Device device)
    {
        RequireSameShape(clean, adversarial);
        var module = NlceProbe.ModuleOf(model, level);
        using var scope = NewDisposeScope();
        using var mode = new EvaluationMode(model);
        using var noGrad = no_grad();
        var x = model.BackboneFeatures(NlceProbe.Batch(clean, device))[level - NlceProbe.FirstLevel];
        var xAdversarial = model.BackboneFeatures(NlceProbe.Batch(adversarial, device))[level - NlceProbe.FirstLevel];
        var output = module.call(x);
        var outputAdversarial = module.call(xAdversarial);
        return new FeatureDifferenceMaps(level, (int)x.shape[2], (int)x.shape[3], PositionMap(xAdversarial, x), PositionMap(outputAdversarial, output));
    }

    /// <summary>‖a − b‖₂ / ‖b‖₂ (0 when both are zero).</summary>
    private static double Relative(Tensor changed, Tensor reference)
    {
        double difference = (changed - reference).to(float64).norm().ToDouble();
        double size = reference.to(float64).norm().ToDouble();
        return size > 0 ? difference / size : difference == 0 ? 0 : double.PositiveInfinity;
    }

    /// <summary>Per position of a [1, C, H, W] map: ‖Δ‖ over channels ÷ the mean over positions of ‖reference‖.</summary>
    private static float[] PositionMap(Tensor changed, Tensor reference)
    {
        var difference = (changed - reference).to(float64).square().sum(1).sqrt()[0];   // [H, W]
        double scale = reference.to(float64).square().sum(1).sqrt().mean().ToDouble();
        var relative = scale > 0 ? difference / scale : difference;
        return relative.flatten().to(float32).cpu().data<float>().ToArray();
    }

    private static void RequireSameShape(ImageData clean, ImageData adversarial)
    {
        ArgumentNullException.ThrowIfNull(clean);
        ArgumentNullException.ThrowIfNull(adversarial);
        if (clean.Width != adversarial.Width || clean.Height != adversarial.Height || clean.Channels != adversarial.Channels)
            throw new ArgumentException(
                $"adversarial is {adversarial.Width}×{adversarial.Height}×{adversarial.Channels}; expected the clean image's {clean.Width}×{clean.Height}×{clean.Channels}.",
                nameof(adversarial));
    }
}
