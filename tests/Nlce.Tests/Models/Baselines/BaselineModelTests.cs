using Nlce.Models;
using static TorchSharp.torch;

namespace Nlce.Tests.Models.Baselines;

/// <summary>Behaviour every baseline shares, checked on each one in a tiny configuration (see <see cref="BaselineCase"/>).</summary>
public sealed class BaselineModelTests
{
    private const int Size = BaselineCase.Size;

    private static ModelConfig Config(string name, int inputChannels = 1, int classes = 2) => new(name, inputChannels, classes);

    [Theory]
    [MemberData(nameof(BaselineCase.NamesAndInputChannels), MemberType = typeof(BaselineCase))]
    public void Maps_images_to_logits_at_input_resolution_plain_and_with_the_bottleneck(string name, int inputChannels)
    {
        var baseline = BaselineCase.All[name];
        using var scope = NewDisposeScope();
        var factory = new RecordingBottleneckFactory();
        using var plain = baseline.Create(Config(name, inputChannels, classes: 3), null);
        using var withSlot = baseline.Create(Config(name + "+nlce", inputChannels, classes: 3), factory.Create);
        plain.eval();
        withSlot.eval();
        var images = rand(2, inputChannels, Size, Size);

        Assert.Equal(new long[] { 2, 3, Size, Size }, plain.call(images).shape);
        Assert.Equal(new long[] { 2, 3, Size, Size }, withSlot.call(images).shape);
    }

    [Theory]
    [MemberData(nameof(BaselineCase.Names), MemberType = typeof(BaselineCase))]
    public void Accepts_any_size_that_is_a_multiple_of_the_total_stride(string name)
    {
        var baseline = BaselineCase.All[name];
        using var scope = NewDisposeScope();
        using var model = baseline.Create(Config(name), null);
        model.eval();
        long height = 3 * baseline.TotalStride, width = 5 * baseline.TotalStride;

        Assert.Equal(new long[] { 1, 2, height, width }, model.call(rand(1, 1, height, width)).shape);
    }

    [Theory]
    [MemberData(nameof(BaselineCase.Names), MemberType = typeof(BaselineCase))]
    public void Calls_the_bottleneck_once_per_slot_between_the_last_down_sampling_and_the_first_up_sampling(string name)
    {
        var baseline = BaselineCase.All[name];
        using var scope = NewDisposeScope();
        var factory = new RecordingBottleneckFactory();
        using var model = baseline.Create(Config(name + "+nlce"), factory.Create);
        model.eval();

        model.call(rand(2, 1, Size, Size));

        Assert.Equal(baseline.Slots, factory.Created.Count);
        long side = Size / baseline.TotalStride;
        foreach (var slot in factory.Created)
        {
            Assert.Equal(baseline.SlotChannels, slot.Channels);
            var seen = Assert.Single(slot.Inputs);
            Assert.Equal(new long[] { 2, baseline.SlotChannels, side, side }, seen);
        }
    }

    [Theory]
    [MemberData(nameof(BaselineCase.Names), MemberType = typeof(BaselineCase))]
    public void The_bottleneck_changes_the_output(string name)
    {
        var baseline = BaselineCase.All[name];
        using var scope = NewDisposeScope();
        var factory = new RecordingBottleneckFactory();
        using var withSlot = baseline.Create(Config(name + "+nlce"), factory.Create);
        using var plain = baseline.Create(Config(name), null);
        plain.load_state_dict(withSlot.state_dict(), strict: false);
        plain.eval();
        withSlot.eval();
        var images = rand(1, 1, Size, Size);

        var difference = (withSlot.call(images) - plain.call(images)).abs().max().item<float>();
        Assert.True(difference > 1e-6f, $"the stand-in bottleneck did not change the logits (max difference {difference})");

        using (no_grad())
        {
            foreach (var p in withSlot.named_parameters().Where(p => p.name.Contains("nlce.")))
                p.parameter.zero_();
        }
        var same = (withSlot.call(images) - plain.call(images)).abs().max().item<float>();
        Assert.True(same < 1e-5f, $"with a zero residual the +NLCE model should equal the plain one (max difference {same})");
    }

    [Theory]
    [MemberData(nameof(BaselineCase.Names), MemberType = typeof(BaselineCase))]
    public void Gradients_reach_the_input_plain_and_with_the_bottleneck(string name)
    {
        var baseline = BaselineCase.All[name];
        foreach (bool slot in new[] { false, true })
        {
            using var scope = NewDisposeScope();
            using var model = baseline.Create(Config(name), slot ? new RecordingBottleneckFactory().Create : null);
            model.eval();
            var images = rand(2, 1, Size, Size).requires_grad_();

            model.call(images).select(1, 1).sum().backward();

            var grad = images.grad;
            Assert.NotNull(grad);
            Assert.True(grad!.isfinite().all().item<bool>());
            Assert.True(grad.abs().sum().item<float>() > 0, $"{name} (slot: {slot}): no gradient reached the input");
        }
    }

    [Theory]
    [MemberData(nameof(BaselineCase.Names), MemberType = typeof(BaselineCase))]
    public void A_training_step_gives_every_parameter_a_gradient(string name)
    {
        var baseline = BaselineCase.All[name];
        using var scope = NewDisposeScope();
        using var model = baseline.Create(Config(name + "+nlce"), new RecordingBottleneckFactory().Create);
        model.train();

        var outputs = model.ForwardTraining(rand(2, 1, Size, Size));
        Assert.Empty(outputs.Auxiliary);
        nn.functional.cross_entropy(outputs.Logits, randint(0, 2, [2, Size, Size])).backward();

        var missing = model.named_parameters().Where(p => p.parameter.grad is null).Select(p => p.name).ToList();
        Assert.Empty(missing);
    }

    [Theory]
    [MemberData(nameof(BaselineCase.Names), MemberType = typeof(BaselineCase))]
    public void Inference_is_deterministic_in_eval_mode(string name)
    {
        var baseline = BaselineCase.All[name];
        using var scope = NewDisposeScope();
        using var model = baseline.Create(Config(name), null);
        model.eval();
        var images = rand(2, 1, Size, Size);

        Assert.True(model.call(images).eq(model.call(images)).all().item<bool>());
    }

    [Theory]
    [MemberData(nameof(BaselineCase.Names), MemberType = typeof(BaselineCase))]
    public void Pins_the_state_dict_keys_of_the_plain_and_the_nlce_variant(string name)
    {
        var baseline = BaselineCase.All[name];
        using var plain = baseline.Create(Config(name), null);
        using var withSlot = baseline.Create(Config(name + "+nlce"), new RecordingBottleneckFactory().Create);

        var plainKeys = plain.state_dict().Keys.ToHashSet();
        var slotKeys = withSlot.state_dict().Keys.ToHashSet();

        Assert.Equal(baseline.StateKeyCount, plainKeys.Count);
        Assert.All(baseline.SomeStateKeys, key => Assert.Contains(key, plainKeys));
        Assert.DoesNotContain(plainKeys, key => key.Contains("nlce"));
        Assert.Equal(plainKeys.Concat(baseline.SlotStateKeys).OrderBy(k => k, StringComparer.Ordinal),
            slotKeys.OrderBy(k => k, StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(BaselineCase.Names), MemberType = typeof(BaselineCase))]
    public void Declares_the_loss_of_its_paper_and_keeps_its_configuration(string name)
    {
        var baseline = BaselineCase.All[name];
        var config = Config(name, inputChannels: 3, classes: 2);
        using var model = baseline.Create(config, null);

        Assert.Equal(baseline.Loss, model.DefaultLoss);
        Assert.Same(config, model.Config);
        if (name != "nwcn")
        {
            Assert.Equal(1, model.TrainingStages);
            model.PrepareTrainingStage(0);
            Assert.Throws<ArgumentOutOfRangeException>(() => model.PrepareTrainingStage(1));
        }
    }

    public static TheoryData<string, string> BadInputs()
    {
        var data = new TheoryData<string, string>();
        foreach (string name in BaselineCase.All.Keys)
        {
            data.Add(name, "three channels for a grey model");
            data.Add(name, "height not a multiple of the stride");
            data.Add(name, "width not a multiple of the stride");
            data.Add(name, "rank 3");
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void Rejects_images_of_the_wrong_shape_naming_the_expected_one(string name, string problem)
    {
        var baseline = BaselineCase.All[name];
        using var scope = NewDisposeScope();
        using var model = baseline.Create(Config(name), null);
        model.eval();
        var images = problem switch
        {
            "three channels for a grey model" => rand(1, 3, Size, Size),
            "height not a multiple of the stride" => rand(1, 1, Size + baseline.TotalStride / 2, Size),
            "width not a multiple of the stride" => rand(1, 1, Size, Size + 2),
            "rank 3" => rand(1, Size, Size),
            _ => throw new ArgumentOutOfRangeException(nameof(problem), problem, "unknown case"),
        };

        var error = Assert.Throws<ArgumentException>(() => model.call(images));
        Assert.Equal("input", error.ParamName);
        Assert.Contains($"[B, 1, H, W]", error.Message);
        Assert.Contains($"stride {baseline.TotalStride}", error.Message);
        Assert.Contains(string.Join(", ", images.shape), error.Message);
    }

    [Theory]
    [MemberData(nameof(BaselineCase.Names), MemberType = typeof(BaselineCase))]
    public void Rejects_a_bottleneck_factory_that_returns_null(string name)
    {
        var error = Assert.Throws<ArgumentException>(() => BaselineCase.All[name].Create(Config(name + "+nlce"), _ => null!));
        Assert.Equal("bottleneck", error.ParamName);
    }

    [Theory]
    [MemberData(nameof(BaselineCase.Names), MemberType = typeof(BaselineCase))]
    public void Rejects_a_bottleneck_that_changes_the_feature_map_shape(string name)
    {
        using var scope = NewDisposeScope();
        using var model = BaselineCase.All[name].Create(Config(name + "+nlce"), channels => nn.Conv2d(channels, channels + 1, 1));
        model.eval();

        var error = Assert.Throws<InvalidOperationException>(() => model.call(rand(1, 1, Size, Size)));
        Assert.Contains("shape", error.Message);
    }

    [Theory]
    [MemberData(nameof(BaselineCase.Names), MemberType = typeof(BaselineCase))]
    public void Rejects_an_invalid_configuration(string name)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => BaselineCase.All[name].Create(new ModelConfig(name, 1, 1), null));
        Assert.Equal("Classes", error.ParamName);
    }
}
