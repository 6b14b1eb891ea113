using Nlce.Models;
using static TorchSharp.torch;

namespace Nlce.Tests.Models;

public sealed class ModelSummaryTests
{
    [Fact]
    public void Counts_convolutions_and_linear_layers_as_computed_by_hand()
    {
        using var scope = NewDisposeScope();
        // 2×8×8 input. conv 3×3 (2→3, padding 1): 3·8·8 outputs × 2·9 = 3,456 multiply-adds, 2·3·9 + 3 = 57 parameters.
        // conv 1×1 stride 2 (3→4): 4·4·4 outputs × 3 = 192, 3·4 + 4 = 16 parameters.
        // linear 64→5: 5 × 64 = 320, 64·5 + 5 = 325 parameters.
        var net = nn.Sequential(
            nn.Conv2d(2, 3, 3, padding: 1), nn.ReLU(), nn.Conv2d(3, 4, 1, stride: 2), nn.Flatten(), nn.Linear(64, 5));
        net.train();
        var summary = ModelSummary.Measure(net, 2, 8, 8);
        Assert.Equal(3456 + 192 + 320, summary.MultiplyAdds);
        Assert.Equal(2 * (3456 + 192 + 320), summary.ForwardFlops);
        Assert.Equal(57 + 16 + 325, summary.Parameters);
        Assert.Equal(summary.Parameters, summary.TrainableParameters);
        Assert.True(net.training, "the training mode was not restored");
    }

    [Fact]
    public void Counts_transposed_and_grouped_convolutions_and_only_trainable_parameters()
    {
        using var scope = NewDisposeScope();
        // 4×4×4 input. grouped conv 3×3 (4→4, 2 groups, padding 1): 4·4·4 outputs × (4/2)·9 = 1,152.
        // transposed conv 2×2 stride 2 (4→2): 4·4·4 inputs × 2·4 = 512.
        var grouped = nn.Conv2d(4, 4, 3, padding: 1, groups: 2, bias: false);
        var net = nn.Sequential(grouped, nn.ConvTranspose2d(4, 2, 2, stride: 2));
        grouped.weight!.requires_grad = false;
        var summary = ModelSummary.Measure(net, 4, 4, 4);
        Assert.Equal(1152 + 512, summary.MultiplyAdds);
        Assert.Equal(4 * 2 * 9 + 4 * 2 * 4 + 2, summary.Parameters);
        Assert.Equal(4 * 2 * 4 + 2, summary.TrainableParameters);
    }

    [Theory]
    // NonLocalBlock(4) on 4×6×6: θ 36·2·4 = 288, φ and g 288 each, W_z 36·4·2 = 288, attention 2·36·36·2 = 5,184.
    [InlineData(false, 4 * 288 + 5184)]
    // Sub-sampled: φ and g on 3×3 (72 each), attention 2·36·9·2 = 1,296.
    [InlineData(true, 288 + 2 * 72 + 288 + 1296)]
    public void Includes_the_attention_matrix_products(bool subSample, long expected)
    {
        using var scope = NewDisposeScope();
        using var block = new NonLocalBlock(4, new NonLocalOptions(subSample));
        Assert.Equal(expected, ModelSummary.Measure(block, 4, 6, 6).MultiplyAdds);
    }

    [Fact]
    public void Nlce_modules_add_exactly_their_own_cost_to_nlcen()
    {
        using var scope = NewDisposeScope();
        using var full = ModelRegistry.Default.Create("nlcen-r18", 1, 2);
        using var plain = ModelRegistry.Default.Create("nlcen-r18-no-nlce", 1, 2);
        var nlcen = Assert.IsType<Nlcen>(full);
        var withModules = ModelSummary.Measure(full, 1, 64, 64);
        var without = ModelSummary.Measure(plain, 1, 64, 64);
        long modules = nlcen.NlceModules.Zip(nlcen.Levels)
            .Sum(pair => ModelSummary.Measure(pair.First, (int)pair.Second.Channels, 64 / pair.Second.Stride, 64 / pair.Second.Stride).MultiplyAdds);
        Assert.Equal(without.MultiplyAdds + modules, withModules.MultiplyAdds);
        Assert.Equal(full.parameters().Sum(p => p.numel()), withModules.Parameters);
        Assert.True(withModules.Parameters > without.Parameters);
    }

    [Fact]
    public void Rejects_sizes_below_one()
    {
        using var net = nn.Conv2d(1, 1, 1);
        Assert.Throws<ArgumentOutOfRangeException>(() => ModelSummary.Measure(net, 1, 0, 8));
    }
}
