using Nlce.Attacks;
using Nlce.Data;
using Nlce.Models;
using Nlce.Workbench;
using static TorchSharp.torch;

namespace Nlce.Notebooks.Tests.NotebookSeries.Workbench;

[Collection(SmokeWorkbenchCollection.Name)]
public sealed class NlceInspectionTests(SmokeWorkbenchFixture session)
{
    private Nlcen Model => (Nlcen)session.Nlcen.Model;

    private ImageData Clean => session.Data.TestImage(0);

    [Fact]
    public void Attacking_one_image_stays_within_epsilon_and_scores_both_predictions()
    {
        const double epsilon = 4;
        var attacked = SingleImageAttack.Run(new TargetedIfgsm(), session.Nlcen.Model, session.Data, 1, epsilon, CPU);
        Assert.Equal("nlcen-r18", attacked.Model);
        Assert.Equal(TargetedIfgsm.Schedule.For(epsilon), attacked.Iterations);
        Assert.InRange(attacked.LinfIntensity, 0, epsilon + 1e-3);
        foreach (var score in new[] { attacked.CleanDice, attacked.AdversarialDice, attacked.CleanJaccard, attacked.AdversarialJaccard })
            Assert.InRange(score, 0, 1);
        Assert.Equal(attacked.CleanDice - attacked.AdversarialDice, attacked.DiceDrop, 12);
        var example = attacked.Example;
        Assert.Equal(session.Data.TestImage(1).Pixels, example.Input.Pixels);
        Assert.Equal(session.Data.TestMask(1).Labels, example.GroundTruth!.Labels);
        var largest = example.Input.Pixels.Zip(example.AdversarialInput.Pixels, (a, b) => Math.Abs(a - b)).Max();
        Assert.InRange(largest * 255, 0, epsilon + 1e-3);
        Assert.False(session.Nlcen.Model.training);
    }

    [Theory]
    [InlineData(-1.0, 0)]
    [InlineData(double.PositiveInfinity, 0)]
    [InlineData(8.0, 99)]
    public void Attack_arguments_out_of_range_are_refused(double epsilon, int index)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            SingleImageAttack.Run(new TargetedIfgsm(), session.Nlcen.Model, session.Data, index, epsilon, CPU));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(5)]
    public void Probe_returns_a_normalised_attention_row_codeword_map_and_gates(int level)
    {
        var view = NlceProbe.Inspect(Model, Clean, level, 20, 9, CPU);
        int stride = 1 << level;                                          // conv2 … conv5 have strides 4 … 32
        Assert.Equal((session.Data.Size / stride, session.Data.Size / stride), (view.Height, view.Width));
        Assert.Equal((20 * view.Height / session.Data.Size, 9 * view.Width / session.Data.Size), (view.QueryRow, view.QueryColumn));
        var attention = view.Attention!;
        Assert.Equal(attention.KeyHeight * attention.KeyWidth, attention.Weights.Count);
        Assert.Equal(1.0, attention.Weights.Sum(w => (double)w), 4);
        Assert.All(attention.Weights, w => Assert.True(w >= 0));
        var codewords = view.Codewords!;
        Assert.Equal(view.Height * view.Width, codewords.Assignment.Count);
        Assert.All(codewords.Assignment, k => Assert.InRange(k, 0, codewords.Codewords - 1));
        Assert.All(codewords.Confidence, c => Assert.InRange(c, 1.0 / codewords.Codewords - 1e-6, 1.0 + 1e-6));
        Assert.InRange(codewords.CodewordsInUse, 1, codewords.Codewords);
        Assert.Equal(view.Channels, view.Gates!.Count);
        Assert.All(view.Gates, g => Assert.InRange(g, 0, 1));
    }

    [Fact]
    public void Without_the_non_local_part_its_contribution_is_zero_and_the_change_passes_through_it_unaltered()
    {
        using var model = (Nlcen)ModelRegistry.Default.Create("nlcen-r18-no-nl", 1, 2, SmokeWorkbenchFixture.Profile.Width);
        var perturbed = new ImageData(Clean.Width, Clean.Height, 1, Clean.Pixels.Select(p => Math.Clamp(p + 4f / 255f, 0f, 1f)).ToArray());
        Assert.All(NlceNoise.Measure(model, Clean, perturbed, CPU), r =>
        {
            Assert.Equal(0.0, r.NonLocalContribution);
            Assert.Equal(r.BeforeModule, r.AfterNonLocal);
        });
    }

    [Fact]
    public void Probe_of_an_ablation_without_the_non_local_part_has_no_attention()
    {
        using var model = (Nlcen)ModelRegistry.Default.Create("nlcen-r18-no-nl", 1, 2, SmokeWorkbenchFixture.Profile.Width);
        model.train();
        var view = NlceProbe.Inspect(model, Clean, 2, 0, 0, CPU);
        Assert.Null(view.Attention);
        Assert.NotNull(view.Codewords);
        Assert.True(model.training, "the probe puts the model back into training mode");
    }

    [Fact]
    public void Probe_refuses_bad_levels_pixels_and_models_without_nlce()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => NlceProbe.Inspect(Model, Clean, 1, 0, 0, CPU));
        Assert.Throws<ArgumentOutOfRangeException>(() => NlceProbe.Inspect(Model, Clean, 6, 0, 0, CPU));
        Assert.Throws<ArgumentOutOfRangeException>(() => NlceProbe.Inspect(Model, Clean, 2, Clean.Height, 0, CPU));
        Assert.Throws<ArgumentOutOfRangeException>(() => NlceProbe.Inspect(Model, Clean, 2, 0, -1, CPU));
        using var plain = (Nlcen)ModelRegistry.Default.Create("nlcen-r18-no-nlce", 1, 2, SmokeWorkbenchFixture.Profile.Width);
        var error = Assert.Throws<ArgumentException>(() => NlceProbe.Inspect(plain, Clean, 2, 0, 0, CPU));
        Assert.Contains("no NLCE modules", error.Message);
    }

    [Fact]
    public void Identical_inputs_change_nothing_inside_the_modules()
    {
        var rows = NlceNoise.Measure(Model, Clean, Clean, CPU);
        Assert.Equal([2, 3, 4, 5], rows.Select(r => r.Level));
        Assert.All(rows, r => Assert.Equal((0.0, 0.0, 0.0), (r.BeforeModule, r.AfterNonLocal, r.AfterModule)));
        Assert.All(rows, r => Assert.True(r.NonLocalContribution >= 0));
        var view = NlceProbe.Inspect(Model, Clean, 2, 10, 10, CPU);
        var change = NlceViewChange.Between(view, NlceProbe.Inspect(Model, Clean, 2, 10, 10, CPU));
        Assert.Equal((0.0, 1.0, 0.0, 0.0), (change.AttentionShift!.Value, change.CodewordAgreement!.Value, change.MeanGateChange!.Value, change.MaxGateChange!.Value));
    }

    [Fact]
    public void A_perturbed_input_shows_a_positive_change_before_and_after_each_module()
    {
        var perturbed = new ImageData(Clean.Width, Clean.Height, 1,
            Clean.Pixels.Select((p, i) => Math.Clamp(p + (i % 2 == 0 ? 8f : -8f) / 255f, 0f, 1f)).ToArray());
        var rows = NlceNoise.Measure(Model, Clean, perturbed, CPU);
        Assert.All(rows, r =>
        {
            Assert.True(r.BeforeModule > 0 && r.AfterNonLocal > 0 && r.AfterModule > 0, $"conv{r.Level}: {r}");
            Assert.Equal(r.AfterModule / r.BeforeModule, r.Ratio, 12);
        });
        var maps = NlceNoise.Maps(Model, Clean, perturbed, 3, CPU);
        Assert.Equal((3, session.Data.Size / 8, session.Data.Size / 8), (maps.Level, maps.Height, maps.Width));
        Assert.Equal(maps.Height * maps.Width, maps.BeforeModule.Count);
        Assert.Equal(maps.Height * maps.Width, maps.AfterModule.Count);
        Assert.Contains(maps.BeforeModule, v => v > 0);
    }

    [Fact]
    public void Noise_measures_refuse_images_of_different_sizes()
    {
        var small = new ImageData(8, 8, 1, new float[64]);
        Assert.Throws<ArgumentException>(() => NlceNoise.Measure(Model, Clean, small, CPU));
        Assert.Throws<ArgumentException>(() => NlceNoise.Maps(Model, Clean, small, 2, CPU));
    }
}
