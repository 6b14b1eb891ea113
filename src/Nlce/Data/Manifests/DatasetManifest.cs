namespace Nlce.Data.Manifests;

/// <summary>
/// One dataset manifest: the typed, immutable form of a file that satisfies <c>data-manifests/schema.json</c>. The
/// constructor re-checks the value rules of the schema and adds the cross-field rules the schema describes but cannot
/// state in draft-07 as NJsonSchema supports it: registration details exactly when registration is required, source
/// file names unique, and a phantom layout with neither sources nor expected files.
/// </summary>
public sealed record DatasetManifest
{
    public DatasetManifest(
        string id,
        string title,
        IReadOnlyList<string> citation,
        DatasetLicence licence,
        bool registrationRequired,
        IReadOnlyList<DataSource> sources,
        IReadOnlyList<ExpectedFileSet> expectedFiles,
        DatasetLayout layout,
        IReadOnlyDictionary<string, SplitDescription> splits,
        string preprocessing,
        RegistrationInfo? registration = null,
        IReadOnlyList<string>? notes = null)
    {
        Id = ManifestRules.RequireIdentifier(id, nameof(id));
        Title = ManifestRules.RequireText(title, nameof(title));
        Citation = ManifestRules.RequireItems(citation, nameof(citation), allowEmpty: false);
        foreach (var entry in Citation)
            ManifestRules.RequireText(entry, nameof(citation));
        Licence = licence ?? throw new ArgumentNullException(nameof(licence));
        if (registrationRequired && registration is null)
            throw new ArgumentException("registration (where to register, where to put the files) is required when registrationRequired is true.", nameof(registration));
        if (!registrationRequired && registration is not null)
            throw new ArgumentException("registration is given but registrationRequired is false; set it to true or remove registration.", nameof(registration));
        RegistrationRequired = registrationRequired;
        Registration = registration;
        Sources = ManifestRules.RequireItems(sources, nameof(sources), allowEmpty: true);
        var duplicate = Sources.GroupBy(s => s.FileName, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new ArgumentException($"two sources download to the same file name '{duplicate.Key}'.", nameof(sources));
        ExpectedFiles = ManifestRules.RequireItems(expectedFiles, nameof(expectedFiles), allowEmpty: true);
        Layout = layout ?? throw new ArgumentNullException(nameof(layout));
        if (layout.Kind == DatasetLayoutKind.Phantom && (Sources.Count > 0 || ExpectedFiles.Count > 0))
            throw new ArgumentException("a phantom dataset is generated in memory: sources and expectedFiles must be empty.", nameof(layout));
        ArgumentNullException.ThrowIfNull(splits);
        if (splits.Count == 0)
            throw new ArgumentException("splits must name at least one split.", nameof(splits));
        foreach (var (name, split) in splits)
        {
            ManifestRules.RequireIdentifier(name, nameof(splits));
            if (split is null)
                throw new ArgumentException($"split '{name}' is null.", nameof(splits));
        }
        Splits = new Dictionary<string, SplitDescription>(splits, StringComparer.Ordinal).AsReadOnly();
        Preprocessing = ManifestRules.RequireText(preprocessing, nameof(preprocessing));
        Notes = ManifestRules.RequireItems(notes ?? [], nameof(notes), allowEmpty: true);
        foreach (var note in Notes)
            ManifestRules.RequireText(note, nameof(notes));
    }

    /// <summary>Dataset id: lowercase dash-separated words, also the manifest's file name without <c>.json</c>.</summary>
    public string Id { get; }

    public string Title { get; }

    /// <summary>References users of the data must cite.</summary>
    public IReadOnlyList<string> Citation { get; }

    public DatasetLicence Licence { get; }

    /// <summary>True when the provider hands out the data only after registration; such datasets are never fetched.</summary>
    public bool RegistrationRequired { get; }

    /// <summary>Registration pages and instructions; present exactly when <see cref="RegistrationRequired"/> is true.</summary>
    public RegistrationInfo? Registration { get; }

    /// <summary>Files to download, possibly none.</summary>
    public IReadOnlyList<DataSource> Sources { get; }

    /// <summary>What a complete copy contains; empty for generated datasets.</summary>
    public IReadOnlyList<ExpectedFileSet> ExpectedFiles { get; }

    public DatasetLayout Layout { get; }

    /// <summary>Split name → size and rule.</summary>
    public IReadOnlyDictionary<string, SplitDescription> Splits { get; }

    public string Preprocessing { get; }

    public IReadOnlyList<string> Notes { get; }
}
