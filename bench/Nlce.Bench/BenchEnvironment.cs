using System.Reflection;
using System.Runtime.InteropServices;
using Nlce.Runtime;
using static TorchSharp.torch;

namespace Nlce.Bench;

/// <summary>Where a benchmark ran, as printed and stored with every report.</summary>
/// <param name="Device">The compute device (cpu, cuda:0, …).</param>
/// <param name="DeviceName">CPU: the processor model from /proc/cpuinfo; CUDA: null from TorchSharp 0.107, which has no device-name query
/// (the PyTorch reference fills it from <c>torch.cuda.get_device_name</c>).</param>
/// <param name="Backend">Native backend of the build (cpu, cuda, host) or, for the PyTorch reference, <c>pytorch</c>.</param>
/// <param name="Libtorch">libtorch version (<c>torch.__version__</c>).</param>
/// <param name="Framework">TorchSharp or PyTorch version.</param>
/// <param name="Threads">Intra-op CPU threads torch uses.</param>
/// <param name="Processors">Logical processors the process sees.</param>
/// <param name="Os">Operating system.</param>
/// <param name="LoadAverage">The 1-minute load average at the start (Linux), which shows a shared machine.</param>
public sealed record BenchEnvironment(string Device, string? DeviceName, string Backend, string Libtorch, string Framework, int Threads,
    int Processors, string Os, double? LoadAverage)
{
    /// <summary>Describes this process on <paramref name="device"/>.</summary>
    public static BenchEnvironment Current(Device device)
    {
        ArgumentNullException.ThrowIfNull(device);
        var torchSharp = typeof(TorchSharp.torch).Assembly;
        string version = torchSharp.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
            ?? torchSharp.GetName().Version?.ToString() ?? "unknown";
        return new BenchEnvironment(device.ToString(), device.type == TorchSharp.DeviceType.CUDA ? null : CpuModel(), TorchBackendInfo.Current.ToString().ToLowerInvariant(),
            __version__, $"TorchSharp {version}", get_num_threads(), Environment.ProcessorCount, RuntimeInformation.OSDescription, ReadLoadAverage());
    }

    private static string? CpuModel()
    {
        const string info = "/proc/cpuinfo";
        if (!File.Exists(info))
            return null;
        var line = File.ReadLines(info).FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
        return line?[(line.IndexOf(':') + 1)..].Trim();
    }

    private static double? ReadLoadAverage()
    {
        const string file = "/proc/loadavg";
        return File.Exists(file) && double.TryParse(File.ReadAllText(file).Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture, out double load)
            ? load
            : null;
    }
}
