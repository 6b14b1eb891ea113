using System.Reflection;

namespace Nlce.Runtime;

/// <summary>Which native libtorch build the library was compiled against (MSBuild property <c>TorchBackend</c>).</summary>
public enum TorchBackend
{
    /// <summary>TorchSharp-cpu: libtorch CPU from NuGet, beside TorchSharp.dll.</summary>
    Cpu,

    /// <summary>TorchSharp-cuda-linux: libtorch CUDA from NuGet, beside TorchSharp.dll.</summary>
    Cuda,

    /// <summary>Plain TorchSharp: libtorch from the folder in <c>NLCE_LIBTORCH_DIR</c> (e.g. a CUDA PyTorch's torch/lib).</summary>
    Host,
}

/// <summary>Reads the backend this assembly was built with.</summary>
public static class TorchBackendInfo
{
    /// <summary>The environment variable naming the libtorch folder for the <see cref="TorchBackend.Host"/> backend.</summary>
    public const string LibTorchDirVariable = "NLCE_LIBTORCH_DIR";

    /// <summary>The backend compiled into this build of the library.</summary>
    public static TorchBackend Current { get; } = Read();

    private static TorchBackend Read()
    {
        var value = typeof(TorchBackendInfo).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "TorchBackend")?.Value;
        return value switch
        {
            "cpu" => TorchBackend.Cpu,
            "cuda" => TorchBackend.Cuda,
            "host" => TorchBackend.Host,
            _ => throw new InvalidOperationException($"Nlce.dll carries TorchBackend='{value}'; expected cpu, cuda or host."),
        };
    }
}
