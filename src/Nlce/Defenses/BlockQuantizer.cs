using static TorchSharp.torch;

namespace Nlce.Defenses;

/// <summary>
/// JPEG-style quantise/de-quantise of 8×8 DCT blocks, shared by <see cref="FrequencyRefinement"/> and <see cref="JpegQuantization"/>
/// (defenses-and-attacks.md §1, steps 1–4): scale to 0–255, subtract a level shift, zero-pad bottom/right to multiples of 8, per
/// channel and block C = D·B·Dᵀ, Ĉ = Q·round(C/Q) (round half to even), B' = Dᵀ·Ĉ·D, add the shift back, crop, /255, clip to [0, 1].
/// </summary>
internal sealed class BlockQuantizer
{
    private readonly double[] table;
    private readonly double levelShift;

    /// <param name="table">The 64 quantisation steps in row-major (u, v) order, u the vertical frequency; each finite and &gt; 0.</param>
    /// <param name="levelShift">Subtracted before the DCT on the 0–255 scale: 128 for JPEG (T.81 §A.3.1), 0 for frequency refinement.</param>
    public BlockQuantizer(double[] table, double levelShift)
    {
        ArgumentNullException.ThrowIfNull(table);
        if (table.Length != BlockDct.BlockSize * BlockDct.BlockSize)
            throw new ArgumentException($"a quantisation table has 64 entries; got {table.Length}.", nameof(table));
        int bad = Array.FindIndex(table, step => !double.IsFinite(step) || step <= 0);
        if (bad >= 0)
            throw new ArgumentOutOfRangeException(nameof(table), table[bad], $"entry ({bad / 8}, {bad % 8}) must be finite and > 0.");
        this.table = (double[])table.Clone();
        this.levelShift = levelShift;
    }

    /// <summary>The table as [8, 8] (row u, column v).</summary>
    public double[,] Table
    {
        get
        {
            var grid = new double[BlockDct.BlockSize, BlockDct.BlockSize];
            for (int i = 0; i < table.Length; i++)
                grid[i / BlockDct.BlockSize, i % BlockDct.BlockSize] = table[i];
            return grid;
        }
    }

    /// <summary>Quantises <paramref name="images"/> [B, C, H, W] in [0, 1]; same shape, dtype and device, values in [0, 1].</summary>
    /// <exception cref="ArgumentException">Wrong rank, a non-floating dtype, or values outside [0, 1].</exception>
    public Tensor Apply(Tensor images, string defenseName)
    {
        Check(images, defenseName);
        using var scope = NewDisposeScope();
        long height = images.shape[2], width = images.shape[3];
        long padBottom = (BlockDct.BlockSize - height % BlockDct.BlockSize) % BlockDct.BlockSize;
        long padRight = (BlockDct.BlockSize - width % BlockDct.BlockSize) % BlockDct.BlockSize;
        // Zero intensity fills the padding (the released FR code pads the uint8 image with zeros); the crop below removes it.
        var scaled = nn.functional.pad(images.detach() * 255.0, [0, padRight, 0, padBottom]) - levelShift;
        var dct = BlockDct.Matrix(BlockDct.BlockSize, images.dtype, images.device);
        var steps = tensor(table, [BlockDct.BlockSize, BlockDct.BlockSize], ScalarType.Float64).to(images.dtype, images.device);
        var coefficients = BlockDct.Forward(BlockDct.ToBlocks(scaled), dct);
        var quantised = (coefficients / steps).round() * steps;
        var restored = BlockDct.FromBlocks(BlockDct.Inverse(quantised, dct)) + levelShift;
        var cropped = restored[.., .., ..(int)height, ..(int)width];
        return (cropped / 255.0).clamp(0, 1).contiguous().MoveToOuterDisposeScope();
    }

    /// <summary>Throws unless <paramref name="images"/> is a floating [B, C, H, W] tensor with values in [0, 1].</summary>
    internal static void Check(Tensor images, string defenseName)
    {
        ArgumentNullException.ThrowIfNull(images);
        if (images.dim() != 4)
            throw new ArgumentException(
                $"{defenseName} takes images [B, C, H, W]; got a rank-{images.dim()} tensor [{string.Join(", ", images.shape)}].", nameof(images));
        if (!images.is_floating_point())
            throw new ArgumentException($"{defenseName} takes floating-point images in [0, 1]; got {images.dtype}.", nameof(images));
        if (images.numel() == 0)
            throw new ArgumentException($"{defenseName} got an empty batch [{string.Join(", ", images.shape)}].", nameof(images));
        using var scope = NewDisposeScope();
        double low = images.min().to(ScalarType.Float64).item<double>(), high = images.max().to(ScalarType.Float64).item<double>();
        if (!(low >= 0 && high <= 1))
            throw new ArgumentException($"{defenseName} takes images with values in [0, 1]; these span [{low}, {high}].", nameof(images));
    }
}
