using Nlce.Models;
using Nlce.Models.Baselines;
using static TorchSharp.torch;

namespace Nlce.Tests.Models.Baselines;

/// <summary>NWCN's network-wise training (Hwang and Park 2017): stage k trains sub-network k with the earlier ones frozen.</summary>
public sealed class NwcnTrainingStageTests
{
    private const int Size = 16;

    private static Nwcn Tiny(int stages = 2, Func<long, nn.Module<Tensor, Tensor>>? bottleneck = null) =>
        Nlce.Models.Baselines.BaselineFactory.CreateNwcn(new ModelConfig("nwcn", 1, 2), bottleneck, new NwcnOptions(stages, StemChannels: 4, ContextChannels: 8));

    private static Dictionary<string, Tensor> Snapshot(nn.Module model, string prefix) =>
        model.state_dict().Where(kv => kv.Key.StartsWith(prefix, StringComparison.Ordinal))
            .ToDictionary(kv => kv.Key, kv => kv.Value.detach().clone());

    private static bool Identical(Tensor a, Tensor b) => a.shape.SequenceEqual(b.shape) && a.eq(b).all().item<bool>();

    private static bool TrainingFlag(nn.Module model, string name) =>
        model.named_modules().Single(m => m.name == name).module.training;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Has_one_training_stage_per_sub_network(int stages)
    {
        using var model = Tiny(stages);
        Assert.Equal(stages, model.TrainingStages);
        Assert.Equal(stages - 1, model.ActiveTrainingStage);
        Assert.Equal(0, model.FrozenStages);
    }

    [Fact]
    public void An_optimiser_step_in_stage_one_leaves_stage_zero_bit_identical_and_changes_stage_one()
    {
        using var scope = NewDisposeScope();
        using var model = Tiny();
        model.PrepareTrainingStage(1);
        model.train();
        var before0 = Snapshot(model, "stages.0.");
        var before1 = Snapshot(model, "stages.1.");
        var optimizer = optim.Adam(model.parameters(), lr: 0.01);

        var logits = model.ForwardTraining(rand(2, 1, Size, Size)).Logits;
        nn.functional.cross_entropy(logits, randint(0, 2, [2, Size, Size])).backward();
        optimizer.step();

        var after = model.state_dict();
        Assert.NotEmpty(before0);
        Assert.All(before0, kv => Assert.True(Identical(kv.Value, after[kv.Key]), $"{kv.Key} changed although stage 0 is frozen"));
        Assert.All(model.named_parameters().Where(p => p.name.StartsWith("stages.0.", StringComparison.Ordinal)),
            p => Assert.Null(p.parameter.grad));
        Assert.Contains(before1, kv => !Identical(kv.Value, after[kv.Key]));
        Assert.False(Identical(before1["stages.1.classifier.weight"], after["stages.1.classifier.weight"]));
        Assert.False(Identical(before1["stages.1.conv1.bn.running_mean"], after["stages.1.conv1.bn.running_mean"]));
    }

    [Fact]
    public void Frozen_sub_networks_stay_in_inference_mode_and_are_released_by_an_earlier_stage()
    {
        using var model = Tiny(stages: 3);

        model.PrepareTrainingStage(2);
        model.train();
        Assert.Equal([false, false, true], [TrainingFlag(model, "stages.0"), TrainingFlag(model, "stages.1"), TrainingFlag(model, "stages.2")]);
        Assert.False(TrainingFlag(model, "stages.0.conv1.bn"));
        Assert.True(TrainingFlag(model, "stages.2.conv1.bn"));
        Assert.All(model.named_parameters(), p =>
            Assert.Equal(p.name.StartsWith("stages.2.", StringComparison.Ordinal), p.parameter.requires_grad));

        model.eval();
        Assert.False(TrainingFlag(model, "stages.2"));

        model.PrepareTrainingStage(1);
        Assert.Equal(1, model.FrozenStages);
        model.train();
        Assert.Equal([false, true, true], [TrainingFlag(model, "stages.0"), TrainingFlag(model, "stages.1"), TrainingFlag(model, "stages.2")]);
        Assert.All(model.named_parameters(), p =>
            Assert.Equal(!p.name.StartsWith("stages.0.", StringComparison.Ordinal), p.parameter.requires_grad));
    }

    [Fact]
    public void Stage_zero_training_output_is_the_first_sub_network_alone()
    {
        using var scope = NewDisposeScope();
        using var cascade = Tiny();
        using var single = Tiny(stages: 1);
        single.load_state_dict(Snapshot(cascade, "stages.0."));
        cascade.eval();
        single.eval();
        var images = rand(2, 1, Size, Size);

        cascade.PrepareTrainingStage(0);
        var stage0 = cascade.ForwardTraining(images).Logits;
        Assert.True(stage0.allclose(single.call(images)));
        Assert.False(stage0.allclose(cascade.call(images)), "forward must run the whole cascade, not only the active stage");

        cascade.PrepareTrainingStage(1);
        Assert.True(cascade.ForwardTraining(images).Logits.allclose(cascade.call(images)));
    }

    [Fact]
    public void The_attack_gradient_reaches_the_image_through_the_first_stage()
    {
        using var scope = NewDisposeScope();
        using var model = Tiny();
        model.PrepareTrainingStage(1);
        model.eval();
        // Cut stage 1's direct view of the image: the only remaining path from the image is through stage 0's softmax.
        using (no_grad())
            model.state_dict()["stages.1.conv1.conv.weight"].narrow(1, 0, 1).zero_();
        var images = rand(1, 1, Size, Size).requires_grad_();

        model.call(images).select(1, 1).sum().backward();

        Assert.True(images.grad!.abs().sum().item<float>() > 0);
    }

    [Fact]
    public void The_nlce_variant_gets_one_bottleneck_per_sub_network()
    {
        using var scope = NewDisposeScope();
        var factory = new RecordingBottleneckFactory();
        using var model = Tiny(stages: 3, bottleneck: factory.Create);
        model.eval();

        model.PrepareTrainingStage(1);
        model.ForwardTraining(rand(1, 1, Size, Size));

        Assert.Equal(3, factory.Created.Count);
        Assert.Equal([1, 1, 0], factory.Created.Select(m => m.Inputs.Count));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(2)]
    public void Rejects_a_stage_outside_the_cascade(int stage)
    {
        using var model = Tiny();
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => model.PrepareTrainingStage(stage));
        Assert.Equal("stage", error.ParamName);
    }
}
