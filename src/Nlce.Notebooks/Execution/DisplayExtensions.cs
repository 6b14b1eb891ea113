using Nlce.Notebooks.Execution;

// Polyglot Notebooks defines these extension methods in namespace System (class DisplayExtensions), so cells call
// value.Display() with no using directive. The headless runner supplies its own copy with the same names and
// shapes; it lives only in the runner's assembly, which VS Code never loads, so the two never collide.
namespace System;

/// <summary>Headless versions of Polyglot's <c>Display</c> and <c>DisplayAs</c> extension methods.</summary>
public static class DisplayExtensions
{
    /// <summary>Shows <paramref name="value"/> in the running cell as <paramref name="mimeTypes"/> (or its preferred types).</summary>
    public static DisplayedValue Display(this object? value, params string[] mimeTypes) =>
        HeadlessDisplayContext.Display(value, mimeTypes);

    /// <summary>Shows <paramref name="value"/> verbatim as <paramref name="mimeType"/> (e.g. an HTML string as text/html).</summary>
    public static DisplayedValue DisplayAs(this string value, string mimeType)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentException.ThrowIfNullOrEmpty(mimeType);
        var collector = HeadlessDisplayContext.Current
            ?? throw new InvalidOperationException("DisplayAs() was called outside a running notebook cell.");
        var slot = collector.AddDisplay(MimeBundleFormatter.Raw(value, mimeType));
        return new DisplayedValue(collector, slot, [mimeType]);
    }
}
