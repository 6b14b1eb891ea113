using Nlce.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace Nlce.Training.Checkpoints;

/// <summary>
/// Copies tensors into a module's parameters and buffers in place (under <c>no_grad</c>), so that optimisers holding those
/// parameters keep working and the module stays on its device. Nothing is copied unless every key and shape matches.
/// </summary>
public static class StateDictLoader
{
    /// <summary>At most this many mismatches are spelled out in an error message (the rest are counted).</summary>
    public const int MaxListed = 20;

    /// <summary>
    /// Copies <paramref name="source"/> into <paramref name="target"/>'s state dictionary, each source key
    /// <c>k</c> to the target key <c>targetPrefix + k</c>. Fails with a <see cref="DataFormatException"/> naming
    /// <paramref name="sourcePath"/> and listing every offending key: source keys the target lacks, target keys under the
    /// prefix that the source lacks (when <paramref name="requireAllUnderPrefix"/>), and shape or type mismatches.
    /// </summary>
    /// <param name="target">The module to fill.</param>
    /// <param name="source">Tensors by key (any device).</param>
    /// <param name="sourcePath">The file the tensors came from, for messages.</param>
    /// <param name="targetPrefix">Prefix that maps a source key to a target key ("" for the whole module).</param>
    /// <param name="requireAllUnderPrefix">Whether every target key starting with the prefix must be filled.</param>
    public static void Apply(nn.Module target, IReadOnlyDictionary<string, Tensor> source, string sourcePath, string targetPrefix = "",
        bool requireAllUnderPrefix = true)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(targetPrefix);
        var destination = target.state_dict();
        var problems = new List<string>();
        foreach (var (key, tensor) in source)
        {
            if (!destination.TryGetValue(targetPrefix + key, out var slot))
                problems.Add($"'{key}' is in the file but the model has no '{targetPrefix + key}'");
            else if (!slot.shape.SequenceEqual(tensor.shape))
                problems.Add($"'{targetPrefix + key}': file has shape {Shape(tensor)}, model has {Shape(slot)}");
            else if (slot.dtype != tensor.dtype)
                problems.Add($"'{targetPrefix + key}': file has {tensor.dtype}, model has {slot.dtype}");
        }
        if (requireAllUnderPrefix)
            foreach (var key in destination.Keys.Where(k => k.StartsWith(targetPrefix, StringComparison.Ordinal)))
                if (!source.ContainsKey(key[targetPrefix.Length..]))
                    problems.Add($"'{key}' is in the model but not in the file");
        if (problems.Count > 0)
        {
            string listed = string.Join("; ", problems.Take(MaxListed));
            string more = problems.Count > MaxListed ? $"; … and {problems.Count - MaxListed} more" : "";
            throw new DataFormatException(sourcePath,
                $"does not fit model '{target.GetName()}': {problems.Count} mismatch(es): {listed}{more}.");
        }
        using var noGrad = no_grad();
        foreach (var (key, tensor) in source)
            destination[targetPrefix + key].copy_(tensor);
    }

    /// <summary>A shape as text, e.g. <c>[64, 3, 7, 7]</c>.</summary>
    public static string Shape(Tensor tensor) => $"[{string.Join(", ", tensor.shape)}]";
}
