using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Nlce.Models.Baselines;

/// <summary>
/// He-normal initialisation (He et al., "Delving Deep into Rectifiers", ICCV 2015) of every convolution and transposed
/// convolution below a module, with zero biases; batch norms keep weight 1 and bias 0. U-Net's paper prescribes it
/// (std √(2/N), N = k²·C_in: fan-in), torchvision's ResNet uses the fan-out variant.
/// </summary>
internal static class WeightInitialization
{
    /// <summary>Re-draws, in place, the weights of all convolutions in the module trees of <paramref name="roots"/>.</summary>
    public static void HeNormal(nn.init.FanInOut mode, params nn.Module[] roots)
    {
        using var noGrad = no_grad();
        foreach (var module in roots.SelectMany(root => root.modules().Prepend(root)))
        {
            if (module is not Convolution conv)
                continue;
            nn.init.kaiming_normal_(conv.weight!, mode: mode, nonlinearity: nn.init.NonlinearityType.ReLU);
            conv.bias?.zero_();
        }
    }
}
