using static TorchSharp.torch;

namespace Nlce.Models.Baselines;

/// <summary>
/// Factories of the five baselines the NLCEN paper compares with (Comparison with the State of the Art) and of their
/// <c>+NLCE</c> variants (Generalization: "one NLCE module between the last downsampling layer and the first upsampling
/// layer", two for NWCN). Each takes the registry's configuration and, for the <c>+NLCE</c> variant, a factory of the
/// module for a given channel count (null for the plain baseline); options default to each paper's configuration.
/// </summary>
public static class BaselineFactory
{
    /// <summary>U-Net (Ronneberger et al. 2015); total stride 16 with the default options.</summary>
    public static UNet CreateUNet(ModelConfig config, Func<long, nn.Module<Tensor, Tensor>>? bottleneck, UNetOptions? options = null) =>
        new(config, options ?? new UNetOptions(), bottleneck);

    /// <summary>InvertedNet (Novikov et al. 2018); total stride 8 with the default options.</summary>
    public static InvertedNet CreateInvertedNet(ModelConfig config, Func<long, nn.Module<Tensor, Tensor>>? bottleneck, InvertedNetOptions? options = null) =>
        new(config, options ?? new InvertedNetOptions(), bottleneck);

    /// <summary>NWCN (Hwang and Park 2017), two sub-networks with the default options (one bottleneck module each); total stride 4.</summary>
    public static Nwcn CreateNwcn(ModelConfig config, Func<long, nn.Module<Tensor, Tensor>>? bottleneck, NwcnOptions? options = null) =>
        new(config, options ?? new NwcnOptions(), bottleneck);

    /// <summary>CDNN (Yuan et al. 2017); total stride 8 with the default options.</summary>
    public static Cdnn CreateCdnn(ModelConfig config, Func<long, nn.Module<Tensor, Tensor>>? bottleneck, CdnnOptions? options = null) =>
        new(config, options ?? new CdnnOptions(), bottleneck);

    /// <summary>SLSDeep (Sarker et al. 2018); total stride 8.</summary>
    public static SlsDeep CreateSlsDeep(ModelConfig config, Func<long, nn.Module<Tensor, Tensor>>? bottleneck, SlsDeepOptions? options = null) =>
        new(config, options ?? new SlsDeepOptions(), bottleneck);
}
