using static TorchSharp.torch;

namespace Nlce.Tests.Models.Baselines;

/// <summary>
/// Stand-in for the NLCE module in the <c>+NLCE</c> slot: a 1×1-convolution residual (x + conv(x)) that records the shape
/// of every input it sees, so tests can check where the slot is and that it is used.
/// </summary>
internal sealed class RecordingBottleneck : nn.Module<Tensor, Tensor>
{
    private readonly nn.Module<Tensor, Tensor> conv;

    public RecordingBottleneck(long channels) : base(nameof(RecordingBottleneck))
    {
        Channels = channels;
        conv = nn.Conv2d(channels, channels, 1);
        RegisterComponents();
        InitialState = state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.detach().clone());
    }

    /// <summary>Copies of the parameters as the module was created, before the baseline's constructor went on.</summary>
    public Dictionary<string, Tensor> InitialState { get; }

    public long Channels { get; }

    public List<long[]> Inputs { get; } = [];

    public override Tensor forward(Tensor input)
    {
        Inputs.Add(input.shape);
        return input + conv.call(input);
    }
}

/// <summary>A bottleneck factory that keeps every module it made.</summary>
internal sealed class RecordingBottleneckFactory
{
    public List<RecordingBottleneck> Created { get; } = [];

    public nn.Module<Tensor, Tensor> Create(long channels)
    {
        var module = new RecordingBottleneck(channels);
        Created.Add(module);
        return module;
    }
}
