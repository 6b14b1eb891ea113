using Nlce.Attacks;
using Nlce.Data;
using Nlce.Data.Tensors;
using Nlce.Evaluation;
using Nlce.Training;
using Nlce.Training.Checkpoints;
using Nlce.Training.Defenses;
using Nlce.Training.Losses;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace Nlce.Tests.Training.Defenses;

using SquaresTask = Nlce.Tests.Attacks.SquaresTask;
using TinySegmenter = Nlce.Tests.Attacks.TinySegmenter;

/// <summary>
/// Issue 5: against the attack that ignores it, each training defense should lower the damage (clean DIC − attacked DIC) an
/// attack does to a small model on the low-contrast squares task. Directions are asserted, not numbers.
/// </summary>
/// <remarks>
/// Measured damage (8 held-out squares; clean − attacked DIC), undefended / SAT / AMAT / distilled, with these seeds:
/// targeted I-FGSM ε = 8: 0.42 / 0.31 / 0.42 / 0.54; targeted ε = 4: 0.06 / 0.03 / 0.04 / 0.10; untargeted I-FGSM ε = 8:
/// 0.48 / 0.45 / 0.46 / 0.39. With other seeds (models 31–33, squares 17, run seed 5): targeted ε = 8: 0.57 / 0.28 / 0.35 / 0.36;
/// targeted ε = 4: 0.12 / 0.02 / 0.02 / 0.05; untargeted ε = 8: 0.49 / 0.40 / 0.42 / 0.43. So only SAT lowers the ε = 8
/// targeted damage reliably on this task. AMAT's margins settle near 7–8 intensity levels (samples break there); it protects
/// inside them (ε = 4) and at ε = 8 only sometimes. Distillation reliably helps only against the untargeted attack, whose
/// cross-entropy toward the true, confidently predicted class saturates at T = 1 (gradient masking, Carlini and Wagner 2016);
/// the targeted loss toward the other class does not saturate. The assertions below are the directions that held for both seeds.
/// </remarks>
[Collection(GlobalTorchStateCollection.Name)]
public sealed class DefenseRobustnessTests(DefenseRobustnessTests.Models models, ITestOutputHelper output) : IClassFixture<DefenseRobustnessTests.Models>
{
    [Fact]
    public void Sat_lowers_the_targeted_ifgsm_damage_at_epsilon_8()
    {
        var (undefended, sat) = Report("sat");
        Assert.True(undefended.Clean - undefended.Targeted8 > 0.2, $"the attack barely hurts the undefended model: {undefended}");
        Assert.True(sat.Clean - sat.Targeted8 < undefended.Clean - undefended.Targeted8, $"SAT {sat} vs undefended {undefended}");
    }

    [Fact]
    public void Amat_lowers_the_targeted_ifgsm_damage_inside_its_margins()
    {
        var (undefended, amat) = Report("amat");
        Assert.True(models.AmatMeanMargin > 4, $"AMAT's mean margin {models.AmatMeanMargin:F2} does not cover ε = 4");
        Assert.True(amat.Clean - amat.Targeted4 < undefended.Clean - undefended.Targeted4, $"AMAT {amat} vs undefended {undefended}");
    }

    [Fact]
    public void Distillation_lowers_the_untargeted_ifgsm_damage_at_epsilon_8()
    {
        var (undefended, distilled) = Report("distillation");
        Assert.True(distilled.Clean - distilled.Untargeted8 < undefended.Clean - undefended.Untargeted8, $"distilled {distilled} vs undefended {undefended}");
    }

    [Fact]
    public void Every_defended_model_still_segments_the_clean_images() =>
        Assert.All(models.Scores, pair => Assert.True(pair.Value.Clean > 0.8, $"{pair.Key}: {pair.Value}"));

    private (Score Undefended, Score Defended) Report(string defense)
    {
        foreach (var (name, score) in models.Scores)
            output.WriteLine($"{name}: {score}");
        models.Notes.ForEach(output.WriteLine);
        return (models.Scores["undefended"], models.Scores[defense]);
    }

    /// <summary>Clean and attacked mean DIC on the held-out squares: targeted I-FGSM at ε = 4 and 8, untargeted I-FGSM at ε = 8.</summary>
    public sealed record Score(double Clean, double Targeted4, double Targeted8, double Untargeted8)
    {
        public override string ToString() =>
            $"clean {Clean:F3}, targeted ε=4 {Targeted4:F3}, targeted ε=8 {Targeted8:F3}, untargeted ε=8 {Untargeted8:F3}";
    }

    /// <summary>
    /// An undefended model (30 epochs of 64 squares at 32²); SAT (ε = 8, 5 PGD iterations) and AMAT (Δ = 4, E_max = 16, τ = 0.8,
    /// 5 iterations) fine-tuned from it for 10 epochs; a teacher at T = 20 and its distilled student, 60 epochs each. About 30 s
    /// on one thread.
    /// </summary>
    public sealed class Models : IDisposable
    {
        private const int Epochs = 30;
        private const int FineTuneEpochs = 10;

        /// <summary>
        /// τ for AMAT. The clean model's mean training DIC (the default) sits in the middle of its per-image DICs on this
        /// task, so half the samples count as broken before any perturbation and their margins never grow; 0.8 is a DIC the
        /// clean model clears on (nearly) every image.
        /// </summary>
        private const double AmatThreshold = 0.8;

        /// <summary>Training at T = 20 needs logits 20 times larger for the same confidence: a higher rate and more epochs.</summary>
        private const double DistillationLearningRate = 0.02;

        private const int DistillationEpochs = 60;

        public Models()
        {
            int previousThreads = get_num_threads();
            set_num_threads(1);
            try
            {
                var (trainImages, trainLabels) = SquaresTask.Make(64, seed: 7);
                var samples = Enumerable.Range(0, 64).Select(i => new SampleRef($"square{i}", DatasetSplit.Train)).ToList();
                var train = new SegmentationTensorSet(trainImages, trainLabels.to(uint8), samples); // disposed with data
                trainLabels.Dispose();
                using var data = new TrainingData(train, null, "squares-task", null);
                var (testImages, testLabels) = SquaresTask.Make(8, seed: 2024);
                using (testImages)
                using (testLabels)
                {
                    using var clean = Train(TinySegmenter.Create(seed: 11), data, Epochs, null);
                    Scores["undefended"] = Measure(clean, testImages, testLabels);
                    using var sat = Train(CopyOf(clean), data, FineTuneEpochs, new SatObjective(new SatOptions { Iterations = 5 }));
                    Scores["sat"] = Measure(sat, testImages, testLabels);
                    var amatObjective = new AmatObjective(new AmatOptions { Delta = 4, MaxMargin = 16, Iterations = 5, DiceThreshold = AmatThreshold });
                    using var amat = Train(CopyOf(clean), data, FineTuneEpochs, amatObjective);
                    Scores["amat"] = Measure(amat, testImages, testLabels);
                    AmatMeanMargin = amatObjective.Margins.History[^1].Mean;
                    Notes.Add($"AMAT τ {amatObjective.DiceThreshold:F3}, margins per epoch: " +
                        string.Join("; ", amatObjective.Margins.History.Select(h => $"mean {h.Mean:F2} [{h.Min:F2}, {h.Max:F2}] +{h.Grown}/~{h.Moved}")));
                    using var teacher = Train(TinySegmenter.Create(seed: 12), data, DistillationEpochs, new TemperatureObjective(DistillationOptions.DefaultTemperature),
                        DistillationLearningRate);
                    Scores["distillation teacher"] = Measure(teacher, testImages, testLabels);
                    using var student = Train(TinySegmenter.Create(seed: 13), data, DistillationEpochs,
                        new DistillationObjective(teacher, new DistillationOptions(), "teacher at T = 20"), DistillationLearningRate);
                    Scores["distillation"] = Measure(student, testImages, testLabels);
                }
            }
            finally
            {
                set_num_threads(previousThreads);
            }
        }

        public Dictionary<string, Score> Scores { get; } = [];

        public List<string> Notes { get; } = [];

        /// <summary>AMAT's mean margin after its last epoch (intensity units).</summary>
        public double AmatMeanMargin { get; }

        public void Dispose()
        {
        }

        private static TinySegmenter Train(TinySegmenter model, TrainingData data, int epochs, ITrainingObjective? objective, double learningRate = 0.01)
        {
            var options = new TrainingOptions(epochs, BatchSize: 16, LearningRate: learningRate, MinimumLearningRate: 1e-3, InputSize: SquaresTask.Size, Seed: 1);
            new Trainer(options, CrossEntropyLoss.Loss, CPU, objective).Train(model, data);
            model.eval();
            return model;
        }

        private static TinySegmenter CopyOf(TinySegmenter model)
        {
            var copy = TinySegmenter.Create(seed: 0);
            StateDictLoader.Apply(copy, model.state_dict(), "the undefended model");
            return copy;
        }

        private static Score Measure(TinySegmenter model, Tensor images, Tensor labels)
        {
            using var scope = NewDisposeScope();
            double Dice(Tensor x)
            {
                using var noGrad = no_grad();
                return SegmentationMetrics.FromLogits(model.call(x), labels).MeanDice;
            }
            double After(IAttack attack, double epsilon)
            {
                using var attacked = attack.Perturb(model, AttackBatch.WithEpsilon(images, labels, epsilon));
                return Dice(attacked.Adversarial);
            }
            return new Score(Dice(images), After(new TargetedIfgsm(), 4), After(new TargetedIfgsm(), 8), After(new Ifgsm(), 8));
        }
    }
}
