using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Nlce.Notebooks.Worker;

/// <summary>
/// How to start the worker: the <c>dotnet</c> host running this assembly (<c>dotnet exec</c>) with its runtime
/// configuration. The host is <c>DOTNET_HOST_PATH</c> when the SDK set it, the current process when it is
/// <c>dotnet</c>, else the host three folders above the shared runtime in use.
/// </summary>
public static class WorkerLaunch
{
    /// <summary>A start description for a worker that connects to <paramref name="pipeName"/>.</summary>
    public static ProcessStartInfo Create(string pipeName, string workingDirectory, Execution.StreamLimits limits)
    {
        var workerAssembly = typeof(WorkerProgram).Assembly.Location;
        var runtimeConfig = Path.ChangeExtension(workerAssembly, ".runtimeconfig.json");
        if (!File.Exists(runtimeConfig))
            throw new FileNotFoundException(
                $"the worker's runtime configuration {runtimeConfig} is missing; it is produced when Nlce.Notebooks is built as an executable.", runtimeConfig);
        var start = new ProcessStartInfo(DotnetHost())
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory,
        };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add("--runtimeconfig");
        start.ArgumentList.Add(runtimeConfig);
        var deps = Path.ChangeExtension(workerAssembly, ".deps.json");
        if (File.Exists(deps))
        {
            start.ArgumentList.Add("--depsfile");
            start.ArgumentList.Add(deps);
        }
        start.ArgumentList.Add(workerAssembly);
        start.ArgumentList.Add(WorkerProgram.Verb);
        start.ArgumentList.Add(pipeName);
        start.ArgumentList.Add(workingDirectory);
        start.ArgumentList.Add(limits.HeadCharacters.ToString(System.Globalization.CultureInfo.InvariantCulture));
        start.ArgumentList.Add(limits.TailCharacters.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return start;
    }

    /// <summary>The path of the <c>dotnet</c> host.</summary>
    public static string DotnetHost()
    {
        var exe = RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? "dotnet.exe" : "dotnet";
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } hostPath && File.Exists(hostPath))
            return hostPath;
        if (Environment.ProcessPath is { } processPath && Path.GetFileName(processPath) == exe)
            return processPath;
        var runtimeDirectory = RuntimeEnvironment.GetRuntimeDirectory();
        var candidate = Path.GetFullPath(Path.Combine(runtimeDirectory, "..", "..", "..", exe));
        if (File.Exists(candidate))
            return candidate;
        throw new FileNotFoundException($"cannot find the dotnet host (looked at DOTNET_HOST_PATH, the current process and {candidate}).", candidate);
    }
}
