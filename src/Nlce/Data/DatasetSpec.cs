using System.Text.RegularExpressions;

namespace Nlce.Data;

/// <summary>How a <see cref="DatasetSpec"/> names its dataset.</summary>
public enum DatasetKind
{
    /// <summary>An id from the dataset manifests, e.g. <c>phantom-lung</c> or <c>jsrt-scr</c>.</summary>
    ManifestId,

    /// <summary><c>jsrt:&lt;root&gt;</c>: JSRT <c>.IMG</c> images with SCR lung masks (reference notes §4.1-4.2).</summary>
    Jsrt,

    /// <summary><c>isbi2016:&lt;root&gt;</c>: ISBI 2016 ISIC Part 1 dermoscopy (reference notes §4.3).</summary>
    Isbi2016,

    /// <summary><c>folder:&lt;root&gt;</c>: <c>images/</c> + <c>masks/</c> + optional <c>split.csv</c>.</summary>
    Folder,

    /// <summary><c>nifti:&lt;root&gt;</c>: NIfTI-1 volumes in <c>images/</c> + <c>masks/</c>, sliced into 2D samples.</summary>
    Nifti,
}

/// <summary>
/// Names a dataset the way the CLI and notebooks accept it: a manifest id (lowercase letters, digits and dashes,
/// e.g. <c>phantom-lung</c>) or <c>&lt;kind&gt;:&lt;path&gt;</c> with kind jsrt, isbi2016, folder or nifti
/// (case-insensitive). <see cref="ToString"/> gives the canonical text, which <see cref="Parse"/> reads back to an
/// equal spec.
/// </summary>
public sealed partial record DatasetSpec
{
    private static readonly (DatasetKind Kind, string Keyword)[] PathKinds =
    [
        (DatasetKind.Jsrt, "jsrt"),
        (DatasetKind.Isbi2016, "isbi2016"),
        (DatasetKind.Folder, "folder"),
        (DatasetKind.Nifti, "nifti"),
    ];

    private DatasetSpec(DatasetKind kind, string? id, string? path)
    {
        Kind = kind;
        Id = id;
        Path = path;
    }

    public DatasetKind Kind { get; }

    /// <summary>The manifest id when <see cref="Kind"/> is <see cref="DatasetKind.ManifestId"/>, else null.</summary>
    public string? Id { get; }

    /// <summary>The dataset root for the path kinds, else null.</summary>
    public string? Path { get; }

    /// <summary>The keywords accepted before the colon: jsrt, isbi2016, folder, nifti.</summary>
    public static IReadOnlyList<string> PathKindKeywords { get; } = PathKinds.Select(k => k.Keyword).ToArray();

    /// <summary>A spec naming a manifest id.</summary>
    /// <exception cref="ArgumentException">The id is not lowercase letters/digits separated by single dashes.</exception>
    public static DatasetSpec ForManifest(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (!ManifestIdPattern().IsMatch(id))
            throw new ArgumentException(
                $"'{id}' is not a valid manifest id: expected lowercase letters and digits in dash-separated words " +
                $"(e.g. phantom-lung), or <kind>:<path> with kind one of {string.Join(", ", PathKindKeywords)}.",
                nameof(id));
        return new DatasetSpec(DatasetKind.ManifestId, id, null);
    }

    /// <summary>A spec naming a dataset folder of one of the path kinds.</summary>
    public static DatasetSpec ForPath(DatasetKind kind, string path)
    {
        if (kind == DatasetKind.ManifestId || !Enum.IsDefined(kind))
            throw new ArgumentOutOfRangeException(nameof(kind), kind, $"expected a path kind: {string.Join(", ", PathKinds.Select(k => k.Kind))}.");
        ArgumentException.ThrowIfNullOrEmpty(path);
        return new DatasetSpec(kind, null, path);
    }

    /// <summary>
    /// Reads <c>&lt;id&gt;</c> or <c>&lt;kind&gt;:&lt;path&gt;</c>. Everything after the first colon is the path,
    /// kept verbatim (spaces included).
    /// </summary>
    /// <exception cref="ArgumentException">
    /// The text is empty, the id is malformed, the path is empty, or the kind is unknown (the message lists the valid
    /// kinds and suggests the nearest one).
    /// </exception>
    public static DatasetSpec Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (string.IsNullOrWhiteSpace(text))
            throw new ArgumentException(
                $"the dataset spec is empty; expected a manifest id (e.g. phantom-lung) or <kind>:<path> with kind one of {string.Join(", ", PathKindKeywords)}.",
                nameof(text));
        var colon = text.IndexOf(':');
        if (colon < 0)
        {
            if (!ManifestIdPattern().IsMatch(text))
                throw new ArgumentException(
                    $"'{text}' is not a valid manifest id: expected lowercase letters and digits in dash-separated words " +
                    $"(e.g. phantom-lung). To open files on disk write <kind>:<path> with kind one of {string.Join(", ", PathKindKeywords)}.",
                    nameof(text));
            return new DatasetSpec(DatasetKind.ManifestId, text, null);
        }
        var keyword = text[..colon];
        var path = text[(colon + 1)..];
        var match = PathKinds.Where(k => string.Equals(k.Keyword, keyword, StringComparison.OrdinalIgnoreCase)).ToArray();
        if (match.Length == 0)
            throw new ArgumentException(UnknownKindMessage(keyword, text), nameof(text));
        if (path.Length == 0)
            throw new ArgumentException($"'{text}' has no path after '{keyword}:'; expected {match[0].Keyword}:<path>.", nameof(text));
        return new DatasetSpec(match[0].Kind, null, path);
    }

    /// <summary>The canonical text: the id, or the lowercase kind keyword, a colon and the path.</summary>
    public override string ToString() =>
        Kind == DatasetKind.ManifestId ? Id! : $"{PathKinds.Single(k => k.Kind == Kind).Keyword}:{Path}";

    private static string UnknownKindMessage(string keyword, string text) =>
        $"unknown dataset kind '{keyword}' in '{text}'.{NameSuggestions.DidYouMean(keyword, PathKindKeywords)} " +
        $"Valid kinds: {string.Join(", ", PathKindKeywords)}; a manifest id (e.g. phantom-lung) is written without a colon.";

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex ManifestIdPattern();
}
