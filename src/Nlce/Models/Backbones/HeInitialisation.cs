using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Nlce.Models.Backbones;

/// <summary>
/// torchvision's ResNet initialisation of convolutions: He-normal weights with fan-out and ReLU gain (He et al., "Delving
/// Deep into Rectifiers", ICCV 2015). Batch norms keep TorchSharp's defaults, weight 1 and bias 0, as torchvision's.
/// </summary>
internal static class HeInitialisation
{
    /// <summary>Re-draws the weights of <paramref name="convolutions"/> in place.</summary>
    public static void Apply(params Conv2d[] convolutions)
    {
        using var noGrad = no_grad();
        foreach (var conv in convolutions)
            nn.init.kaiming_normal_(conv.weight!, mode: nn.init.FanInOut.FanOut, nonlinearity: nn.init.NonlinearityType.ReLU);
    }
}
