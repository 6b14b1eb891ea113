namespace Nlce.Data.Manifests;

/// <summary>One way a manifest breaks <c>data-manifests/schema.json</c>: where (a JSONPath such as
/// <c>$.sources[0].url</c>) and what is wrong.</summary>
public sealed record ManifestViolation(string JsonPath, string Problem)
{
    public override string ToString() => $"{JsonPath}: {Problem}";
}
