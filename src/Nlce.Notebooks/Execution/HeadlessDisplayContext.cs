namespace Nlce.Notebooks.Execution;

/// <summary>
/// Routes <c>display(...)</c> and <c>.Display()</c> calls to the collector of the cell that made them. Polyglot's
/// helpers reach the running cell through an ambient context (<c>KernelInvocationContext.Current</c>); this is the
/// headless counterpart, an <see cref="AsyncLocal{T}"/> the engine sets for the duration of one cell, so values
/// flow to the right cell across <c>await</c>s and are never shared between engines.
/// </summary>
public static class HeadlessDisplayContext
{
    private static readonly AsyncLocal<CellOutputCollector?> current = new();

    /// <summary>The collector of the cell running on this logical flow, or null outside a cell.</summary>
    public static CellOutputCollector? Current => current.Value;

    /// <summary>Makes <paramref name="collector"/> current for the calling flow (the engine calls this per cell).</summary>
    internal static void Enter(CellOutputCollector? collector) => current.Value = collector;

    /// <summary>Shows <paramref name="value"/> in the running cell as <paramref name="mimeTypes"/>.</summary>
    public static DisplayedValue Display(object? value, IReadOnlyList<string> mimeTypes)
    {
        var collector = Current
            ?? throw new InvalidOperationException("display() was called outside a running notebook cell.");
        var data = MimeBundleFormatter.Format(value, mimeTypes);
        return new DisplayedValue(collector, collector.AddDisplay(data), mimeTypes);
    }
}

/// <summary>
/// A value shown by <c>display(...)</c>; <see cref="Update"/> replaces what is shown, as Polyglot's
/// <c>DisplayedValue.Update</c> does.
/// </summary>
public sealed class DisplayedValue
{
    private readonly CellOutputCollector collector;
    private readonly int slot;
    private readonly IReadOnlyList<string> mimeTypes;

    internal DisplayedValue(CellOutputCollector collector, int slot, IReadOnlyList<string> mimeTypes)
    {
        this.collector = collector;
        this.slot = slot;
        this.mimeTypes = mimeTypes;
    }

    /// <summary>Shows <paramref name="value"/> in place of the earlier value.</summary>
    public void Update(object? value) => collector.UpdateDisplay(slot, MimeBundleFormatter.Format(value, mimeTypes));
}
