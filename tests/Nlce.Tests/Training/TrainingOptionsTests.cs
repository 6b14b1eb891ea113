using Nlce.Training;

namespace Nlce.Tests.Training;

public sealed class TrainingOptionsTests
{
    [Fact]
    public void Defaults_are_the_papers_settings()
    {
        var options = new TrainingOptions(Epochs: 10).Validate();
        Assert.Equal(8, options.BatchSize);
        Assert.Equal(1e-3, options.LearningRate);
        Assert.Equal((0.9, 0.999), (options.Beta1, options.Beta2));
        Assert.Equal(1e-4, options.WeightDecay);
        Assert.Equal(0.9, options.LearningRateDecayFactor);
        Assert.Equal(1e-4, options.MinimumLearningRate);
        Assert.Equal(256, options.InputSize);
        Assert.False(options.Augment);
    }

    public static TheoryData<TrainingOptions, string> Invalid => new()
    {
        { new TrainingOptions(0), nameof(TrainingOptions.Epochs) },
        { new TrainingOptions(1, BatchSize: 0), nameof(TrainingOptions.BatchSize) },
        { new TrainingOptions(1, LearningRate: 0), nameof(TrainingOptions.LearningRate) },
        { new TrainingOptions(1, LearningRate: double.NaN), nameof(TrainingOptions.LearningRate) },
        { new TrainingOptions(1, Beta1: 1), nameof(TrainingOptions.Beta1) },
        { new TrainingOptions(1, Beta2: -0.1), nameof(TrainingOptions.Beta2) },
        { new TrainingOptions(1, AdamEpsilon: 0), nameof(TrainingOptions.AdamEpsilon) },
        { new TrainingOptions(1, WeightDecay: -1e-4), nameof(TrainingOptions.WeightDecay) },
        { new TrainingOptions(1, LearningRateDecayFactor: 1.1), nameof(TrainingOptions.LearningRateDecayFactor) },
        { new TrainingOptions(1, LearningRatePatience: 0), nameof(TrainingOptions.LearningRatePatience) },
        { new TrainingOptions(1, LearningRate: 1e-5), nameof(TrainingOptions.MinimumLearningRate) },
        { new TrainingOptions(1, InputSize: 4), nameof(TrainingOptions.InputSize) },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void A_field_out_of_range_is_named(TrainingOptions options, string field)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => options.Validate());
        Assert.Equal(field, e.ParamName);
    }

    [Fact]
    public void Differences_name_each_differing_field_with_both_values()
    {
        var a = new TrainingOptions(5);
        Assert.Empty(a.Differences(a with { }));
        var differences = a.Differences(a with { Epochs = 6, Augment = true });
        Assert.Equal(["Epochs: 5 vs 6", "Augment: False vs True"], differences);
    }
}
