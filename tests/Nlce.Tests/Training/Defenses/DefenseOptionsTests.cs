using System.Text.Json.Nodes;
using Nlce.Attacks;
using Nlce.Training.Defenses;

namespace Nlce.Tests.Training.Defenses;

public sealed class DefenseOptionsTests
{
    [Fact]
    public void Defaults_are_valid_and_as_documented()
    {
        var sat = new SatOptions().Validate();
        Assert.Equal((PerturbationNorm.Linf, 8.0, StepSize.Intensity(2), 10, SatLoss.AdversarialOnly), (sat.Norm, sat.Epsilon, sat.StepSize, sat.Iterations, sat.Loss));
        var l2 = SatOptions.ForL2(20);
        Assert.Equal((PerturbationNorm.L2, 20.0, StepSize.FractionOfEpsilon(0.2), 20), (l2.Norm, l2.Epsilon, l2.StepSize, l2.Iterations));
        var amat = new AmatOptions().Validate();
        Assert.Equal((1.0, 16.0, 20, 0.2, (double?)null), (amat.Delta, amat.MaxMargin, amat.Iterations, amat.StepFraction, amat.DiceThreshold));
        Assert.Equal((20.0, 0.0), (new DistillationOptions().Validate().Temperature, new DistillationOptions().HardLabelWeight));
    }

    public static TheoryData<SatOptions, string> BadSat => new()
    {
        { new SatOptions { Epsilon = 0 }, nameof(SatOptions.Epsilon) },
        { new SatOptions { Epsilon = double.PositiveInfinity }, nameof(SatOptions.Epsilon) },
        { new SatOptions { Iterations = 0 }, nameof(SatOptions.Iterations) },
        { new SatOptions { Norm = (PerturbationNorm)7 }, nameof(SatOptions.Norm) },
        { new SatOptions { Loss = (SatLoss)7 }, nameof(SatOptions.Loss) },
        { new SatOptions { StepSize = null! }, nameof(SatOptions.StepSize) },
    };

    [Theory]
    [MemberData(nameof(BadSat))]
    public void Bad_sat_options_name_the_field(SatOptions options, string field) =>
        Assert.Equal(field, Assert.ThrowsAny<ArgumentException>(() => new SatObjective(options)).ParamName);

    public static TheoryData<AmatOptions, string> BadAmat => new()
    {
        { new AmatOptions { Delta = 0 }, nameof(AmatOptions.Delta) },
        { new AmatOptions { Delta = -1 }, nameof(AmatOptions.Delta) },
        { new AmatOptions { Delta = 4, MaxMargin = 2 }, nameof(AmatOptions.MaxMargin) },
        { new AmatOptions { MaxMargin = double.PositiveInfinity }, nameof(AmatOptions.MaxMargin) },
        { new AmatOptions { Iterations = 0 }, nameof(AmatOptions.Iterations) },
        { new AmatOptions { StepFraction = 0 }, nameof(AmatOptions.StepFraction) },
        { new AmatOptions { DiceThreshold = 1.5 }, nameof(AmatOptions.DiceThreshold) },
        { new AmatOptions { DiceThreshold = double.NaN }, nameof(AmatOptions.DiceThreshold) },
        { new AmatOptions { Norm = (PerturbationNorm)9 }, nameof(AmatOptions.Norm) },
    };

    [Theory]
    [MemberData(nameof(BadAmat))]
    public void Bad_amat_options_name_the_field(AmatOptions options, string field) =>
        Assert.Equal(field, Assert.ThrowsAny<ArgumentException>(() => new AmatObjective(options)).ParamName);

    public static TheoryData<DistillationOptions, string> BadDistillation => new()
    {
        { new DistillationOptions { Temperature = 0.5 }, nameof(DistillationOptions.Temperature) },
        { new DistillationOptions { Temperature = double.NaN }, nameof(DistillationOptions.Temperature) },
        { new DistillationOptions { HardLabelWeight = 1 }, nameof(DistillationOptions.HardLabelWeight) },
        { new DistillationOptions { HardLabelWeight = -0.1 }, nameof(DistillationOptions.HardLabelWeight) },
    };

    [Theory]
    [MemberData(nameof(BadDistillation))]
    public void Bad_distillation_options_name_the_field(DistillationOptions options, string field) =>
        Assert.Equal(field, Assert.ThrowsAny<ArgumentException>(() => options.Validate()).ParamName);

    [Fact]
    public void A_temperature_below_one_is_refused_for_teacher_training() =>
        Assert.ThrowsAny<ArgumentException>(() => new TemperatureObjective(0.5));

    [Fact]
    public void Objective_records_list_each_differing_setting()
    {
        var a = new SatObjective(new SatOptions()).Record();
        var b = new SatObjective(new SatOptions { Epsilon = 4, Loss = SatLoss.Mixed }).Record();
        Assert.Empty(a.Differences(new SatObjective(new SatOptions()).Record()));
        Assert.Equal(["sat.Epsilon: 8 vs 4", "sat.Loss: \"AdversarialOnly\" vs \"Mixed\""], a.Differences(b));
        Assert.Equal(["objective: sat vs temperature"], a.Differences(new TemperatureObjective(20).Record()));
        var extra = new TrainingObjectiveRecord("sat", new JsonObject { ["Epsilon"] = 8 }, null);
        Assert.Contains("sat.Norm: \"Linf\" vs (absent)", a.Differences(extra));
    }
}
