namespace Nlce;

/// <summary>
/// An <see cref="IProgress{T}"/> that calls its handler at once on the reporting thread. Unlike <see cref="Progress{T}"/> it does not
/// hop to a thread-pool or synchronisation context, so reports arrive in order and none arrives after the work has returned.
/// </summary>
public sealed class SynchronousProgress<T>(Action<T> handler) : IProgress<T>
{
    public void Report(T value) => handler(value);
}
