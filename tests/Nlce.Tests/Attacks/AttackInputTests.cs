using Nlce.Attacks;
using static TorchSharp.torch;

namespace Nlce.Tests.Attacks;

/// <summary>Bad batches, bad options and bad transforms fail early, naming what is wrong.</summary>
public sealed class AttackInputTests
{
    public static TheoryData<string, Func<AttackBatch>, string> BadBatches => new()
    {
        { "3-D images", () => new AttackBatch(zeros(2, 4, 4), zeros(2, 4, 4, dtype: int64), [1, 1]), "[2, 4, 4]" },
        { "integer images", () => new AttackBatch(zeros(2, 1, 4, 4, dtype: int64), zeros(2, 4, 4, dtype: int64), [1, 1]), "floating point" },
        { "labels of another size", () => new AttackBatch(zeros(2, 1, 4, 4), zeros(2, 4, 5, dtype: int64), [1, 1]), "[2, 4, 5]" },
        { "float labels", () => new AttackBatch(zeros(2, 1, 4, 4), zeros(2, 4, 4), [1, 1]), "integer class indices" },
        { "targets of another size", () => new AttackBatch(zeros(2, 1, 4, 4), zeros(2, 4, 4, dtype: int64), [1, 1], zeros(1, 4, 4, dtype: int64)), "targets must be" },
        { "one ε for two images", () => new AttackBatch(zeros(2, 1, 4, 4), zeros(2, 4, 4, dtype: int64), [1]), "one ε per image (2); got 1" },
        { "negative ε", () => new AttackBatch(zeros(2, 1, 4, 4), zeros(2, 4, 4, dtype: int64), [1, -2]), "ε[1] = -2" },
        { "NaN ε", () => new AttackBatch(zeros(2, 1, 4, 4), zeros(2, 4, 4, dtype: int64), [double.NaN, 1]), "ε[0] = NaN" },
        { "negative budget", () => new AttackBatch(zeros(2, 1, 4, 4), zeros(2, 4, 4, dtype: int64), [1, 1], null, [3, -1]), "budget [1] = -1" },
        { "budgets for three images", () => new AttackBatch(zeros(2, 1, 4, 4), zeros(2, 4, 4, dtype: int64), [1, 1], null, [1, 1, 1]), "one iteration budget per image" },
    };

    [Theory]
    [MemberData(nameof(BadBatches))]
    public void A_malformed_batch_is_rejected_with_a_message_naming_the_problem(string because, Func<AttackBatch> create, string expected)
    {
        using var scope = NewDisposeScope();
        var e = Assert.Throws<ArgumentException>(create);
        Assert.True(e.Message.Contains(expected, StringComparison.Ordinal), $"{because}: '{e.Message}' does not mention '{expected}'");
    }

    public static TheoryData<string, Func<IAttack>, Func<AttackBatch>, string> BatchesTheAttackCannotUse => new()
    {
        { "images above 1", () => new Ifgsm(), () => AttackBatch.WithEpsilon(full(1, 1, 4, 4, 1.5f), zeros(1, 4, 4, dtype: int64), 2), "[0, 1]" },
        { "a label beyond the classes", () => new Ifgsm(), () => AttackBatch.WithEpsilon(zeros(1, 1, 4, 4), full(1, 4, 4, 2, dtype: int64), 2), "[0, 1] for model 'tiny-segmenter'" },
        { "RGB images for a grey model", () => new Ifgsm(), () => AttackBatch.WithEpsilon(zeros(1, 3, 4, 4), zeros(1, 4, 4, dtype: int64), 2), "3 channel(s)" },
        { "ti-FGSM without targets", () => new TiFgsm(), () => AttackBatch.WithEpsilon(zeros(1, 1, 4, 4), zeros(1, 4, 4, dtype: int64), 2), "target label maps" },
        { "ASMA without targets", () => new Asma(), () => AttackBatch.WithEpsilon(zeros(1, 1, 4, 4), zeros(1, 4, 4, dtype: int64), 2), "target label maps" },
        { "a target beyond the classes", () => new TiFgsm(), () => AttackBatch.WithEpsilon(zeros(1, 1, 4, 4), zeros(1, 4, 4, dtype: int64), 2, full(1, 4, 4, 5, dtype: int64)), "targets must be class indices" },
        { "an unbounded I-FGSM", () => new Ifgsm(), () => AttackBatch.WithEpsilon(zeros(1, 1, 4, 4), zeros(1, 4, 4, dtype: int64), double.PositiveInfinity), "needs a finite ε" },
        { "two FGSM steps", () => new Fgsm(), () => new AttackBatch(zeros(1, 1, 4, 4), zeros(1, 4, 4, dtype: int64), [2], null, [2]), "at most 1 iteration" },
    };

    [Theory]
    [MemberData(nameof(BatchesTheAttackCannotUse))]
    public void A_batch_that_does_not_fit_the_model_or_attack_is_rejected_before_it_runs(string because, Func<IAttack> attack, Func<AttackBatch> batch, string expected)
    {
        using var scope = NewDisposeScope();
        using var model = TinySegmenter.Create(41);
        model.train();
        var e = Assert.Throws<ArgumentException>(() => attack().Perturb(model, batch()));
        Assert.True(e.Message.Contains(expected, StringComparison.Ordinal), $"{because}: '{e.Message}' does not mention '{expected}'");
        Assert.True(model.training, "a rejected batch switched the model to eval mode");
    }

    [Fact]
    public void The_papers_attack_refuses_models_with_more_than_two_classes()
    {
        using var scope = NewDisposeScope();
        using var model = TinySegmenter.Create(42, classes: 3);
        var batch = AttackBatch.WithEpsilon(zeros(1, 1, 4, 4), zeros(1, 4, 4, dtype: int64), 2);
        var e = Assert.Throws<ArgumentException>(() => new TargetedIfgsm().Perturb(model, batch));
        Assert.Contains("3 classes", e.Message);
    }

    public static TheoryData<string, Action, string> BadOptions => new()
    {
        { "zero step", () => StepSize.Intensity(0), "Value" },
        { "NaN step", () => StepSize.FractionOfEpsilon(double.NaN), "Value" },
        { "negative fixed count", () => IterationSchedule.Fixed(-1), "count" },
        { "Kurakin at a negative ε", () => IterationSchedule.Kurakin.For(-1), "epsilonIntensity" },
        { "Kurakin at an infinite ε", () => IterationSchedule.Kurakin.For(double.PositiveInfinity), "epsilonIntensity" },
        { "no restart", () => new Pgd(new PgdOptions { Restarts = 0 }), "Restarts" },
        { "restarts without random start", () => new SegPgd(new PgdOptions { Restarts = 2, RandomStart = false }), "Restarts" },
        { "undefined norm", () => new CosPgd(new PgdOptions { Norm = (PerturbationNorm)7 }), "Norm" },
        { "a step given as null", () => new Ifgsm(new IfgsmOptions { StepSize = null! }), "StepSize" },
        { "zero τ", () => new Asma(new AsmaOptions { Tau = 0 }), "Tau" },
        { "negative β", () => new Asma(new AsmaOptions { Beta = -1 }), "Beta" },
        { "negative ASMA iterations", () => new Asma(new AsmaOptions { Iterations = -1 }), "Iterations" },
        { "no EOT sample", () => new Eot(new Fgsm(), x => x, new EotOptions { Samples = 0 }), "Samples" },
        { "one image for ASMA's other-image targets", () => Asma.TargetsFromOtherImages(zeros(1, 4, 4, dtype: int64)), "labels" },
    };

    [Theory]
    [MemberData(nameof(BadOptions))]
    public void Out_of_range_options_are_rejected_naming_the_field(string because, Action create, string field)
    {
        var e = Assert.ThrowsAny<ArgumentException>(create);
        Assert.True(e.ParamName == field, $"{because}: ParamName '{e.ParamName}', expected '{field}'");
    }

    [Fact]
    public void A_transform_that_changes_the_shape_is_an_error()
    {
        using var scope = NewDisposeScope();
        using var model = TinySegmenter.Create(43);
        var (images, labels) = AttackCatalog.RandomInputs(43, 1);
        var attack = new Bpda(new Ifgsm(), x => x.slice(2, 0, 8, 1).slice(3, 0, 8, 1));
        var e = Assert.Throws<InvalidOperationException>(() => attack.Perturb(model, AttackBatch.WithEpsilon(images, labels, 2)));
        Assert.Contains("keep the shape", e.Message);
    }

    [Fact]
    public void A_transform_that_cuts_the_gradient_without_bpda_is_an_error_that_points_to_bpda()
    {
        using var scope = NewDisposeScope();
        using var model = TinySegmenter.Create(44);
        var (images, labels) = AttackCatalog.RandomInputs(44, 1);
        var attack = new Eot(new Ifgsm(), x => x.detach(), new EotOptions { Samples = 1 });
        var e = Assert.Throws<InvalidOperationException>(() => attack.Perturb(model, AttackBatch.WithEpsilon(images, labels, 2)));
        Assert.Contains("Bpda", e.Message);
    }
}
