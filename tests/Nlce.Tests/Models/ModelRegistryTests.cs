using Nlce.Models;
using static TorchSharp.torch;

namespace Nlce.Tests.Models;

public sealed class ModelRegistryTests
{
    public static TheoryData<string> RegisteredNames => new(ModelRegistry.Default.Names);

    [Fact]
    public void Registers_nlcen_its_ablation_variants_and_every_baseline_with_and_without_nlce()
    {
        Assert.Equal(
        [
            "nlcen-r18", "nlcen-r50", "nlcen-r18-no-nlce", "nlcen-r18-no-nl", "nlcen-r18-no-ce",
            "unet", "unet+nlce", "invertednet", "invertednet+nlce", "nwcn", "nwcn+nlce", "cdnn", "cdnn+nlce", "slsdeep", "slsdeep+nlce",
        ], ModelRegistry.Default.Names);
        Assert.All(ModelRegistry.Default.Entries, entry => Assert.False(string.IsNullOrWhiteSpace(entry.Description)));
    }

    [Theory]
    [MemberData(nameof(RegisteredNames))]
    public void Every_model_segments_a_small_batch_at_input_resolution_and_passes_gradients_to_the_input(string name)
    {
        using var scope = NewDisposeScope();
        manual_seed(1);
        int channels = name.Contains("r50") ? 3 : 1;
        var model = ModelRegistry.Default.Create(name, channels, classes: 2);
        Assert.Equal(new ModelConfig(name, channels, 2), model.Config);
        model.train();

        var x = rand(2, channels, 64, 64, requires_grad: true);
        var outputs = model.ForwardTraining(x);
        Assert.Equal(new long[] { 2, 2, 64, 64 }, outputs.Logits.shape);
        Assert.All(outputs.Auxiliary, level => Assert.Equal(new long[] { 2, 2, 64, 64 }, level.shape));
        outputs.Logits.square().mean().backward();
        Assert.NotNull(x.grad);
        Assert.True(x.grad.abs().sum().item<float>() > 0, $"no gradient reached the input of {name}");

        model.eval();
        using var noGrad = no_grad();
        Assert.Equal(new long[] { 2, 2, 64, 64 }, model.call(rand(2, channels, 64, 64)).shape);
    }

    [Fact]
    public void Finds_names_case_insensitively_and_rebuilds_from_a_saved_config()
    {
        Assert.Equal("nlcen-r18-no-ce", ModelRegistry.Default.Find("  NLCEN-R18-No-CE ").Name);
        using var model = ModelRegistry.Default.Create(new ModelConfig("NLCEN-R18", 1, 2));
        Assert.Equal("nlcen-r18", model.Config.Name);
        Assert.IsType<Nlcen>(model);
    }

    [Theory]
    [InlineData("nlcen-r19", "Did you mean 'nlcen-r18'?")]
    [InlineData("nlcen-r18-no-nlc", "'nlcen-r18-no-nlce'")]
    [InlineData("unet-nlce", "Did you mean 'unet+nlce'?")]
    [InlineData("deeplab", "Registered models: nlcen-r18, nlcen-r50, nlcen-r18-no-nlce, nlcen-r18-no-nl, nlcen-r18-no-ce, unet, unet+nlce,")]
    public void Unknown_names_fail_with_a_suggestion_and_the_list(string name, string expected)
    {
        var error = Assert.Throws<ArgumentException>(() => ModelRegistry.Default.Find(name));
        Assert.Contains($"Unknown model '{name}'", error.Message);
        Assert.Contains(expected, error.Message);
        Assert.Contains("nlcen-r18-no-ce", error.Message);
        if (name == "deeplab")
            Assert.DoesNotContain("Did you mean", error.Message);
    }

    [Fact]
    public void With_returns_a_new_registry_and_rejects_duplicates_and_malformed_entries()
    {
        var stub = new ModelEntry("tiny", "test entry", config => ModelRegistry.Default.Create("nlcen-r18-no-nlce", config.InputChannels, config.Classes));
        var extended = ModelRegistry.Default.With(stub);
        Assert.Equal(16, extended.Entries.Count);
        Assert.Equal(15, ModelRegistry.Default.Entries.Count);
        Assert.Same(stub, extended.Find("tiny"));

        Assert.Contains("registered 2 times", Assert.Throws<ArgumentException>(() => extended.With(stub)).Message);
        Assert.Throws<ArgumentException>(() => ModelRegistry.Default.With(stub with { Name = "Tiny" }));
        Assert.Throws<ArgumentException>(() => ModelRegistry.Default.With(stub with { Description = " " }));
    }

    [Theory]
    [InlineData(0, 2, "InputChannels")]
    [InlineData(1, 1, "Classes")]
    public void Rejects_sizes_out_of_range(int inputChannels, int classes, string field)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => ModelRegistry.Default.Create("nlcen-r18", inputChannels, classes));
        Assert.Equal(field, error.ParamName);
    }
}
