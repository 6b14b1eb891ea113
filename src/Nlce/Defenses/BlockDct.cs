using static TorchSharp.torch;

namespace Nlce.Defenses;

/// <summary>
/// The orthonormal two-dimensional DCT-II of non-overlapping square blocks, as JPEG (ITU T.81 §A.3.3) and frequency refinement
/// (defenses-and-attacks.md §1, step 2: C = D·B·Dᵀ) use it, computed as batched matrix products on tensors of any leading shape.
/// </summary>
public static class BlockDct
{
    /// <summary>The JPEG block side.</summary>
    public const int BlockSize = 8;

    /// <summary>
    /// The orthonormal DCT-II matrix D [n, n]: D[k, i] = c(k)·cos(π(2i + 1)k / 2n), c(0) = √(1/n), c(k) = √(2/n). D·Dᵀ = I, so the
    /// inverse transform is Dᵀ·C·D.
    /// </summary>
    /// <param name="size">Block side n (≥ 1); default 8.</param>
    /// <param name="dtype">Element type; default float32.</param>
    /// <param name="device">Device; default the CPU.</param>
    public static Tensor Matrix(int size = BlockSize, ScalarType dtype = ScalarType.Float32, Device? device = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        var values = new double[size * size];
        for (int k = 0; k < size; k++)
        {
            double scale = Math.Sqrt((k == 0 ? 1.0 : 2.0) / size);
            for (int i = 0; i < size; i++)
                values[k * size + i] = scale * Math.Cos(Math.PI * (2 * i + 1) * k / (2.0 * size));
        }
        return tensor(values, [size, size], ScalarType.Float64).to(dtype, device ?? CPU);
    }

    /// <summary>Splits images [B, C, H, W] (H and W multiples of 8) into blocks [B, C, H/8, W/8, 8, 8].</summary>
    /// <exception cref="ArgumentException">Not rank 4, or a side not a multiple of 8.</exception>
    public static Tensor ToBlocks(Tensor images)
    {
        ArgumentNullException.ThrowIfNull(images);
        if (images.dim() != 4 || images.shape[2] % BlockSize != 0 || images.shape[3] % BlockSize != 0)
            throw new ArgumentException(
                $"expected images [B, C, H, W] with H and W multiples of {BlockSize}; got [{string.Join(", ", images.shape)}].", nameof(images));
        long b = images.shape[0], c = images.shape[1], rows = images.shape[2] / BlockSize, columns = images.shape[3] / BlockSize;
        return images.reshape(b, c, rows, BlockSize, columns, BlockSize).permute(0, 1, 2, 4, 3, 5);
    }

    /// <summary>Reassembles blocks [B, C, H/8, W/8, 8, 8] into images [B, C, H, W] (the inverse of <see cref="ToBlocks"/>).</summary>
    /// <exception cref="ArgumentException">Not rank 6 with 8×8 blocks.</exception>
    public static Tensor FromBlocks(Tensor blocks)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        if (blocks.dim() != 6 || blocks.shape[4] != BlockSize || blocks.shape[5] != BlockSize)
            throw new ArgumentException($"expected blocks [B, C, H/8, W/8, 8, 8]; got [{string.Join(", ", blocks.shape)}].", nameof(blocks));
        long b = blocks.shape[0], c = blocks.shape[1], rows = blocks.shape[2], columns = blocks.shape[3];
        return blocks.permute(0, 1, 2, 4, 3, 5).reshape(b, c, rows * BlockSize, columns * BlockSize);
    }

    /// <summary>C = D·B·Dᵀ for every trailing 8×8 block of <paramref name="blocks"/>, with <paramref name="dct"/> from <see cref="Matrix"/>.</summary>
    public static Tensor Forward(Tensor blocks, Tensor dct) => dct.matmul(blocks).matmul(dct.t());

    /// <summary>B = Dᵀ·C·D for every trailing 8×8 block of <paramref name="coefficients"/> (the inverse of <see cref="Forward"/>).</summary>
    public static Tensor Inverse(Tensor coefficients, Tensor dct) => dct.t().matmul(coefficients).matmul(dct);
}
