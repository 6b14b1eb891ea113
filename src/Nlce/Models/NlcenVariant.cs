namespace Nlce.Models;

/// <summary>The NLCEN variants of the ablation study (NLCEN paper, "Ablation Studies", Fig. 7).</summary>
public enum NlcenVariant
{
    /// <summary>NLCEN: NLCE modules with both parts on E2 … E5.</summary>
    Full,

    /// <summary>w/o NLCE: the FPN and refinement network without NLCE modules.</summary>
    WithoutNlce,

    /// <summary>w/o NL: NLCE modules without the non-local part (no global spatial dependencies).</summary>
    WithoutNonLocal,

    /// <summary>w/o CE: NLCE modules without the context-encoding part (no global context).</summary>
    WithoutContextEncoding,
}
