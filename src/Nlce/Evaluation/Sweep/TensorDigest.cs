using System.Security.Cryptography;
using System.Text;
using Nlce.Data.Tensors;
using static TorchSharp.torch;

namespace Nlce.Evaluation.Sweep;

/// <summary>SHA-256 digests of what a sweep's results depend on: the image set's pixels, masks and names, and a model's weights.
/// Two runs whose digests agree computed their rows from the same inputs.</summary>
internal static class TensorDigest
{
    /// <summary>Digest of the images, the masks and the sample names of <paramref name="images"/>.</summary>
    public static string Of(SegmentationTensorSet images)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Append(hash, "images", images.Images);
        Append(hash, "masks", images.Masks);
        foreach (var sample in images.Samples)
            hash.AppendData(Encoding.UTF8.GetBytes($"{sample.Name}\t{sample.Split}\n"));
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>Digest of every parameter and buffer of <paramref name="model"/> (names, dtypes, shapes and values, in name order).</summary>
    public static string Of(nn.Module model)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (name, value) in model.state_dict().OrderBy(entry => entry.Key, StringComparer.Ordinal))
            Append(hash, name, value);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static void Append(IncrementalHash hash, string name, Tensor value)
    {
        hash.AppendData(Encoding.UTF8.GetBytes($"{name}\t{value.dtype}\t[{string.Join(",", value.shape)}]\n"));
        using var scope = NewDisposeScope();
        var contiguous = value.detach().cpu().contiguous();
        hash.AppendData(contiguous.bytes);
    }
}
