using Nlce.Models;
using Nlce.Models.Backbones;
using Nlce.Training.Losses;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Nlce.Tests.Models;

public sealed class NlcenTests
{
    private static Nlcen Build(NlcenVariant variant, int classes = 2) =>
        new(new ModelConfig("nlcen-test", 1, classes), NlcenOptions.For(ResNetDepth.ResNet18, variant));

    [Fact]
    public void Training_forward_returns_the_refined_prediction_and_the_four_level_predictions()
    {
        using var scope = NewDisposeScope();
        manual_seed(1);
        var model = Build(NlcenVariant.Full, classes: 3);
        model.eval();
        var x = rand(2, 1, 64, 96);
        var outputs = model.ForwardTraining(x);
        Assert.Equal(new long[] { 2, 3, 64, 96 }, outputs.Logits.shape);
        Assert.Equal(4, outputs.Auxiliary.Count);
        Assert.All(outputs.Auxiliary, level => Assert.Equal(new long[] { 2, 3, 64, 96 }, level.shape));
        TensorAssert.Close(outputs.Logits, model.call(x), 1e-6, "forward vs. training forward");
        Assert.Equal(LossKind.DeepSupervision, model.DefaultLoss);
        Assert.Equal(4, model.NlceModules.Count);
        Assert.Equal([64L, 128, 256, 512], model.NlceModules.Select(m => m.Channels));
    }

    [Fact]
    public void Backbone_features_are_the_inputs_of_the_nlce_modules()
    {
        using var scope = NewDisposeScope();
        manual_seed(2);
        var model = Build(NlcenVariant.Full);
        model.eval();
        var features = model.BackboneFeatures(rand(1, 1, 64, 64));
        Assert.Equal(model.Levels.Select(l => l.Channels), features.Select(f => f.shape[1]));
        var attention = model.NlceModules[0].NonLocal!.AttentionOf(features[0], 0, 3, 4);
        Assert.Equal(16 * 16, attention.Weights.shape[0]);
    }

    [Fact]
    public void Ablation_variants_differ_from_the_full_model_only_in_nlce_keys()
    {
        using var full = Build(NlcenVariant.Full);
        using var withoutNlce = Build(NlcenVariant.WithoutNlce);
        using var withoutNonLocal = Build(NlcenVariant.WithoutNonLocal);
        using var withoutEncoding = Build(NlcenVariant.WithoutContextEncoding);
        var fullKeys = full.state_dict().Keys.ToHashSet();
        var shared = withoutNlce.state_dict().Keys.ToHashSet();

        Assert.DoesNotContain(shared, Nlcen.IsNlceKey);
        Assert.Equal(shared.Order(), fullKeys.Where(k => !Nlcen.IsNlceKey(k)).Order());
        Assert.Equal(4 * (13 + 15), fullKeys.Count(Nlcen.IsNlceKey));
        Assert.Equal(4 * 15, withoutNonLocal.state_dict().Keys.Count(Nlcen.IsNlceKey));
        Assert.Equal(4 * 13, withoutEncoding.state_dict().Keys.Count(Nlcen.IsNlceKey));
        Assert.Empty(withoutNlce.NlceModules);

        // The head and pyramid layout the doc comment promises.
        Assert.Contains("nlce.3.context_encoding.codewords", fullKeys);
        foreach (var key in new[] { "fpn_top.weight", "fpn_lateral.2.weight", "heads.3.weight", "refine.0.0.conv1.weight",
                                    "refine.2.2.conv3.weight", "refine_head.weight", "encoder.layer4.1.bn2.weight" })
            Assert.Contains(key, shared);
        Assert.DoesNotContain("refine.0.1.conv1.weight", shared);   // P3 has exactly one bottleneck
        Assert.DoesNotContain("refine.2.3.conv1.weight", shared);   // P5 has exactly three
    }

    [Fact]
    public void Frozen_shared_layers_stay_bit_identical_after_an_adam_step_while_nlce_trains()
    {
        using var scope = NewDisposeScope();
        manual_seed(3);
        var pretrained = Build(NlcenVariant.WithoutNlce);
        var model = Build(NlcenVariant.Full);
        model.LoadSharedWeights(pretrained);
        foreach (var (key, value) in pretrained.state_dict())
            TensorAssert.BitIdentical(value, model.state_dict()[key], $"copied {key}");

        model.FreezeSharedLayers();
        model.train();
        Assert.True(model.SharedLayersFrozen);
        var before = model.state_dict().ToDictionary(e => e.Key, e => e.Value.clone());
        var adam = optim.Adam(model.parameters(), lr: 0.01, weight_decay: 1e-4);
        var x = rand(2, 1, 64, 64);
        var target = randint(0, 2, [2, 64, 64]);
        adam.zero_grad();
        new DeepSupervisionLoss().Compute(model.ForwardTraining(x), target).backward();
        adam.step();

        var after = model.state_dict();
        foreach (var (key, value) in before.Where(e => !Nlcen.IsNlceKey(e.Key)))
            TensorAssert.BitIdentical(value, after[key], $"frozen {key}");
        Assert.Contains(before.Where(e => Nlcen.IsNlceKey(e.Key) && e.Value.is_floating_point()),
            e => !e.Value.eq(after[e.Key]).all().item<bool>());
        Assert.All(model.named_parameters(), e => Assert.Equal(Nlcen.IsNlceKey(e.name), e.parameter.requires_grad));
    }

    [Fact]
    public void A_training_step_inside_a_dispose_scope_leaves_no_live_tensors_behind()
    {
        manual_seed(9);
        // A small attention budget sends E2 (8×8 positions at 32×32 input) through the chunked, recomputing path too.
        var nlce = NlceOptions.Default with { NonLocal = new NonLocalOptions(MaxAttentionElements: 1024) };
        using var model = new Nlcen(new ModelConfig("nlcen-test", 1, 2), new NlcenOptions(ResNetDepth.ResNet18, nlce));
        model.train();
        var loss = new DeepSupervisionLoss();
        long before = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        using (var scope = NewDisposeScope())
            loss.Compute(model.ForwardTraining(rand(2, 1, 32, 32)), randint(0, 2, [2, 32, 32])).backward();
        Assert.Equal(before, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
    }

    [Fact]
    public void Freezing_keeps_shared_batch_norms_in_evaluation_mode_until_unfrozen()
    {
        using var model = Build(NlcenVariant.WithoutContextEncoding);
        model.FreezeSharedLayers();
        model.train();
        var norms = model.named_modules().Where(e => e.module is BatchNorm).ToArray();
        Assert.All(norms, e => Assert.Equal(Nlcen.IsNlceKey(e.name), e.module.training));

        model.UnfreezeSharedLayers();
        Assert.False(model.SharedLayersFrozen);
        Assert.All(norms, e => Assert.True(e.module.training, e.name));
        Assert.All(model.parameters(), p => Assert.True(p.requires_grad));
    }

    [Fact]
    public void Freezing_a_model_without_nlce_is_refused()
    {
        using var model = Build(NlcenVariant.WithoutNlce);
        Assert.Throws<InvalidOperationException>(model.FreezeSharedLayers);
    }

    [Fact]
    public void Loading_shared_weights_rejects_missing_foreign_and_misshapen_entries()
    {
        using var scope = NewDisposeScope();
        using var model = Build(NlcenVariant.Full);
        using var pretrained = Build(NlcenVariant.WithoutNlce);

        var missing = pretrained.state_dict();
        missing.Remove("heads.2.bias");
        Assert.Contains("missing [heads.2.bias]", Assert.Throws<ArgumentException>(() => model.LoadSharedWeights(missing)).Message);

        var foreign = pretrained.state_dict();
        foreign["nlce.0.context_encoding.codewords"] = zeros(32, 64);
        Assert.Contains("not shared [nlce.0.context_encoding.codewords]", Assert.Throws<ArgumentException>(() => model.LoadSharedWeights(foreign)).Message);

        using var threeClasses = Build(NlcenVariant.WithoutNlce, classes: 3);
        var error = Assert.Throws<ArgumentException>(() => model.LoadSharedWeights(threeClasses));
        Assert.Contains("'heads.0.weight' has shape [3, 64, 3, 3]", error.Message);
    }

    [Theory]
    [InlineData(1, 1, 48, 64, "multiples of 32")]
    [InlineData(1, 3, 64, 64, "[B, 1, H, W]")]
    public void Rejects_inputs_it_cannot_segment(int batch, int channels, int height, int width, string expected)
    {
        using var scope = NewDisposeScope();
        using var model = Build(NlcenVariant.WithoutNlce);
        var error = Assert.Throws<ArgumentException>(() => model.call(zeros(batch, channels, height, width)));
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Rejects_an_undefined_backbone()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new NlcenOptions((ResNetDepth)101, null).Validate());
        Assert.Equal("Backbone", error.ParamName);
        Assert.Equal(NlcenVariant.WithoutNonLocal, NlcenOptions.For(ResNetDepth.ResNet50, NlcenVariant.WithoutNonLocal).Variant);
    }
}
