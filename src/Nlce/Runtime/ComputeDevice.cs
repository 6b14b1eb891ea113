using TorchSharp;

namespace Nlce.Runtime;

/// <summary>
/// Parses the <c>--device auto|cpu|cuda[:N]</c> option used everywhere a device matters and turns it into a torch device.
/// </summary>
public static class ComputeDevice
{
    /// <summary>The accepted spellings, for help texts and errors.</summary>
    public const string Choices = "auto, cpu, cuda, cuda:N";

    /// <summary>
    /// Resolves <paramref name="spec"/>: <c>auto</c> is CUDA device 0 when CUDA is available and the CPU otherwise;
    /// <c>cuda</c> or <c>cuda:N</c> when CUDA is not available, or N is not a device, is an error (never a silent CPU fallback).
    /// </summary>
    public static torch.Device Resolve(string spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var info = TorchRuntime.EnsureLoaded();
        string s = spec.Trim().ToLowerInvariant();
        if (s == "auto")
            return info.CudaAvailable ? new torch.Device(DeviceType.CUDA, 0) : torch.CPU;
        if (s == "cpu")
            return torch.CPU;
        if (s == "cuda" || s.StartsWith("cuda:", StringComparison.Ordinal))
        {
            int index = 0;
            if (s.Length > 4 && (!int.TryParse(s[5..], out index) || index < 0))
                throw new ArgumentException($"device '{spec}': the CUDA index must be a non-negative integer; expected one of {Choices}.", nameof(spec));
            if (!info.CudaAvailable)
                throw new ArgumentException(
                    $"device '{spec}': CUDA is not available with backend '{info.Backend.ToString().ToLowerInvariant()}'. " +
                    "Build with -p:TorchBackend=host and set NLCE_LIBTORCH_DIR to a CUDA PyTorch's torch/lib, or use --device cpu.", nameof(spec));
            int count = torch.cuda.device_count();
            if (index >= count)
                throw new ArgumentException($"device '{spec}': only {count} CUDA device(s) are present (cuda:0..cuda:{count - 1}).", nameof(spec));
            return new torch.Device(DeviceType.CUDA, index);
        }
        throw new ArgumentException($"device '{spec}' is not recognised; expected one of {Choices}.", nameof(spec));
    }
}
