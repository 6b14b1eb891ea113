using Nlce.Defenses;
using Nlce.Evaluation.Results;
using Nlce.Evaluation.Sweep;
using Nlce.Models;
using Nlce.Tests.Attacks;
using Nlce.Tests.Evaluation.Sweep;
using static TorchSharp.torch;

namespace Nlce.Tests.Defenses;

/// <summary>Repeated defense calls and a defended sweep leave no live tensors behind (dispose-scope statistics).</summary>
public sealed class DefenseLeakTests(TrainedSegmenterFixture trained) : IClassFixture<TrainedSegmenterFixture>
{
    [Fact]
    public void Applying_defenses_and_measuring_dct_statistics_keeps_the_live_tensor_count_flat()
    {
        using var generator = new Generator(2, CPU);
        using var images = rand([2, 3, 20, 20], generator: generator);
        var statistics = TorchSharp.DisposeScopeManager.Statistics;
        long before = statistics.ThreadTotalLiveCount;
        foreach (IInputDefense defense in new IInputDefense[] { new FrequencyRefinement(), new JpegQuantization() })
            for (int i = 0; i < 3; i++)
                defense.Apply(images).Dispose();
        BenignDctStatistics.Measure(images, [20, 60], chunk: 1);
        Assert.Equal(before, statistics.ThreadTotalLiveCount);
    }

    [Fact]
    public void A_defended_sweep_keeps_the_live_tensor_count_flat()
    {
        using var folder = new TemporaryFolder();
        using var images = SweepTestData.Images(trained, 2);
        using var store = ResultsStore.Open(folder.File("r.sqlite"));
        var statistics = TorchSharp.DisposeScopeManager.Statistics;
        long before = statistics.ThreadTotalLiveCount;
        var live = new List<long>();
        var options = new SweepOptions
        {
            Attacks = ["targeted-ifgsm"], Epsilons = [4], BatchSize = 1,
            Defended = new DefendedEvaluation { Transform = new FrequencyRefinement(), Attacker = Nlce.Defenses.AttackerAwareness.Bpda },
        };
        new RobustnessSweep(new Dictionary<string, SegmentationModel> { ["tiny"] = trained.Model }, images, options)
            .Run(store, new CallbackProgress<SweepProgress>(_ => live.Add(statistics.ThreadTotalLiveCount)));
        Assert.Equal(4, live.Count);
        Assert.All(live, count => Assert.Equal(before, count));
    }
}
