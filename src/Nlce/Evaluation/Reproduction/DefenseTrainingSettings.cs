using Nlce.Attacks;
using Nlce.Training.Defenses;

namespace Nlce.Evaluation.Reproduction;

/// <summary>
/// The training-defense hyperparameters a <see cref="DefenseReproduction"/> uses at one <see cref="ReproductionProfile"/> (issue 5,
/// "Defenses"): SAT (Madry et al. 2018, the fixed-ε baseline of seed 004), AMAT (seed 004) and defensive distillation (seed 002).
/// The <c>paper</c> profile uses the options' own defaults (SAT: 10 PGD iterations, AMAT: the authors' 20); the reduced profiles
/// give the inner PGD fewer iterations, with steps scaled so the attack still reaches the edge of its ball, because every
/// adversarial-training batch costs one forward and backward pass per iteration. AMAT's τ is not set here: the reproduction takes it
/// from the undefended model (<see cref="AmatOptions.DiceThreshold"/>).
/// </summary>
/// <param name="Sat">Standard adversarial training.</param>
/// <param name="Amat">Adaptive-margin adversarial training, without τ.</param>
/// <param name="Distillation">Defensive distillation (teacher and student at T).</param>
public sealed record DefenseTrainingSettings(SatOptions Sat, AmatOptions Amat, DistillationOptions Distillation)
{
    /// <summary>The settings of <paramref name="profile"/>: smoke 2 inner PGD iterations, quick 5, paper the defaults.</summary>
    public static DefenseTrainingSettings For(ReproductionProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        int? iterations = profile.Name switch
        {
            "smoke" => 2,
            "quick" => 5,
            _ => null,
        };
        if (iterations is not int n)
            return new DefenseTrainingSettings(new SatOptions(), new AmatOptions(), new DistillationOptions()).Validate();
        // SAT: n steps of 2ε/n cover the ball's diameter from a random start; AMAT: the authors' total travel of 4·E_i, in n steps.
        var sat = new SatOptions { Iterations = n, StepSize = StepSize.Intensity(2 * SatOptions.DefaultEpsilon / n) };
        var amat = new AmatOptions { Iterations = n, StepFraction = 4.0 / n };
        return new DefenseTrainingSettings(sat, amat, new DistillationOptions()).Validate();
    }

    /// <summary>Validates every part; returns this record.</summary>
    /// <exception cref="ArgumentException">A part is missing or out of range.</exception>
    public DefenseTrainingSettings Validate()
    {
        ArgumentNullException.ThrowIfNull(Sat, nameof(Sat));
        ArgumentNullException.ThrowIfNull(Amat, nameof(Amat));
        ArgumentNullException.ThrowIfNull(Distillation, nameof(Distillation));
        Sat.Validate();
        Amat.Validate();
        Distillation.Validate();
        return this;
    }
}
