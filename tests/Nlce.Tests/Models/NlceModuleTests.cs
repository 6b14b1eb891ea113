using Nlce.Models;
using static TorchSharp.torch;

namespace Nlce.Tests.Models;

public sealed class NlceModuleTests
{
    private static readonly string[] NonLocalKeys =
    [
        "non_local.theta.weight", "non_local.theta.bias", "non_local.phi.weight", "non_local.phi.bias",
        "non_local.g.weight", "non_local.g.bias", "non_local.w_z.weight", "non_local.w_z.bias",
        "non_local.w_z_bn.weight", "non_local.w_z_bn.bias", "non_local.w_z_bn.running_mean",
        "non_local.w_z_bn.running_var", "non_local.w_z_bn.num_batches_tracked",
    ];

    private static readonly string[] ContextEncodingKeys =
    [
        "context_encoding.projection.0.weight", "context_encoding.projection.1.weight", "context_encoding.projection.1.bias",
        "context_encoding.projection.1.running_mean", "context_encoding.projection.1.running_var",
        "context_encoding.projection.1.num_batches_tracked", "context_encoding.codewords", "context_encoding.smoothing",
        "context_encoding.codeword_bn.weight", "context_encoding.codeword_bn.bias", "context_encoding.codeword_bn.running_mean",
        "context_encoding.codeword_bn.running_var", "context_encoding.codeword_bn.num_batches_tracked",
        "context_encoding.w_gamma.weight", "context_encoding.w_gamma.bias",
    ];

    public static TheoryData<NlcenVariant, string[]> KeysByVariant => new()
    {
        { NlcenVariant.Full, [.. NonLocalKeys, .. ContextEncodingKeys] },
        { NlcenVariant.WithoutNonLocal, ContextEncodingKeys },
        { NlcenVariant.WithoutContextEncoding, NonLocalKeys },
    };

    [Theory]
    [MemberData(nameof(KeysByVariant))]
    public void Has_exactly_the_expected_state_dict_keys(NlcenVariant variant, string[] expected)
    {
        var options = NlcenOptions.For(Nlce.Models.Backbones.ResNetDepth.ResNet18, variant).Nlce!;
        using var module = new NlceModule(16, options);
        Assert.Equal(expected.Order(), module.state_dict().Keys.Order());
        Assert.Equal(options.NonLocal is not null, module.NonLocal is not null);
        Assert.Equal(options.ContextEncoding is not null, module.ContextEncoding is not null);
    }

    [Theory]
    [InlineData(NlcenVariant.Full)]
    [InlineData(NlcenVariant.WithoutNonLocal)]
    [InlineData(NlcenVariant.WithoutContextEncoding)]
    public void Trace_matches_forward_and_exposes_the_parts_that_are_on(NlcenVariant variant)
    {
        using var scope = NewDisposeScope();
        manual_seed(8);
        var options = NlcenOptions.For(Nlce.Models.Backbones.ResNetDepth.ResNet18, variant).Nlce!;
        var module = new NlceModule(8, options);
        module.eval();
        var x = randn(2, 8, 4, 4);
        var trace = module.Trace(x);
        TensorAssert.Close(module.call(x), trace.Output, 1e-6, "trace output");
        // The non-local block is the identity at initialisation, so F_z equals the input in every variant.
        TensorAssert.Close(x, trace.Enhanced, 1e-6, "F_z");
        Assert.Equal(options.ContextEncoding is not null, trace.Encoding is not null);
        if (trace.Encoding is not null)
        {
            Assert.Equal(new long[] { 2, 32, 4, 4 }, trace.Encoding.SoftAssignment.shape);
            TensorAssert.Close(x * trace.Encoding.Gamma.unsqueeze(-1).unsqueeze(-1), trace.Output, 1e-6, "F_z ⊗ γ");
        }
        else
            TensorAssert.Close(x, trace.Output, 1e-6, "output without context encoding");
    }

    [Fact]
    public void Factory_builds_modules_of_the_requested_width()
    {
        using var scope = NewDisposeScope();
        var factory = NlceModule.Factory(NlceOptions.Default);
        var module = Assert.IsType<NlceModule>(factory(12));
        Assert.Equal(12, module.Channels);
        Assert.Equal(new long[] { 1, 12, 4, 4 }, module.call(randn(1, 12, 4, 4)).shape);
    }

    [Fact]
    public void Rejects_options_with_both_parts_off()
    {
        var options = new NlceOptions(null, null);
        Assert.Throws<ArgumentException>(() => new NlceModule(8, options));
        Assert.Throws<ArgumentException>(() => NlceModule.Factory(options));
    }

    [Fact]
    public void Rejects_invalid_part_options_naming_the_field()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() =>
            new NlceModule(8, new NlceOptions(new NonLocalOptions(MaxAttentionElements: -1), null)));
        Assert.Equal("MaxAttentionElements", error.ParamName);
    }
}
