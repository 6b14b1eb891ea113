using System.Text.Json;
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

    // Every registered model, built narrow so that the table runs in seconds; the paper widths are covered by the
    // parameter counts below and by each model's own tests.
    private const double NarrowWidth = 0.125;

    [Theory]
    [MemberData(nameof(RegisteredNames))]
    public void Every_model_segments_a_small_batch_at_input_resolution_and_passes_gradients_to_the_input(string name)
    {
        using var scope = NewDisposeScope();
        manual_seed(1);
        int channels = name.Contains("r50") ? 3 : 1;
        var model = ModelRegistry.Default.Create(name, channels, classes: 2, width: NarrowWidth);
        Assert.Equal(new ModelConfig(name, channels, 2, NarrowWidth), model.Config);
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

    // Parameter counts at the paper widths (width 1), computed from the registry before the width multiplier existed:
    // width 1 must build exactly those networks. One input channel (three for ResNet-50), two classes.
    public static TheoryData<string, int, long> PaperWidthParameters => new()
    {
        { "nlcen-r18", 1, 13_154_474 },
        { "nlcen-r50", 3, 47_092_554 },
        { "nlcen-r18-no-nlce", 1, 11_723_530 },
        { "nlcen-r18-no-nl", 1, 12_453_834 },
        { "nlcen-r18-no-ce", 1, 12_424_170 },
        { "unet", 1, 31_030_658 },
        { "unet+nlce", 1, 34_199_522 },
        { "invertednet", 1, 3_885_058 },
        { "invertednet+nlce", 1, 3_890_514 },
        { "nwcn", 1, 408_580 },
        { "nwcn+nlce", 1, 446_596 },
        { "cdnn", 1, 1_733_154 },
        { "cdnn+nlce", 1, 2_005_506 },
        { "slsdeep", 1, 47_165_890 },
        { "slsdeep+nlce", 1, 57_680_418 },
    };

    [Fact]
    public void The_parameter_table_covers_every_registered_model()
    {
        Assert.Equal(ModelRegistry.Default.Names, PaperWidthParameters.Select(row => (string)row[0]));
    }

    [Theory]
    [MemberData(nameof(PaperWidthParameters))]
    public void Width_one_builds_the_paper_networks_and_half_width_the_same_layers_with_about_a_quarter_of_the_parameters(
        string name, int channels, long paperParameters)
    {
        using var scope = NewDisposeScope();
        using var full = ModelRegistry.Default.Create(name, channels, classes: 2);
        using var half = ModelRegistry.Default.Create(name, channels, classes: 2, width: 0.5);
        Assert.Equal(ChannelWidth.Full, full.Config.Width);
        Assert.Equal(paperParameters, ParameterCount(full));

        // Channels halve, so weights shrink by about 4 (less in the first and last layers, whose image and class sides stay).
        Assert.Equal(full.state_dict().Keys, half.state_dict().Keys);
        double ratio = (double)ParameterCount(half) / paperParameters;
        Assert.InRange(ratio, 0.15, 0.40);
    }

    [Fact]
    public void Every_halving_of_the_width_leaves_nlcen_about_a_quarter_of_its_parameters()
    {
        using var scope = NewDisposeScope();
        long[] counts = [.. new[] { 1.0, 0.5, 0.25, 0.125 }.Select(width =>
        {
            using var model = ModelRegistry.Default.Create("nlcen-r18", 1, 2, width);
            return ParameterCount(model);
        })];
        Assert.All(counts.Zip(counts.Skip(1)), pair => Assert.InRange((double)pair.Second / pair.First, 0.15, 0.40));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-0.5)]
    [InlineData(4.01)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Rejects_widths_outside_zero_to_four_naming_the_width(double width)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => ModelRegistry.Default.Create("nlcen-r18", 1, 2, width));
        Assert.Equal(nameof(ModelConfig.Width), error.ParamName);
        Assert.Contains("Width must be in (0, 4]", error.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new ModelConfig("unet", 1, 2, width).Validate());
    }

    [Fact]
    public void A_saved_config_keeps_its_width_and_an_old_one_without_a_width_means_the_paper_widths()
    {
        using var scope = NewDisposeScope();
        var saved = new ModelConfig("cdnn+nlce", 1, 2, 0.25);
        var restored = JsonSerializer.Deserialize<ModelConfig>(JsonSerializer.Serialize(saved));
        Assert.Equal(saved, restored);

        using var original = ModelRegistry.Default.Create(saved);
        using var rebuilt = ModelRegistry.Default.Create(restored!);
        Assert.Equal(0.25, rebuilt.Config.Width);
        Assert.Equal(Shapes(original), Shapes(rebuilt));
        Assert.InRange(ParameterCount(rebuilt), 1, 2_005_506 / 8);   // narrow: cdnn+nlce has 2,005,506 at width 1

        var old = JsonSerializer.Deserialize<ModelConfig>("""{"Name":"cdnn","InputChannels":1,"Classes":2}""");
        Assert.Equal(new ModelConfig("cdnn", 1, 2), old);
        Assert.Equal(ChannelWidth.Full, old!.Width);
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

    private static long ParameterCount(nn.Module model) => model.parameters().Sum(p => p.numel());

    private static string[] Shapes(nn.Module model) =>
        [.. model.state_dict().Select(entry => $"{entry.Key}: [{string.Join(", ", entry.Value.shape)}]")];
}
