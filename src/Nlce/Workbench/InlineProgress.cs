namespace Nlce.Workbench;

/// <summary>
/// An <see cref="IProgress{T}"/> that calls its handler at once, on the reporting thread. <see cref="Progress{T}"/> posts to a
/// synchronisation context or the thread pool instead, so in a notebook its lines can arrive after the cell has finished;
/// with this one a cell's progress lines appear in order, inside the cell.
/// </summary>
/// <typeparam name="T">The report type.</typeparam>
public sealed class InlineProgress<T> : IProgress<T>
{
    private readonly Action<T> handler;

    /// <param name="handler">Called with every report.</param>
    public InlineProgress(Action<T> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        this.handler = handler;
    }

    /// <inheritdoc/>
    public void Report(T value) => handler(value);
}
