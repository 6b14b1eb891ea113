using Nlce.Training.Defenses;

namespace Nlce.Tests.Training.Defenses;

/// <summary>AMAT's margin bookkeeping on hand-made attack outcomes (seed 004, reference notes §2, "End of each epoch").</summary>
public sealed class AmatMarginsTests
{
    [Fact]
    public void Margins_start_at_delta_and_the_random_start_radius_is_max_of_margin_minus_delta_and_delta()
    {
        var margins = new AmatMargins(3, delta: 2, maxMargin: 10);
        Assert.Equal([2.0, 2.0, 2.0], margins.Margins);
        Assert.Equal(2, margins.RandomStartRadius(0)); // max(2 − 2, 2)

        margins.Record(0, new MarginOutcome(false, 0));
        margins.Record(1, new MarginOutcome(false, 0));
        margins.EndEpoch(0);
        margins.Record(0, new MarginOutcome(false, 0));
        margins.EndEpoch(1);
        Assert.Equal([6.0, 4.0, 2.0], margins.Margins);
        Assert.Equal(4, margins.RandomStartRadius(0)); // max(6 − 2, 2)
        Assert.Equal(2, margins.RandomStartRadius(1)); // max(4 − 2, 2)
    }

    [Fact]
    public void Resisting_samples_grow_by_delta_broken_ones_move_to_the_running_mean_of_their_breaking_sizes_and_unseen_ones_stay()
    {
        var margins = new AmatMargins(3, delta: 1, maxMargin: 100);
        for (int epoch = 0; epoch < 5; epoch++)
        {
            margins.Record(0, new MarginOutcome(false, 0));
            margins.Record(1, new MarginOutcome(false, 0));
            margins.EndEpoch(epoch);
        }
        Assert.Equal([6.0, 6.0, 1.0], margins.Margins);

        // Sample 1 breaks at 3: its margin shrinks from 6 to 3; sample 0 resists once more and grows to 7.
        margins.Record(0, new MarginOutcome(false, 0));
        margins.Record(1, new MarginOutcome(true, 3));
        var summary = margins.EndEpoch(5);
        Assert.Equal([7.0, 3.0, 1.0], margins.Margins);
        Assert.Equal(new MarginEpochSummary(5, 11.0 / 3, 1, 7, Grown: 1, Moved: 1), summary);

        // It breaks again at 2: the running mean is (3 + 2) / 2.
        margins.Record(1, new MarginOutcome(true, 2));
        margins.EndEpoch(6);
        Assert.Equal(2.5, margins.Margins[1]);
        Assert.Equal(7, margins.History.Count);
        Assert.Equal(Enumerable.Range(0, 7), margins.History.Select(h => h.Epoch));
    }

    [Fact]
    public void A_sample_broken_in_any_batch_of_an_epoch_counts_as_broken()
    {
        var margins = new AmatMargins(1, delta: 1, maxMargin: 10);
        margins.Record(0, new MarginOutcome(true, 0.5));
        margins.Record(0, new MarginOutcome(false, 0));
        margins.EndEpoch(0);
        Assert.Equal(0.5, margins.Margins[0]);
    }

    [Fact]
    public void Margins_are_clamped_to_the_cap()
    {
        var margins = new AmatMargins(1, delta: 3, maxMargin: 7);
        for (int epoch = 0; epoch < 4; epoch++)
        {
            margins.Record(0, new MarginOutcome(false, 0));
            margins.EndEpoch(epoch);
        }
        Assert.Equal(7, margins.Margins[0]);
        Assert.Equal([6.0, 7.0, 7.0, 7.0], margins.History.Select(h => h.Max));
    }

    [Fact]
    public void The_state_round_trips_and_restoring_continues_identically()
    {
        var original = new AmatMargins(2, delta: 1, maxMargin: 5);
        original.Record(0, new MarginOutcome(true, 0.25));
        original.Record(1, new MarginOutcome(false, 0));
        original.EndEpoch(0);
        var state = original.State(diceThreshold: 0.8);
        Assert.Equal(0.8, state.DiceThreshold);

        var restored = AmatMargins.Restore(state, 2, delta: 1, maxMargin: 5);
        foreach (var margins in new[] { original, restored })
        {
            margins.Record(0, new MarginOutcome(true, 0.75));
            margins.EndEpoch(1);
        }
        Assert.Equal(original.Margins, restored.Margins);
        Assert.Equal(original.History, restored.History);
        Assert.Equal(0.5, restored.Margins[0]); // (0.25 + 0.75) / 2
    }

    [Fact]
    public void Saving_in_the_middle_of_an_epoch_is_refused()
    {
        var margins = new AmatMargins(1, delta: 1, maxMargin: 5);
        margins.Record(0, new MarginOutcome(false, 0));
        Assert.Throws<InvalidOperationException>(() => margins.State(0.5));
    }

    public static TheoryData<int, double, double, string> BadConstructions => new()
    {
        { 0, 1, 5, "samples" },
        { 2, 0, 5, "delta" },
        { 2, double.NaN, 5, "delta" },
        { 2, 2, 1, "maxMargin" },
        { 2, 1, double.PositiveInfinity, "maxMargin" },
    };

    [Theory]
    [MemberData(nameof(BadConstructions))]
    public void Bad_sizes_are_rejected(int samples, double delta, double maxMargin, string parameter)
    {
        var e = Assert.ThrowsAny<ArgumentException>(() => new AmatMargins(samples, delta, maxMargin));
        Assert.Equal(parameter, e.ParamName);
    }

    [Fact]
    public void Bad_outcomes_and_states_are_rejected()
    {
        var margins = new AmatMargins(2, delta: 1, maxMargin: 5);
        Assert.Throws<ArgumentOutOfRangeException>(() => margins.Record(2, new MarginOutcome(false, 0)));
        Assert.Throws<ArgumentOutOfRangeException>(() => margins.Record(-1, new MarginOutcome(false, 0)));
        Assert.Throws<ArgumentOutOfRangeException>(() => margins.Record(0, new MarginOutcome(true, double.NaN)));

        var e = Assert.Throws<ArgumentException>(() => AmatMargins.Restore(new AmatState(0.5, [1, 2, 3], new double?[3], []), 2, 1, 5));
        Assert.Contains("3 margins but the training set has 2", e.Message);
        e = Assert.Throws<ArgumentException>(() => AmatMargins.Restore(new AmatState(0.5, [1, 6], new double?[2], []), 2, 1, 5));
        Assert.Contains("margin [1] = 6", e.Message);
    }
}
