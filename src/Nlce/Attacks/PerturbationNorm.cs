namespace Nlce.Attacks;

/// <summary>The norm that measures an attack's perturbation budget ε.</summary>
public enum PerturbationNorm
{
    /// <summary>‖δ‖∞ ≤ ε: no pixel changes by more than ε (FGSM family, NLCEN eq. 6, L∞ PGD).</summary>
    Linf,

    /// <summary>‖δ‖₂ ≤ ε per image (Madry et al.'s L2 PGD).</summary>
    L2,
}
