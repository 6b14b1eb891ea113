using Nlce.Training;

namespace Nlce.Tests.Training;

public sealed class TrainingStagePlanTests
{
    [Theory]
    [InlineData(5, 1, new[] { 0, 0, 0, 0, 0 })]
    [InlineData(6, 2, new[] { 0, 0, 0, 1, 1, 1 })]
    [InlineData(7, 3, new[] { 0, 0, 0, 1, 1, 2, 2 })]
    [InlineData(3, 3, new[] { 0, 1, 2 })]
    public void Epochs_are_shared_contiguously_with_the_remainder_going_to_the_first_stages(int epochs, int stages, int[] stageOfEpoch)
    {
        var plan = new TrainingStagePlan(epochs, stages);
        Assert.Equal(stageOfEpoch, Enumerable.Range(0, epochs).Select(plan.StageOf));
        for (int k = 0; k < stages; k++)
        {
            Assert.Equal(Array.IndexOf(stageOfEpoch, k), plan.FirstEpoch(k));
            Assert.Equal(Array.LastIndexOf(stageOfEpoch, k) + 1, plan.EndEpoch(k));
        }
    }

    [Fact]
    public void Fewer_epochs_than_stages_or_indices_out_of_range_are_errors()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new TrainingStagePlan(2, 3));
        Assert.Contains("3 training stages", e.Message);
        var plan = new TrainingStagePlan(4, 2);
        Assert.Throws<ArgumentOutOfRangeException>(() => plan.StageOf(4));
        Assert.Throws<ArgumentOutOfRangeException>(() => plan.FirstEpoch(2));
    }
}
