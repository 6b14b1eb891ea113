using Nlce.Bench;
using Nlce.Data;
using static TorchSharp.torch;

namespace Nlce.Tests.Bench;

public sealed class BenchSettingsTests
{
    [Theory]
    [InlineData(new[] { 5.0 }, 5, 5, 5)]
    [InlineData(new[] { 3.0, 1, 2 }, 2, 1.2, 2.8)]
    [InlineData(new[] { 10.0, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110 }, 60, 20, 100)]
    public void Timing_summary_takes_the_median_and_interpolated_percentiles(double[] samples, double median, double p10, double p90)
    {
        var summary = TimingSummary.Of(samples);
        Assert.Equal(median, summary.MedianMs, 9);
        Assert.Equal(p10, summary.P10Ms, 9);
        Assert.Equal(p90, summary.P90Ms, 9);
        Assert.Equal(samples, summary.SamplesMs);
    }

    [Fact]
    public void Timing_summary_rejects_empty_and_negative_samples()
    {
        Assert.Throws<ArgumentException>(() => TimingSummary.Of([]));
        Assert.Contains("-1", Assert.Throws<ArgumentException>(() => TimingSummary.Of([1, -1])).Message);
    }

    [Theory]
    [InlineData("a,b,c", new[] { BenchFigure.TrainStep, BenchFigure.AttackIteration, BenchFigure.Forward })]
    [InlineData("forward, a", new[] { BenchFigure.Forward, BenchFigure.TrainStep })]
    [InlineData("d", new[] { BenchFigure.ReproduceFig4 })]
    [InlineData("c,c", new[] { BenchFigure.Forward })]
    public void Figures_parse_from_letters_and_ids(string text, BenchFigure[] expected) => Assert.Equal(expected, BenchFigures.Parse(text));

    [Theory]
    [InlineData("e")]
    [InlineData("a,backward")]
    [InlineData(",")]
    public void Unknown_figures_are_rejected(string text) => Assert.Throws<ArgumentException>(() => BenchFigures.Parse(text));

    public static TheoryData<Func<BenchSettings, BenchSettings>, string> BadSettings => new()
    {
        { s => s with { Size = 48 }, "Size" },
        { s => s with { Size = 0 }, "Size" },
        { s => s with { Width = 0 }, "Width" },
        { s => s with { TrainBatch = 0 }, "TrainBatch" },
        { s => s with { Repetitions = 0 }, "Repetitions" },
        { s => s with { Warmup = -1 }, "Warmup" },
        { s => s with { Model = " " }, "Model" },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public void Settings_out_of_range_are_rejected_naming_the_field(Func<BenchSettings, BenchSettings> change, string field) =>
        Assert.Equal(field, Assert.ThrowsAny<ArgumentException>(() => change(BenchSettings.Smoke).Validate()).ParamName);

    [Fact]
    public void Profiles_are_the_issue_setting_and_a_smoke_setting()
    {
        Assert.Equal((256, 8, 64, 64, 20), (BenchSettings.Standard.Size, BenchSettings.Standard.TrainBatch, BenchSettings.Standard.AttackBatch,
            BenchSettings.Standard.ForwardBatch, BenchSettings.Standard.Repetitions));
        Assert.Same(BenchSettings.Smoke, BenchSettings.ForProfile("SMOKE"));
        Assert.Throws<ArgumentException>(() => BenchSettings.ForProfile("fast"));
    }

    [Fact]
    public void Half_precision_is_refused_on_the_cpu()
    {
        var error = Assert.Throws<ArgumentException>(() => new NlcenWorkload(BenchSettings.Smoke with { Half = true }, CPU));
        Assert.Contains("CUDA", error.Message);
    }

    [Fact]
    public void Reading_a_report_checks_its_schema()
    {
        using var folder = new TemporaryFolder();
        string other = folder.Write("other.json", System.Text.Encoding.UTF8.GetBytes("""{"schema":"nlce-bench/0","figures":[]}"""));
        Assert.Equal("schema", Assert.Throws<DataFormatException>(() => BenchReport.Read(other)).Field);
        string broken = folder.Write("broken.json", System.Text.Encoding.UTF8.GetBytes("{"));
        Assert.Equal(broken, Assert.Throws<DataFormatException>(() => BenchReport.Read(broken)).Path);
    }
}
