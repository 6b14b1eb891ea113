using Nlce.Evaluation.Reproduction;
using Nlce.Evaluation.Sweep;
using Nlce.Workbench;

namespace Nlce.Tests.Workbench;

public sealed class ProgressLinesTests
{
    [Fact]
    public void A_sweep_writes_one_line_per_quarter_not_per_batch()
    {
        var lines = new List<string>();
        var progress = ProgressLines.Sweep(lines.Add);
        for (int done = 0; done <= 8; done++)
            progress.Report(new SweepProgress(done, 8, 0, "unet", "targeted-ifgsm", 2, 1.5, TimeSpan.FromSeconds(done)));
        Assert.Equal(5, lines.Count);
        Assert.Contains("sweep 8/8 results", lines[^1]);
    }

    [Fact]
    public void A_reproduction_writes_epoch_ends_and_finished_stages_only()
    {
        var lines = new List<string>();
        var progress = ProgressLines.Reproduction(lines.Add);
        progress.Report(new ReproductionProgress("prepare", "phantom-lung", 5, 10, "img5"));
        progress.Report(new ReproductionProgress("prepare", "phantom-lung", 10, 10, "img10"));
        progress.Report(new ReproductionProgress("train", "unet", 3, 10, "epoch 1/2, loss 0.5"));
        progress.Report(new ReproductionProgress("train", "unet", 5, 10, "epoch 1/2, loss 0.4, val DIC 0.700"));
        progress.Report(new ReproductionProgress("sweep", "unet", 4, 4, "targeted-ifgsm, 2.0 items/s"));
        Assert.Equal(["  prepare phantom-lung: done", "  train unet: epoch 1/2, loss 0.4, val DIC 0.700", "  sweep unet: done"], lines);
    }
}
