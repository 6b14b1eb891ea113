namespace Nlce.Evaluation.Sweep;

/// <summary>Recognises allocation failures that a smaller batch may avoid. TorchSharp surfaces libtorch's CUDA (and CPU) allocator
/// failures as exceptions whose message contains "out of memory" (e.g. "CUDA out of memory. Tried to allocate …").</summary>
internal static class OutOfMemory
{
    /// <summary>Whether <paramref name="exception"/> or one of its inner exceptions reports an allocation failure.</summary>
    public static bool Is(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
            if (e is OutOfMemoryException || e.Message.Contains("out of memory", StringComparison.OrdinalIgnoreCase))
                return true;
        return false;
    }
}
