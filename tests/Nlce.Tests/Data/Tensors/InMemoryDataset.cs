using Nlce.Data;

namespace Nlce.Tests.Data.Tensors;

/// <summary>A dataset whose samples are built by a function; counts loads so tests can see caching.</summary>
internal sealed class InMemoryDataset(string spec, IReadOnlyList<SampleRef> samples, Func<SampleRef, SegmentationSample> load) : ISegmentationDataset
{
    public int Loads { get; private set; }

    public string Spec => spec;

    public IReadOnlyList<SampleRef> Samples => samples;

    public SegmentationSample Load(SampleRef sample)
    {
        Loads++;
        return load(sample);
    }

    /// <summary>n grey squares of side <paramref name="side"/>: sample i has a bright square whose size grows with i.</summary>
    public static InMemoryDataset Squares(int n, int side, int channels = 1)
    {
        var refs = Enumerable.Range(0, n).Select(i => new SampleRef($"sq{i}", i % 4 == 3 ? DatasetSplit.Test : DatasetSplit.Train)).ToList();
        return new InMemoryDataset("test-squares", refs, r =>
        {
            int i = int.Parse(r.Name[2..]);
            int half = 2 + i % (side / 4);
            var pixels = new float[channels * side * side];
            var labels = new byte[side * side];
            for (int y = 0; y < side; y++)
                for (int x = 0; x < side; x++)
                {
                    bool inside = Math.Abs(y - side / 2) < half && Math.Abs(x - side / 2) < half;
                    labels[y * side + x] = inside ? (byte)1 : (byte)0;
                    for (int c = 0; c < channels; c++)
                        pixels[(c * side + y) * side + x] = inside ? 0.9f : 0.1f + 0.01f * c;
                }
            return new SegmentationSample(r.Name, r.Split, new ImageData(side, side, channels, pixels), new MaskData(side, side, labels), $"memory:{r.Name}");
        });
    }
}
