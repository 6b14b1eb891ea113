namespace Nlce.Runtime;

/// <summary>
/// libtorch or TorchSharp's native bridge could not be found or loaded. The message names the file, the backend and
/// what to do, instead of the process dying in native code.
/// </summary>
public sealed class NativeRuntimeException : Exception
{
    public NativeRuntimeException(string message, Exception? inner = null) : base(message, inner) { }
}
