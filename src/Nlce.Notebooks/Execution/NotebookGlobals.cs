namespace Nlce.Notebooks.Execution;

/// <summary>
/// The globals object of every cell script: its public members are in scope in cell code. It provides Polyglot's
/// <c>display(value, params mimeTypes)</c> helper (<c>Microsoft.DotNet.Interactive.Kernel.display</c>) with the same
/// name and shape, so cells that call it run unchanged here and in VS Code.
/// </summary>
public sealed class NotebookGlobals
{
    /// <summary>Shows <paramref name="value"/> as a <c>display_data</c> output of the running cell.</summary>
#pragma warning disable IDE1006 // lower-case name matches Polyglot's helper
    public DisplayedValue display(object? value, params string[] mimeTypes) =>
        HeadlessDisplayContext.Display(value, mimeTypes);
#pragma warning restore IDE1006
}
