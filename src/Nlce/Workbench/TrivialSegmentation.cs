using Nlce.Data.Tensors;
using Nlce.Evaluation;
using static TorchSharp.torch;

namespace Nlce.Workbench;

/// <summary>
/// The score of the trivial segmentation that marks every pixel as foreground (NLCEN eq. 7–8): per image
/// DIC = 2|G| / (|G| + N) and JSC = |G| / N for a ground truth G of N pixels. A model that scores no better has learnt
/// nothing; on the lung phantoms, whose lungs cover roughly a quarter to a third of the image, that is a DIC of about 0.45,
/// which a notebook table would otherwise show as a respectable-looking number.
/// </summary>
public static class TrivialSegmentation
{
    /// <summary>Scores of "everything is foreground" on every sample of <paramref name="set"/>.</summary>
    public static OverlapScores AllForeground(SegmentationTensorSet set)
    {
        ArgumentNullException.ThrowIfNull(set);
        using var scope = NewDisposeScope();
        return SegmentationMetrics.FromLabels(ones_like(set.Masks), set.Masks);
    }
}
