using Nlce.Data;
using Nlce.Data.Tensors;
using Nlce.Models;
using static TorchSharp.torch;

namespace Nlce.Workbench;

/// <summary>
/// Looks inside NLCEN's NLCE modules for one image (NLCEN paper, "Non-Local Context Encoder", eq. 1–3 and Fig. 2): the
/// backbone's conv2 … conv5 maps go through the module of their level, and the attention of a chosen pixel, the codeword
/// soft assignment and the channel gates are copied out as plain arrays for charts. The model runs in evaluation mode
/// without gradients and is put back into the mode it was in.
/// </summary>
public static class NlceProbe
{
    /// <summary>The first and last level that carries an NLCE module (conv2 … conv5).</summary>
    public const int FirstLevel = 2, LastLevel = 5;

    /// <summary>
    /// The view of level <paramref name="level"/> for <paramref name="image"/> (at the model's working size), with the attention
    /// of the feature position under image pixel (<paramref name="pixelRow"/>, <paramref name="pixelColumn"/>).
    /// </summary>
    /// <exception cref="ArgumentException">The model has no NLCE modules, or the image does not fit the model.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The level is not 2 … 5 or the pixel lies outside the image.</exception>
    public static NlceLevelView Inspect(Nlcen model, ImageData image, int level, int pixelRow, int pixelColumn, Device device)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (pixelRow < 0 || pixelRow >= image.Height)
            throw new ArgumentOutOfRangeException(nameof(pixelRow), pixelRow, $"the pixel row must be in [0, {image.Height}) for a {image.Width}×{image.Height} image.");
        if (pixelColumn < 0 || pixelColumn >= image.Width)
            throw new ArgumentOutOfRangeException(nameof(pixelColumn), pixelColumn, $"the pixel column must be in [0, {image.Width}) for a {image.Width}×{image.Height} image.");
        var module = ModuleOf(model, level);
        using var scope = NewDisposeScope();
        using var mode = new EvaluationMode(model);
        using var noGrad = no_grad();
        var features = model.BackboneFeatures(Batch(image, device))[level - FirstLevel];
        int height = (int)features.shape[2], width = (int)features.shape[3];
        int row = pixelRow * height / image.Height, column = pixelColumn * width / image.Width;
        var attention = module.NonLocal is { } nonLocal ? Attention(nonLocal.AttentionOf(features, 0, row, column), row, column, height, width) : null;
        CodewordMapView? codewords = null;
        IReadOnlyList<double>? gates = null;
        if (module.ContextEncoding is not null && module.Trace(features).Encoding is { } encoding)
        {
            var assignment = encoding.SoftAssignment[0];                       // [K, H, W]
            codewords = new CodewordMapView(
                assignment.argmax(0).flatten().to(int32).cpu().data<int>().ToArray(),
                assignment.amax([0]).flatten().to(float32).cpu().data<float>().ToArray(),
                (int)assignment.shape[0]);
            gates = encoding.Gamma[0].to(float64).cpu().data<double>().ToArray();
        }
        return new NlceLevelView(level, height, width, (int)features.shape[1], row, column, attention, codewords, gates);
    }

    /// <summary>The module on <paramref name="level"/>; errors name the level range or the missing modules.</summary>
    internal static NlceModule ModuleOf(Nlcen model, int level)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (level < FirstLevel || level > LastLevel)
            throw new ArgumentOutOfRangeException(nameof(level), level, $"level must be {FirstLevel} … {LastLevel} (conv2 … conv5).");
        if (model.NlceModules.Count == 0)
            throw new ArgumentException($"model '{model.Config.Name}' has no NLCE modules to inspect (the w/o-NLCE variant).", nameof(model));
        return model.NlceModules[level - FirstLevel];
    }

    /// <summary><paramref name="image"/> as a batch of one [1, C, H, W] on <paramref name="device"/>.</summary>
    internal static Tensor Batch(ImageData image, Device device)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(device);
        return ImageTensors.FromImage(image).unsqueeze(0).to(device);
    }

    private static AttentionMapView Attention(AttentionRow row, int queryRow, int queryColumn, int height, int width)
    {
        int keyHeight = (int)row.KeyHeight, keyWidth = (int)row.KeyWidth;
        return new AttentionMapView(row.Weights.to(float32).cpu().data<float>().ToArray(), keyHeight, keyWidth,
            queryRow * keyHeight / height, queryColumn * keyWidth / width);
    }
}
