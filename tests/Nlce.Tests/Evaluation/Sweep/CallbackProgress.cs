namespace Nlce.Tests.Evaluation.Sweep;

/// <summary>An <see cref="IProgress{T}"/> that calls its handler at once on the reporting thread (<see cref="Progress{T}"/> posts
/// to the thread pool, too late for assertions).</summary>
internal sealed class CallbackProgress<T>(Action<T> handler) : IProgress<T>
{
    public void Report(T value) => handler(value);
}
