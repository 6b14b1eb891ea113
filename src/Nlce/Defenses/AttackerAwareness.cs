namespace Nlce.Defenses;

/// <summary>How an attack treats an input defense when it crafts its adversarial examples (the "evaluated honestly":
/// Athalye, Carlini and Wagner, ICML 2018, §4.1 and §4.3).</summary>
public enum AttackerAwareness
{
    /// <summary>Crafted on the bare model, then scored through the defense (the defense's own paper's protocol).</summary>
    Ignore,

    /// <summary>Crafted through the defense, its backward pass taken as the identity (BPDA).</summary>
    Bpda,

    /// <summary>Crafted through a randomised defense, each gradient averaged over several draws (EOT, each draw's backward the
    /// identity).</summary>
    Eot,
}
