namespace Nlce.Models.Backbones;

/// <summary>One feature map that an <see cref="IFeatureEncoder"/> returns.</summary>
/// <param name="Name">The stage's name in the ResNet paper's table (He et al. 2016, Table 1): conv2 … conv5.</param>
/// <param name="Channels">Channels of the feature map.</param>
/// <param name="Stride">Input pixels per feature-map pixel along each axis (4, 8, 16, 32).</param>
public sealed record FeatureLevel(string Name, long Channels, int Stride);
