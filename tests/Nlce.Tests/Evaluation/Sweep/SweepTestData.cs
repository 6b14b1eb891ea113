using Nlce.Data;
using Nlce.Data.Tensors;
using Nlce.Evaluation.Results;
using Nlce.Tests.Attacks;
using static TorchSharp.torch;

namespace Nlce.Tests.Evaluation.Sweep;

/// <summary>Inputs of the sweep tests: the trained fixture's held-out images as a tensor set, and store helpers.</summary>
internal static class SweepTestData
{
    /// <summary>The fixture's first <paramref name="count"/> test images and masks as a set named <c>img-0</c>, <c>img-1</c>, ….</summary>
    public static SegmentationTensorSet Images(TrainedSegmenterFixture trained, int count = 8)
    {
        using var scope = NewDisposeScope();
        var images = trained.Images[..count].to(float32).clone();
        var masks = trained.Labels[..count].to(uint8);
        var samples = Enumerable.Range(0, count).Select(i => new SampleRef($"img-{i}", DatasetSplit.Test)).ToArray();
        return new SegmentationTensorSet(images.MoveToOuterDisposeScope(), masks.MoveToOuterDisposeScope(), samples);
    }

    /// <summary>Stored rows by key.</summary>
    public static Dictionary<ResultKey, ResultRow> ByKey(ResultsStore store) => store.Rows().ToDictionary(row => row.Key);
}
