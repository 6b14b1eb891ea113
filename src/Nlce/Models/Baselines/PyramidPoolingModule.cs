using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Nlce.Models.Baselines;

/// <summary>
/// Pyramid pooling module (Zhao et al., "Pyramid Scene Parsing Network", CVPR 2017), SLSDeep's decoder head: the feature
/// map is average-pooled to 1×1, 2×2, 3×3 and 6×6 grids, each reduced by a 1×1 convolution + batch norm + ReLU,
/// up-sampled bilinearly back, concatenated with the input and fused by a 3×3 convolution + batch norm + ReLU.
/// </summary>
/// <remarks>The 1×1 branch normalises one value per channel and image, so training batches need at least two images.</remarks>
internal sealed class PyramidPoolingModule : nn.Module<Tensor, Tensor>
{
    private static readonly long[] GridSizes = [1, 2, 3, 6];

    private readonly ModuleList<ConvBnRelu> stages;
    private readonly ConvBnRelu fuse;

    /// <param name="inChannels">Channels of the input feature map.</param>
    /// <param name="reducedChannels">Channels of each pooled branch and of the output.</param>
    public PyramidPoolingModule(long inChannels, long reducedChannels) : base(nameof(PyramidPoolingModule))
    {
        stages = new ModuleList<ConvBnRelu>(GridSizes
            .Select(_ => ConvBnRelu.Convolution(inChannels, reducedChannels, 1))
            .ToArray());
        fuse = ConvBnRelu.Convolution(inChannels + GridSizes.Length * reducedChannels, reducedChannels, 3);
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        long[] size = [input.shape[2], input.shape[3]];
        var branches = new List<Tensor>(GridSizes.Length + 1) { input };
        for (int i = 0; i < GridSizes.Length; i++)
        {
            var pooled = stages[i].call(nn.functional.adaptive_avg_pool2d(input, GridSizes[i]));
            branches.Add(nn.functional.interpolate(pooled, size, mode: InterpolationMode.Bilinear, align_corners: false));
        }
        return fuse.call(cat(branches, 1)).MoveToOuterDisposeScope();
    }
}
