using System.Runtime.InteropServices;
using System.Security.Cryptography;
using TorchSharp;

namespace Nlce.Runtime;

/// <summary>What <see cref="TorchRuntime.EnsureLoaded"/> found and loaded.</summary>
/// <param name="Backend">The backend this build uses.</param>
/// <param name="LibTorchDirectory">The folder libtorch was loaded from.</param>
/// <param name="BridgePath">The <c>libLibTorchSharp.so</c> actually loaded (a patched cached copy, or the original).</param>
/// <param name="BridgePatched">True when the GLIBCXX_3.4.32 requirement had to be made weak (old system libstdc++).</param>
/// <param name="CudaAvailable">True when CUDA devices can be used.</param>
public sealed record NativeRuntimeInfo(TorchBackend Backend, string LibTorchDirectory, string BridgePath, bool BridgePatched, bool CudaAvailable);

/// <summary>
/// Loads libtorch and TorchSharp's native bridge before the first torch call, on every supported host.
/// </summary>
/// <remarks>
/// Two problems are solved here, both found on Debian 12 (libstdc++ up to GLIBCXX_3.4.30):
/// <list type="number">
/// <item>TorchSharp 0.107.0's <c>libLibTorchSharp.so</c> requires GLIBCXX_3.4.32 for one symbol that is never called.
/// When the system libstdc++ lacks it, a copy of the bridge with that requirement marked weak
/// (<see cref="ElfVersionRequirementPatcher"/>) is written to a per-user cache keyed by the original's SHA-256 and loaded
/// instead. The NuGet cache is never modified; on a host with a new enough libstdc++ nothing is patched.</item>
/// <item>libtorch must be loaded from the very files TorchSharp uses: a second copy of <c>libtorch_cpu.so</c> from
/// another path aborts with "Tried to register multiple backend fallbacks". So libtorch's libraries are loaded from the
/// folder beside TorchSharp (cpu/cuda backends) or from <c>NLCE_LIBTORCH_DIR</c> (host backend), and a DllImport
/// resolver on TorchSharp's assembly hands TorchSharp the handles of exactly these files.</item>
/// </list>
/// For the host and cuda backends CUDA is initialised (<c>torch.InitializeDeviceType(CUDA)</c>) before any other
/// torch call, as TorchSharp requires when libtorch is loaded by the application.
/// </remarks>
public static class TorchRuntime
{
    /// <summary>The libstdc++ symbol version that the bridge needs only for a never-called symbol.</summary>
    public const string TolerableMissingVersion = "GLIBCXX_3.4.32";

    private const string BridgeFileName = "libLibTorchSharp.so";
    private static readonly object Gate = new();
    private static readonly Dictionary<string, IntPtr> Handles = new(StringComparer.Ordinal);
    private static NativeRuntimeInfo? loaded;

    /// <summary>Loads the native runtime once per process; later calls return the same description.</summary>
    /// <exception cref="NativeRuntimeException">libtorch or the bridge cannot be found or loaded.</exception>
    public static NativeRuntimeInfo EnsureLoaded()
    {
        lock (Gate)
        {
            return loaded ??= Load(TorchBackendInfo.Current);
        }
    }

    private static NativeRuntimeInfo Load(TorchBackend backend)
    {
        if (!OperatingSystem.IsLinux())
            return LoadWithoutHelp(backend);

        string bridgeFolder = LocateBridgeFolder(backend);
        string libTorchFolder = backend == TorchBackend.Host
            ? HostLibTorchFolder(Environment.GetEnvironmentVariable(TorchBackendInfo.LibTorchDirVariable))
            : bridgeFolder;
        string bridge = Path.Combine(bridgeFolder, BridgeFileName);
        string? libStdCxx = LibStdCxxProbe.Locate();
        bool patch = libStdCxx is not null && !LibStdCxxProbe.Defines(libStdCxx, TolerableMissingVersion);
        string bridgeToLoad = patch ? PatchedBridgeCopy(bridge) : bridge;

        foreach (var (name, path) in LibTorchFiles(backend, libTorchFolder))
            Handles[name] = LoadLibrary(path, backend);
        Handles["LibTorchSharp"] = LoadLibrary(bridgeToLoad, backend);
        NativeLibrary.SetDllImportResolver(typeof(torch).Assembly, Resolve);

        bool cuda = InitialiseCuda(backend);
        return new NativeRuntimeInfo(backend, libTorchFolder, bridgeToLoad, patch, cuda);
    }

    private static NativeRuntimeInfo LoadWithoutHelp(TorchBackend backend)
    {
        bool cuda = InitialiseCuda(backend);
        return new NativeRuntimeInfo(backend, "(TorchSharp default)", "(TorchSharp default)", false, cuda);
    }

    private static IntPtr Resolve(string libraryName, System.Reflection.Assembly assembly, DllImportSearchPath? searchPath)
    {
        string name = libraryName.StartsWith("lib", StringComparison.Ordinal) && libraryName != "libtorch" ? libraryName[3..] : libraryName;
        if (name.EndsWith(".so", StringComparison.Ordinal))
            name = name[..^3];
        if (name == "libtorch")
            name = "torch";
        return Handles.TryGetValue(name, out var handle) ? handle : IntPtr.Zero;
    }

    /// <summary>
    /// The libtorch libraries of <paramref name="backend"/> found in <paramref name="folder"/>, in load order; a missing required one
    /// is a <see cref="NativeRuntimeException"/> naming the file and the backend (the CUDA libraries are optional: a CPU-only
    /// PyTorch folder serves the host backend on the CPU).
    /// </summary>
    internal static IReadOnlyList<(string Name, string Path)> LibTorchFiles(TorchBackend backend, string folder)
    {
        var files = new List<(string, string)>();
        foreach (var name in LibTorchLoadOrder(backend))
        {
            string path = Path.Combine(folder, $"lib{name}.so");
            if (File.Exists(path))
                files.Add((name, path));
            else if (!IsOptional(name))
                throw new NativeRuntimeException(
                    $"libtorch file '{path}' not found (backend '{backend.ToString().ToLowerInvariant()}'). " + HowToFix(backend));
        }
        return files;
    }

    /// <summary>Dependency order: each library's DT_NEEDED entries are already loaded when it is.</summary>
    private static IEnumerable<string> LibTorchLoadOrder(TorchBackend backend) => backend == TorchBackend.Cpu
        ? ["c10", "torch_cpu", "torch"]
        : ["c10", "torch_cpu", "c10_cuda", "torch_cuda", "torch"];

    private static bool IsOptional(string name) => name is "c10_cuda" or "torch_cuda";

    private static bool InitialiseCuda(TorchBackend backend)
    {
        if (backend == TorchBackend.Cpu)
            return false;
        try
        {
            torch.InitializeDeviceType(DeviceType.CUDA);
            return torch.cuda.is_available();
        }
        catch (Exception e) when (e is InvalidOperationException or ExternalException or NotSupportedException)
        {
            return false;
        }
    }

    private static IntPtr LoadLibrary(string path, TorchBackend backend)
    {
        try
        {
            return NativeLibrary.Load(path);
        }
        catch (DllNotFoundException e)
        {
            throw new NativeRuntimeException(
                $"cannot load '{path}' (backend '{backend.ToString().ToLowerInvariant()}'): {e.Message}. " + HowToFix(backend), e);
        }
    }

    private static string LocateBridgeFolder(TorchBackend backend)
    {
        string torchSharpFolder = Path.GetDirectoryName(typeof(torch).Assembly.Location) ?? AppContext.BaseDirectory;
        string[] candidates =
        [
            torchSharpFolder,
            Path.Combine(torchSharpFolder, "runtimes", "linux-x64", "native"),
            AppContext.BaseDirectory,
            Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native"),
        ];
        return candidates.FirstOrDefault(c => File.Exists(Path.Combine(c, BridgeFileName)))
            ?? throw new NativeRuntimeException(
                $"TorchSharp's native bridge '{BridgeFileName}' was not found beside TorchSharp.dll; looked in: " +
                string.Join(", ", candidates.Distinct()) + $" (backend '{backend.ToString().ToLowerInvariant()}'). " + HowToFix(backend));
    }

    /// <summary>The host backend's libtorch folder from the value of <c>NLCE_LIBTORCH_DIR</c>; errors say what to set.</summary>
    internal static string HostLibTorchFolder(string? folder)
    {
        if (string.IsNullOrWhiteSpace(folder))
            throw new NativeRuntimeException(
                $"backend 'host' needs {TorchBackendInfo.LibTorchDirVariable} set to a libtorch folder, e.g. the torch/lib folder of a " +
                "PyTorch install: python3 -c 'import os, torch; print(os.path.join(os.path.dirname(torch.__file__), \"lib\"))'");
        if (!Directory.Exists(folder))
            throw new NativeRuntimeException($"{TorchBackendInfo.LibTorchDirVariable}='{folder}' is not a folder (backend 'host').");
        return folder;
    }

    private static string HowToFix(TorchBackend backend) => backend switch
    {
        TorchBackend.Cpu => "Restore the solution (dotnet restore) so that the TorchSharp-cpu package's native files are copied beside the app.",
        TorchBackend.Cuda => "Restore with -p:TorchBackend=cuda from a feed that serves TorchSharp-cuda-linux, or build with -p:TorchBackend=host.",
        _ => $"Point {TorchBackendInfo.LibTorchDirVariable} at the lib folder of a PyTorch build whose libtorch version matches TorchSharp's (2.10).",
    };

    /// <summary>
    /// Returns the path of a copy of <paramref name="bridge"/> whose GLIBCXX_3.4.32 requirement is weak, writing it
    /// atomically into <c>$XDG_CACHE_HOME/nlce/native/&lt;sha256&gt;/</c> (or <c>~/.cache/…</c>) when not there yet.
    /// </summary>
    private static string PatchedBridgeCopy(string bridge)
    {
        byte[] image = File.ReadAllBytes(bridge);
        string hash = Convert.ToHexStringLower(SHA256.HashData(image))[..16];
        string folder = Path.Combine(UserFolders.Cache, "native", hash);
        string target = Path.Combine(folder, BridgeFileName);
        if (File.Exists(target))
            return target;

        int changed;
        try
        {
            changed = ElfVersionRequirementPatcher.MarkRequirementWeak(image, TolerableMissingVersion);
        }
        catch (FormatException e)
        {
            throw new NativeRuntimeException($"cannot patch '{bridge}': {e.Message}", e);
        }
        if (changed == 0)
            return bridge;
        AtomicFile.WriteAllBytes(target, image);
        return target;
    }
}
