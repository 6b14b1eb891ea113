namespace Nlce.Evaluation.Sweep;

/// <summary>
/// Runs work items in consecutive batches of an adaptive size: when a batch fails with an out-of-memory error
/// (<see cref="OutOfMemory"/>), the size is halved and the same items are retried, so a GPU is kept as full as its memory allows
/// instead of the run failing. The smaller size is kept for the following batches. A single item that still runs out of memory
/// fails the run.
/// </summary>
internal sealed class AdaptiveBatches
{
    public AdaptiveBatches(int initialSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(initialSize, 1);
        Size = initialSize;
    }

    /// <summary>The current batch size.</summary>
    public int Size { get; private set; }

    /// <summary>Batches retried at a smaller size so far.</summary>
    public int Retries { get; private set; }

    /// <summary>Runs <paramref name="process"/> on consecutive slices of <paramref name="items"/> in order.</summary>
    /// <param name="items">The work.</param>
    /// <param name="process">Processes one batch; must have no lasting effect when it throws.</param>
    /// <param name="halved">Called with the new size after each halving.</param>
    /// <param name="cancellation">Checked before every batch.</param>
    public void Run<T>(IReadOnlyList<T> items, Action<IReadOnlyList<T>> process, Action<int>? halved, CancellationToken cancellation)
    {
        int start = 0;
        while (start < items.Count)
        {
            cancellation.ThrowIfCancellationRequested();
            int count = Math.Min(Size, items.Count - start);
            var batch = items.Skip(start).Take(count).ToArray();
            try
            {
                process(batch);
                start += count;
            }
            catch (Exception e) when (count > 1 && OutOfMemory.Is(e))
            {
                // Tensors of the failed batch that no dispose scope owned are freed by their finalizers: run them before the retry.
                GC.Collect();
                GC.WaitForPendingFinalizers();
                Size = count / 2;
                Retries++;
                halved?.Invoke(Size);
            }
        }
    }
}
