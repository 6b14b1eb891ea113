using Nlce.Training;
using Nlce.Training.Ablation;
using Nlce.Training.Losses;
using static TorchSharp.torch;

namespace Nlce.Tests.Training.Ablation;

public sealed class AblationOptionsTests
{
    private static readonly TrainingOptions Shared = new(1, BatchSize: 4, LearningRate: 1e-3, InputSize: 64, Seed: 2);

    [Fact]
    public void WithEpochs_gives_each_phase_its_epochs_and_keeps_everything_else()
    {
        var options = AblationOptions.WithEpochs(Shared, 30, 10, 5);

        Assert.Equal([30, 10, 5], new[] { AblationPhase.FromScratch, AblationPhase.FrozenFineTuning, AblationPhase.FullFineTuning }
            .Select(phase => options.For(phase).Epochs));
        Assert.All(new[] { options.FromScratch, options.FrozenFineTuning, options.FullFineTuning },
            phase => Assert.Empty(phase.Differences(Shared with { Epochs = phase.Epochs })));
    }

    public static TheoryData<int, int, int, string> BadEpochs => new()
    {
        { 0, 1, 1, "FromScratch.Epochs" },
        { 1, 0, 1, "FrozenFineTuning.Epochs" },
        { 1, 1, -2, "FullFineTuning.Epochs" },
    };

    [Theory]
    [MemberData(nameof(BadEpochs))]
    public void An_epoch_count_below_one_is_refused_naming_the_phase(int fromScratch, int frozen, int full, string field)
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => AblationOptions.WithEpochs(Shared, fromScratch, frozen, full));
        Assert.Equal(field, error.ParamName);
        Assert.Contains("Epochs must be ≥ 1", error.Message);
    }

    [Fact]
    public void Phases_with_different_input_sizes_are_refused()
    {
        var options = AblationOptions.WithEpochs(Shared, 1, 1, 1);
        var error = Assert.Throws<ArgumentException>(() => (options with { FullFineTuning = Shared with { InputSize = 128 } }).Validate());
        Assert.Contains("FullFineTuning.InputSize 128", error.Message);
        Assert.Contains("FromScratch.InputSize 64", error.Message);
    }

    [Fact]
    public void Missing_phase_options_and_an_undefined_phase_are_refused()
    {
        var options = AblationOptions.WithEpochs(Shared, 1, 1, 1);
        Assert.Equal("FrozenFineTuning", Assert.Throws<ArgumentNullException>(() => (options with { FrozenFineTuning = null! }).Validate()).ParamName);
        Assert.Equal("phase", Assert.Throws<ArgumentOutOfRangeException>(() => options.For((AblationPhase)7)).ParamName);
    }

    [Fact]
    public void The_protocol_validates_its_options_when_built()
    {
        var invalid = AblationOptions.WithEpochs(Shared, 1, 1, 1) with { FromScratch = Shared with { BatchSize = 0 } };
        var error = Assert.ThrowsAny<ArgumentException>(() => new AblationProtocol(invalid, LossFactory.Paper, CPU));
        Assert.Equal("FromScratch.BatchSize", error.ParamName);
    }
}
