using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Nlce.Models.Backbones;

/// <summary>The projection shortcut of a residual block (He et al. 2016, option B): 1×1 convolution + batch norm.</summary>
internal static class ResidualShortcut
{
    /// <summary>The projection when the block changes channels or resolution; null (identity shortcut) otherwise.</summary>
    public static Sequential? Create(long inChannels, long outChannels, long stride)
    {
        if (inChannels == outChannels && stride == 1)
            return null;
        var projection = nn.Conv2d(inChannels, outChannels, 1, stride: stride, bias: false);
        HeInitialisation.Apply(projection);
        return nn.Sequential(projection, nn.BatchNorm2d(outChannels));
    }
}
