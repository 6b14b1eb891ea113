using Nlce.Attacks;
using Nlce.Models;
using Nlce.Training.Losses;
using TorchSharp;
using static TorchSharp.torch;

namespace Nlce.Bench;

/// <summary>
/// The model and inputs of figures (a)–(c) on one device, and one repetition of each: (a) a training step with the deep-supervision
/// loss (NLCEN eq. 5) and Adam, (b) one targeted I-FGSM iteration (eq. 6, α = 1, ε = 8) through the library's attack code path,
/// (c) one forward pass in eval mode without gradients. Weights and inputs are drawn from the settings' seed.
/// </summary>
public sealed class NlcenWorkload : IDisposable
{
    private const double AttackEpsilon = 8;

    private readonly BenchSettings settings;
    private readonly Device device;
    private readonly SegmentationModel model;
    private readonly optim.Optimizer optimizer;
    private readonly DeepSupervisionLoss loss = new();
    private readonly Tensor trainImages;
    private readonly Tensor trainLabels;
    private readonly Tensor attackImages;
    private readonly Tensor attackLabels;
    private readonly Tensor forwardImages;

    /// <param name="settings">Model, sizes and levers.</param>
    /// <param name="device">Where everything runs.</param>
    /// <exception cref="ArgumentException"><see cref="BenchSettings.Half"/> on a device other than CUDA.</exception>
    public NlcenWorkload(BenchSettings settings, Device device)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(device);
        this.settings = settings.Validate();
        this.device = device;
        if (settings.Half && device.type != TorchSharp.DeviceType.CUDA)
            throw new ArgumentException($"half precision is a CUDA lever; device {device} has no fast float16 convolutions.", nameof(settings));
        manual_seed(settings.Seed);
        model = ModelRegistry.Default.Create(settings.Model, settings.Channels, classes: 2, settings.Width);
        model.to(device);
        Parameters = model.parameters().Sum(p => p.numel());
        optimizer = optim.Adam(model.parameters(), lr: 1e-3);
        using var generator = new Generator((ulong)settings.Seed, CPU);
        (trainImages, trainLabels) = Inputs(settings.TrainBatch, generator);
        (attackImages, attackLabels) = Inputs(settings.AttackBatch, generator);
        (forwardImages, var unused) = Inputs(settings.ForwardBatch, generator);
        unused.Dispose();
        if (settings.Half)
        {
            (attackImages, forwardImages) = (ToHalf(attackImages), ToHalf(forwardImages));
        }
    }

    /// <summary>Parameters of the model (13,154,474 for nlcen-r18 at width 1 with one input channel).</summary>
    public long Parameters { get; }

    /// <summary>The items one repetition of <paramref name="figure"/> processes (its batch).</summary>
    public int ItemsOf(BenchFigure figure) => figure switch
    {
        BenchFigure.TrainStep => settings.TrainBatch,
        BenchFigure.AttackIteration => settings.AttackBatch,
        BenchFigure.Forward => settings.ForwardBatch,
        _ => throw new ArgumentOutOfRangeException(nameof(figure), figure, "only figures (a)–(c) run on the workload."),
    };

    /// <summary>(a) One training step; returns the loss (on the device).</summary>
    public Tensor TrainStep()
    {
        model.train();
        optimizer.zero_grad();
        var value = loss.Compute(model.ForwardTraining(trainImages), trainLabels);
        value.backward();
        optimizer.step();
        return value;
    }

    /// <summary>
    /// The model's precision for the repetitions of <paramref name="figure"/>: float16 for (b) and (c) under
    /// <see cref="BenchSettings.Half"/> (converted once, outside the timed runs, and back to float32 on dispose), float32 otherwise.
    /// </summary>
    public IDisposable PrecisionFor(BenchFigure figure) =>
        settings.Half && figure is BenchFigure.AttackIteration or BenchFigure.Forward ? new HalfPrecision(model) : new HalfPrecision(null);

    /// <summary>(b) One targeted I-FGSM iteration over the attack batch; returns the adversarial images.</summary>
    public Tensor AttackIteration()
    {
        var batch = new AttackBatch(attackImages, attackLabels, Enumerable.Repeat(AttackEpsilon, settings.AttackBatch).ToArray(),
            iterationBudgets: Enumerable.Repeat(1, settings.AttackBatch).ToArray());
        return new TargetedIfgsm().Perturb(model, batch).Adversarial;
    }

    /// <summary>(c) One forward pass in eval mode without gradients; returns the logits.</summary>
    public Tensor Forward()
    {
        model.eval();
        using var noGrad = no_grad();
        return model.call(forwardImages);
    }

    public void Dispose()
    {
        optimizer.Dispose();
        model.Dispose();
        foreach (var tensor in new[] { trainImages, trainLabels, attackImages, attackLabels, forwardImages })
            tensor.Dispose();
    }

    private static Tensor ToHalf(Tensor images)
    {
        using (images)
            return images.half();
    }

    private (Tensor Images, Tensor Labels) Inputs(int batch, Generator generator)
    {
        using var scope = NewDisposeScope();
        var images = rand([batch, settings.Channels, settings.Size, settings.Size], generator: generator);
        var labels = randint(0, 2, [batch, settings.Size, settings.Size], generator: generator);
        if (settings.ChannelsLast)
            images = images.permute(0, 2, 3, 1).contiguous().permute(0, 3, 1, 2);  // NHWC strides, NCHW shape: channels-last layout
        return (images.to(device).MoveToOuterDisposeScope(), labels.to(device).MoveToOuterDisposeScope());
    }

    /// <summary>Holds a model in float16 until disposed, then returns it to float32; with no model it does nothing.</summary>
    private sealed class HalfPrecision : IDisposable
    {
        private readonly SegmentationModel? model;

        public HalfPrecision(SegmentationModel? model)
        {
            this.model = model;
            model?.half();
        }

        public void Dispose() => model?.to(float32);
    }
}
