namespace Nlce.Models.Backbones;

/// <summary>The ResNet variants NLCEN uses (paper, "Comparison with the State of the Art").</summary>
public enum ResNetDepth
{
    /// <summary>ResNet-18, basic blocks [2, 2, 2, 2]; the paper's backbone for JSRT (lungs).</summary>
    ResNet18 = 18,

    /// <summary>ResNet-50, bottleneck blocks [3, 4, 6, 3]; the paper's backbone for ISBI 2016 (skin lesions).</summary>
    ResNet50 = 50,
}
