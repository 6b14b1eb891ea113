namespace Nlce.Data.Phantoms;

/// <summary>
/// The two embedded synthetic datasets that stand in for the paper's data (He et al., AAAI 2019, §4 "Datasets"):
/// <see cref="Lung"/> for the JSRT + SCR chest radiographs, <see cref="Skin"/> for the ISBI 2016 dermoscopy images.
/// </summary>
public enum PhantomKind
{
    /// <summary>Grey chest-radiograph phantoms with lung-field masks (spec <c>phantom-lung</c>).</summary>
    Lung,

    /// <summary>RGB dermoscopy phantoms with lesion masks (spec <c>phantom-skin</c>).</summary>
    Skin,
}

/// <summary>The dataset spec of each <see cref="PhantomKind"/> and the way back.</summary>
public static class PhantomKindSpecs
{
    /// <summary>Spec of the lung phantoms.</summary>
    public const string Lung = "phantom-lung";

    /// <summary>Spec of the skin-lesion phantoms.</summary>
    public const string Skin = "phantom-skin";

    /// <summary>Every phantom spec, in <see cref="PhantomKind"/> order.</summary>
    public static IReadOnlyList<string> All { get; } = [Lung, Skin];

    /// <summary>The spec naming <paramref name="kind"/>, e.g. <c>phantom-lung</c>.</summary>
    public static string ToSpec(this PhantomKind kind) => kind switch
    {
        PhantomKind.Lung => Lung,
        PhantomKind.Skin => Skin,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, $"kind must be one of {string.Join(", ", Enum.GetNames<PhantomKind>())}."),
    };

    /// <summary>
    /// The kind named by <paramref name="spec"/> (case-insensitive); throws <see cref="ArgumentException"/> listing the
    /// valid specs when it names none.
    /// </summary>
    public static PhantomKind Parse(string spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (TryParse(spec, out var kind))
            return kind;
        throw new ArgumentException($"'{spec}' is not a phantom dataset spec; expected one of {string.Join(", ", All)}.", nameof(spec));
    }

    /// <summary>True when <paramref name="spec"/> names a phantom kind (case-insensitive).</summary>
    public static bool TryParse(string? spec, out PhantomKind kind)
    {
        for (int i = 0; i < All.Count; i++)
        {
            if (string.Equals(spec, All[i], StringComparison.OrdinalIgnoreCase))
            {
                kind = (PhantomKind)i;
                return true;
            }
        }
        kind = default;
        return false;
    }
}
