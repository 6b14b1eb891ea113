using Nlce.Attacks;
using Nlce.Data;
using Nlce.Data.Tensors;
using Nlce.Evaluation;
using Nlce.Models;
using Nlce.Tests.Training;
using Nlce.Training;
using Nlce.Training.Losses;
using static TorchSharp.torch;

namespace Nlce.Tests.Attacks;

/// <summary>
/// A U-Net (one of the NLCEN paper's baselines, at width ¼) trained in the fixture on phantom lungs (the
/// <see cref="PhantomTrainingTests"/> recipe: 56 phantoms at 64², 3 epochs, batches of 2, Adam 1e-3), attacked on its 10 test
/// images as the NLCEN paper's Adversarial Attacks section does. A baseline rather than NLCEN: the paper's claim is that NLCEN
/// resists these attacks, so a clear drop is the expectation only for the baselines (the robustness notebooks compare them).
/// </summary>
public sealed class PhantomLungModelFixture : IDisposable
{
    private const int Size = 64;

    public PhantomLungModelFixture()
    {
        using var thread = new SingleTorchThread();
        var dataset = DatasetCatalog.Open("phantom-lung", new DatasetOpenOptions(PhantomCount: 56, PhantomSize: Size));
        using var all = SegmentationTensorSet.Load(dataset, Size);
        using var data = TrainingData.FromSplits(all, dataset.Spec);
        manual_seed(1);
        Model = ModelRegistry.Default.Create("unet", all.Channels, classes: 2, width: 0.25);
        var options = new TrainingOptions(3, BatchSize: 2, InputSize: Size, Seed: 1);
        new Trainer(options, LossFactory.Paper.Create(Model.DefaultLoss), CPU).Train(Model, data);
        Model.eval();
        using var testSet = all.Subset(DatasetSplit.Test);
        Images = testSet.Images.clone();
        Labels = testSet.Masks.to_type(ScalarType.Int64);
        CleanDice = MeanDice(Images);
    }

    public SegmentationModel Model { get; }

    /// <summary>The test split's images [N, 1, 64, 64].</summary>
    public Tensor Images { get; }

    /// <summary>Their masks [N, 64, 64].</summary>
    public Tensor Labels { get; }

    /// <summary>Mean DIC on the clean test images.</summary>
    public double CleanDice { get; }

    public double MeanDice(Tensor images)
    {
        using var noGrad = no_grad();
        using var logits = Model.call(images);
        return SegmentationMetrics.FromLogits(logits, Labels).MeanDice;
    }

    public void Dispose()
    {
        Model.Dispose();
        Images.Dispose();
        Labels.Dispose();
    }
}

/// <summary>Issue #4's strength checks on a phantom model rather than the toy squares of <see cref="AttackStrengthTests"/>.</summary>
[Collection(GlobalTorchStateCollection.Name)]
public sealed class PhantomAttackTests(PhantomLungModelFixture trained) : IClassFixture<PhantomLungModelFixture>
{
    /// <summary>How much weaker than I-FGSM an attack at the same budget may come out on the test images before the test fails.</summary>
    private const double StrengthTolerance = 0.02;

    /// <summary>
    /// Measured (seed 1, one thread): clean DIC 0.940; targeted I-FGSM ε = 8 → 0.926, ε = 16 → 0.899, ε = 32 → 0.712; untargeted
    /// PGD (40 steps of 1) ε = 8 → 0.888. Phantom lungs at 64² are far harder to attack than the paper's JSRT films at 256²: at the
    /// issue's ε = 8 the drop is real but small (0.014), so ε = 8 asserts the direction and ε = 32 the clear margin.
    /// </summary>
    [Fact]
    public void Targeted_ifgsm_lowers_mean_dice_at_epsilon_8_and_by_a_clear_margin_at_32()
    {
        Assert.True(trained.CleanDice >= 0.85, $"the fixture model is under-trained: clean DIC {trained.CleanDice:F3}");

        double at8 = Attacked(new TargetedIfgsm(), AttackBatch.WithEpsilon(trained.Images, trained.Labels, 8));
        double at32 = Attacked(new TargetedIfgsm(), AttackBatch.WithEpsilon(trained.Images, trained.Labels, 32));

        Assert.True(at8 <= trained.CleanDice - 0.005, $"clean DIC {trained.CleanDice:F3}, after targeted I-FGSM ε = 8: {at8:F3}");
        Assert.True(at32 <= trained.CleanDice - 0.1, $"clean DIC {trained.CleanDice:F3}, after targeted I-FGSM ε = 32: {at32:F3}");
        Assert.True(at32 < at8, $"ε = 32 ({at32:F3}) hurt less than ε = 8 ({at8:F3})");
    }

    [Fact]
    public void Segpgd_and_cospgd_are_at_least_as_strong_as_ifgsm_at_the_same_budget()
    {
        var budget = new PgdOptions { StepSize = StepSize.Intensity(1), Iterations = IterationSchedule.Kurakin, RandomStart = false };
        var batch = AttackBatch.WithEpsilon(trained.Images, trained.Labels, 8);

        double ifgsm = Attacked(new Ifgsm(), batch);
        double segPgd = Attacked(new SegPgd(budget), batch);
        double cosPgd = Attacked(new CosPgd(budget), batch);

        Assert.True(ifgsm < trained.CleanDice - 0.02, $"I-FGSM barely hurt: clean {trained.CleanDice:F3}, attacked {ifgsm:F3}");
        Assert.True(segPgd <= ifgsm + StrengthTolerance, $"SegPGD {segPgd:F3} vs I-FGSM {ifgsm:F3}");
        Assert.True(cosPgd <= ifgsm + StrengthTolerance, $"CosPGD {cosPgd:F3} vs I-FGSM {ifgsm:F3}");
    }

    private double Attacked(IAttack attack, AttackBatch batch)
    {
        using var result = attack.Perturb(trained.Model, batch);
        return trained.MeanDice(result.Adversarial);
    }
}
