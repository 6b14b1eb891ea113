using Nlce.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Nlce.Tests.Models;

public sealed class NonLocalBlockTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Is_the_identity_at_initialisation(bool subSample)
    {
        using var scope = NewDisposeScope();
        manual_seed(1);
        var block = new NonLocalBlock(6, new NonLocalOptions(SubSample: subSample));
        var x = randn(2, 6, 5, 7);
        block.train();
        TensorAssert.BitIdentical(x, block.call(x), "training-mode output");
        block.eval();
        TensorAssert.BitIdentical(x, block.call(x), "evaluation-mode output");
    }

    [Fact]
    public void Has_exactly_the_expected_state_dict_keys()
    {
        using var block = new NonLocalBlock(8, new NonLocalOptions());
        string[] expected =
        [
            "theta.weight", "theta.bias", "phi.weight", "phi.bias", "g.weight", "g.bias", "w_z.weight", "w_z.bias",
            "w_z_bn.weight", "w_z_bn.bias", "w_z_bn.running_mean", "w_z_bn.running_var", "w_z_bn.num_batches_tracked",
        ];
        var stateDict = block.state_dict();
        Assert.Equal(expected.Order(), stateDict.Keys.Order());
        Assert.Equal(new long[] { 4, 8, 1, 1 }, stateDict["theta.weight"].shape);
        Assert.Equal(new long[] { 8, 4, 1, 1 }, stateDict["w_z.weight"].shape);
    }

    // Budgets for a batch of 3 images with 5×6 = 30 positions (9 keys when sub-sampled): whole batch (plain autograd),
    // two images per chunk, one image, blocks of rows, single rows.
    public static TheoryData<bool, long> Budgets => new()
    {
        { false, 1_000_000 }, { false, 1800 }, { false, 900 }, { false, 100 }, { false, 7 },
        { true, 1_000_000 }, { true, 540 }, { true, 100 }, { true, 5 },
    };

    [Theory]
    [MemberData(nameof(Budgets))]
    public void Chunked_attention_equals_the_unchunked_computation_in_value_and_gradient(bool subSample, long budget)
    {
        using var scope = NewDisposeScope();
        manual_seed(11);
        // Float64, so that the comparison can be tight: in float32 the gradients that batch norm cancels (the biases
        // before it) are pure rounding noise of the large intermediate values.
        var reference = new NonLocalBlock(4, new NonLocalOptions(subSample, MaxAttentionElements: long.MaxValue)).to(float64);
        var chunked = new NonLocalBlock(4, new NonLocalOptions(subSample, MaxAttentionElements: budget)).to(float64);
        using (no_grad())
        {
            // Make the attention branch matter (a zero BN weight would hide it), then share all weights.
            reference.state_dict()["w_z_bn.weight"].copy_(randn(4));
            foreach (var (name, p) in reference.named_parameters())
                p.copy_(randn_like(p));
        }
        chunked.load_state_dict(reference.state_dict());

        var input = randn(3, 4, 5, 6, float64);
        var upstream = randn(3, 4, 5, 6, float64);
        var x1 = input.clone().requires_grad_();
        var x2 = input.clone().requires_grad_();
        var y1 = reference.call(x1);
        var y2 = chunked.call(x2);
        TensorAssert.Close(y1, y2, 1e-12, "output");

        (y1 * upstream).sum().backward();
        (y2 * upstream).sum().backward();
        TensorAssert.Close(x1.grad!, x2.grad!, 1e-12, "input gradient");
        var chunkedParameters = chunked.named_parameters().ToDictionary(e => e.name, e => e.parameter);
        foreach (var (name, p) in reference.named_parameters())
            TensorAssert.Close(p.grad!, chunkedParameters[name].grad!, 1e-12, $"gradient of {name}");
    }

    [Fact]
    public void Chunked_attention_runs_without_gradients_too()
    {
        using var scope = NewDisposeScope();
        manual_seed(2);
        var block = new NonLocalBlock(4, new NonLocalOptions(MaxAttentionElements: 10));
        using var noGrad = no_grad();
        var y = block.call(randn(2, 4, 4, 4));
        Assert.Equal(new long[] { 2, 4, 4, 4 }, y.shape);
        Assert.False(y.requires_grad);
    }

    [Theory]
    [InlineData(false, 5, 6, 5, 6)]
    [InlineData(true, 5, 6, 3, 3)]
    [InlineData(true, 1, 4, 1, 4)]   // thinner than the 2×2 window: not sub-sampled
    public void Attention_of_a_pixel_is_one_softmax_row_over_the_key_grid(bool subSample, int height, int width, long keyHeight, long keyWidth)
    {
        using var scope = NewDisposeScope();
        manual_seed(5);
        var block = new NonLocalBlock(4, new NonLocalOptions(subSample));
        var x = randn(2, 4, height, width);
        var row = block.AttentionOf(x, image: 1, row: height - 1, column: 2);
        Assert.Equal(keyHeight, row.KeyHeight);
        Assert.Equal(keyWidth, row.KeyWidth);
        Assert.Equal(new[] { keyHeight * keyWidth }, row.Weights.shape);
        Assert.Equal(1.0, row.Weights.sum().item<float>(), 5);

        // By hand: θ at the pixel, φ at every (pooled) position, softmax of the dot products.
        var sd = block.state_dict();
        var image = x.narrow(0, 1, 1);
        var theta = nn.functional.conv2d(image, sd["theta.weight"], sd["theta.bias"])[0, TensorIndex.Colon, height - 1, 2];
        var keys = subSample && height >= 2 ? nn.functional.max_pool2d(image, 2, 2, ceil_mode: true) : image;
        var phi = nn.functional.conv2d(keys, sd["phi.weight"], sd["phi.bias"])[0].flatten(1);
        Assert.True(row.Weights.allclose(theta.matmul(phi).softmax(0), atol: 1e-6));
    }

    [Theory]
    [InlineData(false, 2 * 36 * 36 * 2)]
    [InlineData(true, 2 * 36 * 9 * 2)]
    public void Reports_the_attention_multiply_adds(bool subSample, long expected)
    {
        using var block = new NonLocalBlock(4, new NonLocalOptions(subSample));
        Assert.Equal(expected, block.OwnMultiplyAdds([1, 4, 6, 6]));
        Assert.Equal(3 * expected, block.OwnMultiplyAdds([3, 4, 6, 6]));
    }

    [Fact]
    public void Rejects_bad_arguments()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new NonLocalBlock(0, new NonLocalOptions()));
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new NonLocalBlock(4, new NonLocalOptions(MaxAttentionElements: 0)));
        Assert.Equal("MaxAttentionElements", error.ParamName);

        using var scope = NewDisposeScope();
        using var block = new NonLocalBlock(4, new NonLocalOptions());
        var wrongChannels = Assert.Throws<ArgumentException>(() => block.call(zeros(1, 3, 4, 4)));
        Assert.Contains("[B, 4, H, W]", wrongChannels.Message);
        Assert.Contains("[1, 3, 4, 4]", wrongChannels.Message);
        Assert.Throws<ArgumentException>(() => block.call(zeros(4, 4, 4)));
        Assert.Throws<ArgumentOutOfRangeException>(() => block.AttentionOf(zeros(1, 4, 4, 4), 1, 0, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => block.AttentionOf(zeros(1, 4, 4, 4), 0, 4, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => block.AttentionOf(zeros(1, 4, 4, 4), 0, 0, -1));
    }
}
