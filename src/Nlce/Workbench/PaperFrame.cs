namespace Nlce.Workbench;

/// <summary>
/// Pixel positions given in the paper's 256 × 256 input frame (NLCEN paper, Implementation: "all input images are resized to
/// 256×256"), so a notebook parameter names the same anatomical point whatever working size a profile uses.
/// </summary>
public static class PaperFrame
{
    /// <summary>Side of the paper's input frame.</summary>
    public const int Side = 256;

    /// <summary>
    /// <paramref name="coordinate"/> (0 … 255 in the paper's frame) at a working resolution of <paramref name="workingSize"/>:
    /// ⌊coordinate · workingSize / 256⌋.
    /// </summary>
    /// <param name="coordinate">Row or column in the paper's frame.</param>
    /// <param name="workingSize">Side of the working resolution.</param>
    /// <param name="name">The parameter's name, for the error message.</param>
    /// <exception cref="ArgumentOutOfRangeException">The coordinate is outside 0 … 255 or the size is below 1.</exception>
    public static int ToWorking(int coordinate, int workingSize, string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (coordinate < 0 || coordinate >= Side)
            throw new ArgumentOutOfRangeException(name, coordinate, $"{name} is given in the paper's {Side}×{Side} frame; expected 0 … {Side - 1}.");
        ArgumentOutOfRangeException.ThrowIfLessThan(workingSize, 1);
        return coordinate * workingSize / Side;
    }
}
