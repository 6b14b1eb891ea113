namespace Nlce.Data.Formats;

/// <summary>
/// Converts [0, 1] pixel values to 8-bit codes (round to nearest, v·255) for the image writers, rejecting values
/// outside [0, 1] or NaN instead of silently clipping them.
/// </summary>
internal static class PixelQuantizer
{
    /// <summary>Interleaves a planar <see cref="ImageData"/> into 8-bit samples (grey, or R,G,B per pixel).</summary>
    public static byte[] ToInterleavedBytes(ImageData image, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(image, parameterName);
        var plane = image.Width * image.Height;
        var bytes = new byte[plane * image.Channels];
        for (var c = 0; c < image.Channels; c++)
            for (var i = 0; i < plane; i++)
                bytes[i * image.Channels + c] = ToByte(image.Pixels[c * plane + i], c * plane + i, parameterName);
        return bytes;
    }

    /// <summary>Maps a mask to 8-bit grey: 0 → 0, 1 → 255.</summary>
    public static byte[] MaskToBytes(MaskData mask)
    {
        var bytes = new byte[mask.Labels.Length];
        for (var i = 0; i < bytes.Length; i++)
            bytes[i] = mask.Labels[i] == 0 ? (byte)0 : (byte)255;
        return bytes;
    }

    private static byte ToByte(float value, int index, string parameterName)
    {
        if (!(value >= 0f && value <= 1f))
            throw new ArgumentException(
                $"pixel value {value} at planar index {index} is outside [0, 1]; images must be normalised before writing.",
                parameterName);
        return (byte)MathF.Round(value * 255f, MidpointRounding.AwayFromZero);
    }
}
