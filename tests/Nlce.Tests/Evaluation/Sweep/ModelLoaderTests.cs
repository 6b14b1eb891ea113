using Nlce.Data;
using Nlce.Evaluation.Sweep;
using Nlce.Models;
using Nlce.Tests.Attacks;
using TorchSharp;
using static TorchSharp.torch;

namespace Nlce.Tests.Evaluation.Sweep;

public sealed class ModelLoaderTests : IDisposable
{
    private static readonly ModelRegistry Registry = ModelRegistry.Default.With(
        new ModelEntry("tiny-segmenter", "test network", config => TinySegmenter.Create(seed: 0, config.InputChannels, config.Classes)));

    private readonly TemporaryFolder folder = new();

    [Fact]
    public void A_weights_file_loads_into_the_registered_architecture_in_eval_mode()
    {
        using var trained = TinySegmenter.Create(seed: 5);
        string weights = folder.File("tiny.bin");
        trained.save(weights);

        using var loaded = new ModelLoader(Registry).Load(new ModelReference("tiny-segmenter", weights), 1, 2, CPU);
        Assert.False(loaded.training);
        using var input = rand(2, 1, 16, 16);
        trained.eval();
        using var noGrad = no_grad();
        using var expected = trained.call(input);
        using var actual = loaded.call(input);
        Assert.True(expected.allclose(actual), "the loaded model computes what the saved one did");
    }

    [Fact]
    public void Weights_of_another_shape_are_a_data_error_naming_the_file()
    {
        using var rgb = TinySegmenter.Create(seed: 5, inputChannels: 3);
        string weights = folder.File("rgb.bin");
        rgb.save(weights);
        var error = Assert.Throws<DataFormatException>(() => new ModelLoader(Registry).Load(new ModelReference("tiny-segmenter", weights), 1, 2, CPU));
        Assert.Equal((weights, "weights"), (error.Path, error.Field));

        string garbage = folder.Write("garbage.bin", [1, 2, 3]);
        Assert.Equal(garbage, Assert.Throws<DataFormatException>(() => new ModelLoader(Registry).Load(new ModelReference("tiny-segmenter", garbage), 1, 2, CPU)).Path);
    }

    [Fact]
    public void Missing_sources_and_unknown_architectures_fail_with_names()
    {
        string absent = folder.Combine("absent.bin");
        Assert.Equal(absent, Assert.Throws<DataFormatException>(() => new ModelLoader(Registry).Load(new ModelReference("tiny-segmenter", absent), 1, 2, CPU)).Path);
        string weights = folder.Write("w.bin", [0]);
        Assert.Contains("Unknown model 'unett'", Assert.Throws<ArgumentException>(() => new ModelLoader(Registry).Load(new ModelReference("unett", weights), 1, 2, CPU)).Message);
    }

    [Fact]
    public void Folders_go_to_the_checkpoint_loader_when_there_is_one()
    {
        string checkpoint = Directory.CreateDirectory(folder.Combine("ckpt")).FullName;
        Assert.Contains("is a folder (a checkpoint)", Assert.Throws<ArgumentException>(() =>
            new ModelLoader(Registry).Load(new ModelReference("m", checkpoint), 1, 2, CPU)).Message);

        var asked = new List<string>();
        var loader = new ModelLoader(Registry, path => { asked.Add(path); return TinySegmenter.Create(seed: 1); });
        using var model = loader.Load(new ModelReference("m", checkpoint), 1, 2, CPU);
        Assert.Equal([checkpoint], asked);
        Assert.False(model.training);
        Assert.Contains("3 channel(s)", Assert.Throws<ArgumentException>(() => loader.Load(new ModelReference("m", checkpoint), 3, 2, CPU)).Message);
    }

    public void Dispose() => folder.Dispose();
}
