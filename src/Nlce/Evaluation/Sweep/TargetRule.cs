namespace Nlce.Evaluation.Sweep;

/// <summary>
/// Where a sweep takes the target label maps of a targeted attack from. Every rule depends only on the image and on the
/// sweep's image set, never on how images are grouped into batches, so batching, batch halving and resumption leave the
/// targets unchanged.
/// </summary>
public enum TargetRule
{
    /// <summary>No targets: untargeted attacks, and targeted I-FGSM, which derives its own target (the inverse ground truth,
    /// NLCEN eq. 6).</summary>
    None,

    /// <summary>An all-background map (class 0 everywhere): the attack tries to erase the structure. One of the target choices
    /// seed 002 (Liu et al., arXiv:1908.00656) gives for ti-FGSM, whose paper leaves the choice open.</summary>
    AllBackground,

    /// <summary>The ground truth of the next image of the sweep's image set, the last image taking the first's (ASMA, Ozbulak et
    /// al., MICCAI 2019: an image is attacked towards another image's mask). Needs at least two images.</summary>
    NextImageMask,
}
