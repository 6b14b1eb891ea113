using Nlce.Charts;

namespace Nlce.Workbench;

/// <summary>
/// One test image attacked on one model: the images and predictions of a Fig. 1 / Fig. 6 row (<see cref="Example"/>) and
/// the numbers behind them (NLCEN paper: DIC eq. 7, JSC eq. 8; ε in 0–255 intensity units).
/// </summary>
/// <param name="Example">Clean and adversarial input, the predictions on both, and the ground truth.</param>
/// <param name="Attack">The attack's display name.</param>
/// <param name="Epsilon">The budget ε, intensity units.</param>
/// <param name="Iterations">Gradient iterations the attack spent.</param>
/// <param name="LinfIntensity">Measured ‖x_adv − x‖∞, intensity units (≤ ε).</param>
/// <param name="CleanDice">DIC of the prediction on the clean image.</param>
/// <param name="AdversarialDice">DIC of the prediction on the adversarial image.</param>
/// <param name="CleanJaccard">JSC of the prediction on the clean image.</param>
/// <param name="AdversarialJaccard">JSC of the prediction on the adversarial image.</param>
public sealed record AttackedImage(QualitativeExample Example, string Attack, double Epsilon, int Iterations, double LinfIntensity,
    double CleanDice, double AdversarialDice, double CleanJaccard, double AdversarialJaccard)
{
    /// <summary>The model's registry name.</summary>
    public string Model => Example.Model;

    /// <summary>How much DIC the attack took away (clean − adversarial; negative if the attack helped).</summary>
    public double DiceDrop => CleanDice - AdversarialDice;
}
