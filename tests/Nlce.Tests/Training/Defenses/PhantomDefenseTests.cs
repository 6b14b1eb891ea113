using Nlce.Attacks;
using Nlce.Data;
using Nlce.Data.Tensors;
using Nlce.Defenses;
using Nlce.Evaluation;
using Nlce.Evaluation.Reproduction;
using Nlce.Models;
using Nlce.Training;
using Nlce.Training.Defenses;
using Nlce.Training.Losses;
using static TorchSharp.torch;

namespace Nlce.Tests.Training.Defenses;

/// <summary>
/// Issue 5 on a phantom model: NLCEN-R18 trained on phantom lungs at the quick profile's settings (80 phantoms at 64², ¼ width,
/// 6 epochs of batches of 4), then SAT and AMAT versions with the quick profile's defense settings
/// (<see cref="DefenseTrainingSettings.For"/>), and frequency refinement in front of the undefended model. Each defense is
/// attacked by targeted I-FGSM at ε = 8 (paper eq. 6) ignoring it, and its damage (clean DIC − attacked DIC, both through the
/// defense) is compared with the undefended model's.
/// </summary>
/// <remarks>
/// <para>Measured damage (clean − attacked DIC on the 16 test phantoms), seed 1 / seed 2: undefended 0.037 / 0.045; SAT 0.017 /
/// 0.000; FR (attack ignoring it) −0.001 / 0.001; AMAT 0.047 / 0.030. SAT and FR lowered the damage for both seeds and are asserted.
/// AMAT did for seed 2 and in <c>nlce reproduce defenses --profile quick</c> (ε = 8: +0.030 DIC over the undefended model, Wilcoxon
/// p = 0.002) but not for seed 1, so its direction is not asserted: on phantoms its benefit at ε = 8 is within seed noise.</para>
/// <para>A smaller setting (56 phantoms, 4 epochs) left the undefended model at clean DIC 0.761, and targeted I-FGSM then raised its DIC
/// (0.800): an under-trained model is no yardstick, so the fixture trains at the quick profile's size (≈ 90 s on two cores).</para>
/// <para>Distillation is not asserted either: in <c>nlce reproduce defenses --profile quick</c> on phantom lungs the distilled student
/// lost 0.070 clean DIC and was hurt more by targeted I-FGSM than the undefended model at every ε (mean difference −0.075 … −0.241,
/// Wilcoxon p &lt; 0.001), so "each defense helps" does not hold for it on phantoms.</para>
/// </remarks>
[Collection(GlobalTorchStateCollection.Name)]
public sealed class PhantomDefenseTests(PhantomDefenseTests.Models models) : IClassFixture<PhantomDefenseTests.Models>
{
    [Fact]
    public void The_attack_hurts_the_undefended_model() =>
        Assert.True(models.Undefended.Damage > 0.005, $"targeted I-FGSM ε = 8 barely hurts the undefended model: {models.Undefended}");

    [Fact]
    public void Sat_lowers_the_damage() => AssertLowers(models.Sat);

    [Fact]
    public void Amat_keeps_its_clean_dice() => Assert.True(models.Amat.Clean > 0.8, $"{models.Amat}");

    [Fact]
    public void Frequency_refinement_lowers_the_damage_of_the_attack_that_ignores_it() => AssertLowers(models.FrequencyRefinement);

    private void AssertLowers(DefenseScore defended)
    {
        Assert.True(defended.Clean > 0.8, $"the defense costs too much clean DIC: {defended}");
        Assert.True(defended.Damage < models.Undefended.Damage, $"{defended} vs undefended {models.Undefended}");
    }

    /// <summary>Clean and attacked mean DIC of one defended system.</summary>
    public sealed record DefenseScore(string Name, double Clean, double Attacked)
    {
        public double Damage => Clean - Attacked;

        public override string ToString() => $"{Name}: clean {Clean:F3}, attacked {Attacked:F3}, damage {Damage:F3}";
    }

    /// <summary>Trains the three models once per test class.</summary>
    public sealed class Models : IDisposable
    {
        private readonly TemporaryFolder folder = new();

        public Models()
        {
            var profile = ReproductionProfile.Quick;
            var dataset = DatasetCatalog.Open("phantom-lung", new DatasetOpenOptions(PhantomCount: profile.PhantomCount, PhantomSize: profile.Size));
            using var all = SegmentationTensorSet.Load(dataset, profile.Size);
            using var data = TrainingData.FromSplits(all, dataset.Spec);
            using var test = all.Subset(DatasetSplit.Test);
            var options = new TrainingOptions(profile.Epochs, profile.BatchSize, InputSize: profile.Size, Seed: 1);
            var settings = DefenseTrainingSettings.For(profile);
            var training = new DefenseTraining(LossFactory.Paper, ModelRegistry.Default);
            var labels = test.Masks.to_type(ScalarType.Int64);

            using var undefended = Fresh(all.Channels, profile.Width);
            new Trainer(options, LossFactory.Paper.Create(undefended.DefaultLoss), CPU).Train(undefended, data);
            Undefended = Score("undefended", undefended, test.Images, labels, null);
            var frequencyRefinement = new FrequencyRefinement();
            FrequencyRefinement = Score("fr", undefended, test.Images, labels, frequencyRefinement);

            using var sat = Fresh(all.Channels, profile.Width);
            training.Sat(new TrainingRunRequest(folder.File("sat"), options), settings.Sat, sat, data, CPU);
            Sat = Score("sat", sat, test.Images, labels, null);

            double tau = ValidationEvaluator.Evaluate(undefended, data.Train, options.BatchSize, CPU).MeanDice;
            using var amat = Fresh(all.Channels, profile.Width);
            training.Amat(new TrainingRunRequest(folder.File("amat"), options), settings.Amat with { DiceThreshold = tau }, amat, data, CPU);
            Amat = Score("amat", amat, test.Images, labels, null);
            labels.Dispose();
        }

        public DefenseScore Undefended { get; }

        public DefenseScore Sat { get; }

        public DefenseScore Amat { get; }

        public DefenseScore FrequencyRefinement { get; }

        public void Dispose() => folder.Dispose();

        private static SegmentationModel Fresh(int channels, double width)
        {
            manual_seed(1);
            return ModelRegistry.Default.Create("nlcen-r18", channels, classes: 2, width);
        }

        /// <summary>Targeted I-FGSM at ε = 8 crafted on the bare model; clean and adversarial images scored through <paramref name="defense"/>.</summary>
        private static DefenseScore Score(string name, SegmentationModel model, Tensor images, Tensor labels, IInputDefense? defense)
        {
            model.eval();
            using var result = new TargetedIfgsm().Perturb(model, AttackBatch.WithEpsilon(images, labels, 8));
            using var noGrad = no_grad();
            using var scope = NewDisposeScope();
            double Dice(Tensor x) => SegmentationMetrics.FromLogits(model.call(defense?.Apply(x) ?? x), labels).MeanDice;
            return new DefenseScore(name, Dice(images), Dice(result.Adversarial));
        }
    }
}
