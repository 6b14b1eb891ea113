namespace Nlce.Evaluation.Sweep;

/// <summary>One attacked image of an <see cref="AttackSummary"/>: DIC/JSC (eq. 7–8) clean and attacked, and the perturbation it got.</summary>
/// <param name="Name">Sample name.</param>
/// <param name="CleanDice">DIC of the prediction on the clean image.</param>
/// <param name="AdversarialDice">DIC of the prediction on the adversarial image.</param>
/// <param name="CleanJaccard">JSC on the clean image.</param>
/// <param name="AdversarialJaccard">JSC on the adversarial image.</param>
/// <param name="Linf">Measured ‖δ‖∞, intensity units (0–255 scale).</param>
/// <param name="L2">Measured ‖δ‖₂, intensity units.</param>
/// <param name="Iterations">Gradient iterations the attack spent on the image.</param>
/// <param name="Files">The PNG files written for the image, by role (image, adversarial, perturbation, prediction-clean, prediction-adversarial).</param>
public sealed record AttackedImage(string Name, double CleanDice, double AdversarialDice, double CleanJaccard, double AdversarialJaccard,
    double Linf, double L2, int Iterations, IReadOnlyDictionary<string, string> Files);

/// <summary>What <c>nlce attack</c> did, as written to <c>summary.json</c>.</summary>
/// <param name="Model">The model's name.</param>
/// <param name="Attack">The attack's registry name.</param>
/// <param name="AttackSettings">The configured attack as it describes itself.</param>
/// <param name="Epsilon">ε, intensity units, in the attack's norm.</param>
/// <param name="Norm">The norm of ε (Linf or L2).</param>
/// <param name="Seed">Seed of the attack's random choices.</param>
/// <param name="Images">Where the images came from.</param>
/// <param name="Results">Per-image results, in dataset order.</param>
public sealed record AttackSummary(string Model, string Attack, string AttackSettings, double Epsilon, string Norm, int Seed, string Images,
    IReadOnlyList<AttackedImage> Results)
{
    /// <summary>Mean clean DIC.</summary>
    public double MeanCleanDice => Results.Average(r => r.CleanDice);

    /// <summary>Mean adversarial DIC.</summary>
    public double MeanAdversarialDice => Results.Average(r => r.AdversarialDice);

    /// <summary>Mean clean JSC.</summary>
    public double MeanCleanJaccard => Results.Average(r => r.CleanJaccard);

    /// <summary>Mean adversarial JSC.</summary>
    public double MeanAdversarialJaccard => Results.Average(r => r.AdversarialJaccard);
}
