using Nlce.Data;
using Nlce.Models;
using Nlce.Training;
using Nlce.Training.Checkpoints;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Nlce.Tests.Training;

public sealed class BackboneInitializerTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("nlce-backbone-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    /// <summary>A miniature torchvision ResNet trunk: conv1, bn1, layer1.0.conv1 — torchvision's key names.</summary>
    private static Sequential Trunk(int inputChannels, int width) => Sequential(
        ("conv1", Conv2d(inputChannels, width, 3, padding: 1, bias: false)),
        ("bn1", BatchNorm2d(width)),
        ("layer1", Sequential(("0", Sequential(("conv1", Conv2d(width, width, 3, padding: 1, bias: false)))))));

    /// <summary>A segmentation model keeping that trunk under <c>backbone.</c>, plus a head the file does not cover.</summary>
    private sealed class BackboneModel : SegmentationModel
    {
        private readonly Sequential backbone;
        private readonly Conv2d head;

        public BackboneModel(int inputChannels, int width = 4) : base(new ModelConfig("backbone-model", inputChannels, 2))
        {
            backbone = Trunk(inputChannels, width);
            head = Conv2d(width, 2, 1);
            RegisterComponents();
        }

        public override LossKind DefaultLoss => LossKind.CrossEntropy;

        public override Tensor forward(Tensor input) => head.call(backbone.call(input));
    }

    /// <summary>Writes an RGB trunk with distinctive values, as the export script would, minus <paramref name="drop"/>, plus <paramref name="extra"/>.</summary>
    private string WriteExport(int width = 4, string? drop = null, string? extra = null)
    {
        using var scope = NewDisposeScope();
        using var trunk = Trunk(3, width);
        var entries = trunk.state_dict()
            .Where(e => e.Key != drop)
            .Select((e, i) => (e.Key, e.Value.dtype == float32 ? full(e.Value.shape, 0.01f * (i + 1)) : e.Value))
            .ToList();
        if (extra is not null)
            entries.Add((extra, ones(1)));
        string path = Path.Combine(folder, "resnet.dat");
        TorchSharpFormatWriter.Write(path, entries);
        return path;
    }

    [Fact]
    public void Torchvision_names_are_found_under_the_models_backbone_prefix_and_copied()
    {
        string file = WriteExport();
        using var model = new BackboneModel(3);
        var headBefore = model.state_dict()["head.weight"].clone();
        var result = BackboneInitializer.Load(model, file);

        Assert.Equal("backbone.", result.Prefix);
        Assert.Equal(7, result.Tensors); // conv1.weight, bn1's weight, bias, running mean and variance, num_batches_tracked, layer1.0.conv1.weight
        Assert.Empty(result.AdaptedKeys);
        var state = model.state_dict();
        using (var scope = NewDisposeScope())
            foreach (var (key, value) in StateDictFile.Read(file))
                Assert.True(state["backbone." + key].equal(value).all().item<bool>(), key);
        Assert.True(state["head.weight"].equal(headBefore).all().item<bool>());
        headBefore.Dispose();
    }

    [Fact]
    public void A_grey_model_gets_the_rgb_stem_summed_over_its_channels()
    {
        string file = WriteExport();
        using var model = new BackboneModel(1);
        var result = BackboneInitializer.Load(model, file);
        Assert.Equal(["backbone.conv1.weight"], result.AdaptedKeys);
        using var scope = NewDisposeScope();
        var stem = model.state_dict()["backbone.conv1.weight"];
        Assert.Equal(new long[] { 4, 1, 3, 3 }, stem.shape);
        Assert.True(stem.allclose(full(4, 1, 3, 3, 0.03f)));
    }

    [Fact]
    public void Shape_mismatches_are_named_with_both_shapes()
    {
        string file = WriteExport(width: 4);
        using var model = new BackboneModel(3, width: 5);
        var e = Assert.Throws<DataFormatException>(() => BackboneInitializer.Load(model, file));
        Assert.Contains("'backbone.layer1.0.conv1.weight': file has shape [4, 4, 3, 3], model has [5, 5, 3, 3]", e.Message);
        Assert.Contains("resnet.dat", e.Message);
    }

    [Fact]
    public void A_file_key_the_model_lacks_or_a_backbone_key_the_file_lacks_is_an_error()
    {
        using var model = new BackboneModel(3);
        var e = Assert.Throws<DataFormatException>(() => BackboneInitializer.Load(model, WriteExport(extra: "layer2.0.conv1.weight")));
        Assert.Contains("'backbone.layer2.0.conv1.weight'", e.Message);

        e = Assert.Throws<DataFormatException>(() => BackboneInitializer.Load(model, WriteExport(drop: "bn1.running_var")));
        Assert.Contains("'backbone.bn1.running_var' is in the model but not in the file", e.Message);

        using var scope = NewDisposeScope();
        string alien = Path.Combine(folder, "alien.dat");
        TorchSharpFormatWriter.Write(alien, [("encoder.stem.weight", ones(1))]);
        Assert.Contains("matches no key", Assert.Throws<DataFormatException>(() => BackboneInitializer.Load(model, alien)).Message);
    }
}
