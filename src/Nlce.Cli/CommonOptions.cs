using System.CommandLine;
using Nlce.Runtime;

namespace Nlce.Cli;

/// <summary>Options shared by every command where a device, a seed or threads matter. Each call makes a fresh option.</summary>
internal static class CommonOptions
{
    public static Option<string> Device() => new("--device")
    {
        Description = $"Compute device: {ComputeDevice.Choices} (auto = CUDA when available).",
        DefaultValueFactory = _ => "auto",
    };

    public static Option<int> Seed() => new("--seed")
    {
        Description = "Seed for torch and every random choice of the library; the same seed gives the same numbers on CPU.",
        DefaultValueFactory = _ => 0,
    };

    public static Option<int?> Threads() => new("--threads")
    {
        Description = "CPU threads for torch (default: libtorch's choice).",
    };

    public static Option<double> Width() => new("--width")
    {
        Description = "Channel-width multiplier of the model (1 = the papers' widths; e.g. 0.25 for quick CPU runs). A workbench addition.",
        DefaultValueFactory = _ => Nlce.Models.ChannelWidth.Full,
    };

    /// <summary>Loads the native runtime, seeds, sets threads and resolves the device, in that order.</summary>
    public static TorchSharp.torch.Device Apply(string device, int seed, int? threads)
    {
        TorchRuntime.EnsureLoaded();
        if (threads is int t)
            Determinism.SetThreads(t);
        Determinism.SeedAll(seed);
        return ComputeDevice.Resolve(device);
    }
}
