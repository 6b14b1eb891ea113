using Nlce.Data;
using Nlce.Models;
using Nlce.Training.Checkpoints;
using static TorchSharp.torch;

namespace Nlce.Training;

/// <summary>What <see cref="BackboneInitializer.Load"/> did.</summary>
/// <param name="File">The weights file.</param>
/// <param name="Prefix">The model's state-dictionary prefix the file's keys were mapped under (e.g. <c>backbone.</c>).</param>
/// <param name="Tensors">Number of tensors copied.</param>
/// <param name="AdaptedKeys">Model keys whose tensor was adapted rather than copied as is (the grey-input stem).</param>
public sealed record BackboneInitialization(string File, string Prefix, int Tensors, IReadOnlyList<string> AdaptedKeys);

/// <summary>
/// Initialises a model's ResNet backbone from ImageNet weights exported by <c>tools/export_torchvision_resnet.py</c>
/// (torchvision's ResNet-18/50 state dictionary without the classifier <c>fc.*</c>, in TorchSharp's format). Training
/// starts from scratch unless this is asked for (<c>nlce train --init-backbone</c>).
/// </summary>
/// <remarks>
/// <para><b>Name mapping.</b> A file key <c>k</c> (torchvision's names: <c>conv1.weight</c>, <c>bn1.running_mean</c>,
/// <c>layer3.1.conv2.weight</c>, <c>layer2.0.downsample.0.weight</c>, …) goes to the model key <c>P + k</c>, where the
/// prefix P is where the model keeps its backbone. P is found as the single prefix under which every key of the file is a
/// key of the model (or given explicitly). Every model key under a non-empty P must be filled, so a half-initialised
/// backbone (e.g. a ResNet-18 file in a ResNet-50) is an error; shapes must match, and every mismatch is named.</para>
/// <para><b>Grey inputs.</b> The one permitted adaptation: torchvision's stem <c>conv1.weight</c> [64, 3, 7, 7] loaded
/// into a one-channel model is summed over its RGB input channels, which gives a grey image x exactly the response the RGB
/// stem gives the image (x, x, x).</para>
/// <para>ImageNet weights expect ImageNet-normalised inputs; the model decides how it normalises its [0, 1] inputs.</para>
/// </remarks>
public static class BackboneInitializer
{
    /// <summary>The torchvision key of the ResNet stem convolution.</summary>
    public const string StemKey = "conv1.weight";

    /// <summary>Copies the backbone weights in <paramref name="file"/> into <paramref name="model"/> (in place).</summary>
    /// <param name="model">The model to initialise.</param>
    /// <param name="file">A state dictionary in TorchSharp's format with torchvision ResNet key names.</param>
    /// <param name="prefix">The model's backbone prefix (e.g. <c>backbone.</c>); null to detect it.</param>
    public static BackboneInitialization Load(SegmentationModel model, string file, string? prefix = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrWhiteSpace(file);
        using var scope = NewDisposeScope();
        var source = StateDictFile.Read(file);
        if (source.Count == 0)
            throw new DataFormatException(file, "holds no tensors; expected a ResNet state dictionary.");
        var target = model.state_dict();
        string chosen = prefix ?? DetectPrefix(file, source, target, model.Config.Name);
        var adapted = new List<string>();
        if (source.TryGetValue(StemKey, out var stem) && target.TryGetValue(chosen + StemKey, out var slot)
            && stem.dim() == 4 && slot.dim() == 4 && stem.shape[1] == 3 && slot.shape[1] == 1
            && stem.shape[0] == slot.shape[0] && stem.shape[2] == slot.shape[2] && stem.shape[3] == slot.shape[3])
        {
            source[StemKey] = stem.sum(1, keepdim: true);
            adapted.Add(chosen + StemKey);
        }
        StateDictLoader.Apply(model, source, file, chosen, requireAllUnderPrefix: chosen.Length > 0);
        return new BackboneInitialization(file, chosen, source.Count, adapted);
    }

    private static string DetectPrefix(string file, Dictionary<string, Tensor> source, Dictionary<string, Tensor> target, string modelName)
    {
        string anchor = source.Keys.First();
        var candidates = target.Keys
            .Where(k => k == anchor || k.EndsWith("." + anchor, StringComparison.Ordinal))
            .Select(k => k[..^anchor.Length])
            .Distinct()
            .Select(p => (Prefix: p, Missing: source.Keys.Where(k => !target.ContainsKey(p + k)).ToList()))
            .ToList();
        var fitting = candidates.Where(c => c.Missing.Count == 0).Select(c => c.Prefix).ToList();
        if (fitting.Count == 1)
            return fitting[0];
        if (fitting.Count > 1)
            throw new DataFormatException(file,
                $"fits model '{modelName}' under several prefixes ({string.Join(", ", fitting.Select(p => $"'{p}'"))}); name the backbone prefix explicitly.");
        if (candidates.Count == 0)
            throw new DataFormatException(file,
                $"key '{anchor}' matches no key of model '{modelName}' (none ends in it); the model's backbone must use torchvision's ResNet names.");
        var closest = candidates.MinBy(c => c.Missing.Count);
        throw new DataFormatException(file,
            $"does not fit model '{modelName}': under the closest prefix '{closest.Prefix}', {closest.Missing.Count} key(s) of the file are missing from the model, " +
            $"e.g. {string.Join(", ", closest.Missing.Take(StateDictLoader.MaxListed).Select(k => $"'{closest.Prefix}{k}'"))}.");
    }
}
