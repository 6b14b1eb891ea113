using Nlce.Training;

namespace Nlce.Tests.Training;

public sealed class PlateauLearningRateScheduleTests
{
    /// <summary>Epoch losses → the rate used in each epoch (the first epoch uses the initial rate). Factor 0.9, floor 1e-4.</summary>
    public static TheoryData<double, int, double[], double[]> Sequences => new()
    {
        // Decreasing every epoch: never cut.
        { 1e-3, 1, [1.0, 0.9, 0.8, 0.7], [1e-3, 1e-3, 1e-3, 1e-3] },
        // An equal loss is not a decrease.
        { 1e-3, 1, [1.0, 1.0, 1.0], [1e-3, 1e-3, 9e-4] },
        // Compared with the best so far, not with the previous epoch: 0.7 and then 0.6 are both above the best 0.5.
        { 1e-3, 1, [1.0, 0.5, 0.7, 0.6, 0.4], [1e-3, 1e-3, 1e-3, 9e-4, 8.1e-4] },
        // Patience 2: cut after two non-improving epochs in a row, then count again.
        { 1e-3, 2, [1.0, 2.0, 3.0, 4.0, 5.0, 6.0], [1e-3, 1e-3, 1e-3, 9e-4, 9e-4, 8.1e-4] },
        // The floor: 1.2e-4 → 1.08e-4 → 0.972e-4 clamped to 1e-4 → stays.
        { 1.2e-4, 1, [1.0, 2.0, 3.0, 4.0, 5.0], [1.2e-4, 1.2e-4, 1.08e-4, 1e-4, 1e-4] },
    };

    [Theory]
    [MemberData(nameof(Sequences))]
    public void Cuts_by_ten_percent_on_a_plateau_and_never_below_the_floor(double initial, int patience, double[] losses, double[] expected)
    {
        var schedule = new PlateauLearningRateSchedule(0.9, patience, 1e-4);
        var state = schedule.Start(initial);
        var used = new List<double>();
        foreach (var loss in losses)
        {
            used.Add(state.LearningRate);
            state = schedule.Next(state, loss);
            Assert.True(state.LearningRate >= 1e-4);
        }
        Assert.Equal(expected.Length, used.Count);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(used[i] - expected[i]) <= 1e-12 * expected[i], $"epoch {i}: rate {used[i]}, expected {expected[i]}");
    }

    [Fact]
    public void Bad_arguments_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new PlateauLearningRateSchedule(0, 1, 1e-4));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PlateauLearningRateSchedule(0.9, 0, 1e-4));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PlateauLearningRateSchedule(0.9, 1, 0));
        var schedule = new PlateauLearningRateSchedule(0.9, 1, 1e-4);
        Assert.Throws<ArgumentOutOfRangeException>(() => schedule.Start(1e-5));
        Assert.Throws<ArgumentOutOfRangeException>(() => schedule.Next(schedule.Start(1e-3), double.NaN));
    }
}
