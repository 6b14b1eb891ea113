using System.Runtime.CompilerServices;
using Nlce.Runtime;

namespace Nlce.Tests;

internal static class TorchModuleInitializer
{
    /// <summary>Loads the native runtime before any test touches torch (see <see cref="TorchRuntime"/>).</summary>
    [ModuleInitializer]
    internal static void LoadNativeRuntime() => TorchRuntime.EnsureLoaded();
}
