namespace Nlce.Data.Manifests;

/// <summary>One named part of a dataset (schema: <c>splits.&lt;name&gt;</c>): how many samples and which rule picks them.</summary>
public sealed record SplitDescription
{
    public SplitDescription(int count, string rule)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        Count = count;
        Rule = ManifestRules.RequireText(rule, nameof(rule));
    }

    public int Count { get; }

    public string Rule { get; }
}
