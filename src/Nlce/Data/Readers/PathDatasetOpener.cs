namespace Nlce.Data.Readers;

/// <summary>Opens the dataset a path spec names (<c>jsrt:</c>, <c>isbi2016:</c>, <c>folder:</c>, <c>nifti:</c>).</summary>
public static class PathDatasetOpener
{
    /// <summary>
    /// Opens <paramref name="spec"/>'s folder with the reader of its kind. Manifest ids are not paths: they are
    /// resolved through the manifest catalog, so they are rejected here.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="spec"/> is a manifest id.</exception>
    /// <exception cref="DataFormatException">The folder does not hold a valid dataset of that kind.</exception>
    public static ISegmentationDataset Open(DatasetSpec spec, PathDatasetOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        options ??= new PathDatasetOptions();
        return spec.Kind switch
        {
            DatasetKind.Jsrt => new JsrtScrDataset(spec.Path!, options.JsrtTrainingFold),
            DatasetKind.Isbi2016 => new Isbi2016Dataset(spec.Path!),
            DatasetKind.Folder => new FolderDataset(spec.Path!, options.Seed),
            DatasetKind.Nifti => new NiftiDataset(spec.Path!, options.NiftiAxis, options.Seed),
            _ => throw new ArgumentException(
                $"'{spec}' is a manifest id, not a folder; manifest datasets are opened through the manifest catalog. " +
                $"To open files on disk write <kind>:<path> with kind one of {string.Join(", ", DatasetSpec.PathKindKeywords)}.",
                nameof(spec)),
        };
    }
}
