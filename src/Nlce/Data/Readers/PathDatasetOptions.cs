namespace Nlce.Data.Readers;

/// <summary>
/// Settings for opening a path dataset spec (<c>jsrt:</c>, <c>isbi2016:</c>, <c>folder:</c>, <c>nifti:</c>) with
/// <see cref="PathDatasetOpener"/>; each applies only to the kinds that use it.
/// </summary>
public sealed record PathDatasetOptions
{
    /// <summary>Seed of the default 80/20 split of folder and NIfTI datasets without split.csv.</summary>
    public int Seed { get; init; }

    /// <summary>Slicing axis of NIfTI datasets: 0 (x), 1 (y) or 2 (z, default).</summary>
    public int NiftiAxis
    {
        get;
        init => field = value is >= 0 and <= 2
            ? value
            : throw new ArgumentOutOfRangeException(nameof(NiftiAxis), value, "expected 0 (x), 1 (y) or 2 (z).");
    } = 2;

    /// <summary>The SCR fold JSRT trains on (the other one is Test); the paper trains on one fold, tests on the other.</summary>
    public ScrFold JsrtTrainingFold
    {
        get;
        init => field = Enum.IsDefined(value)
            ? value
            : throw new ArgumentOutOfRangeException(nameof(JsrtTrainingFold), value, "expected Fold1 or Fold2.");
    } = ScrFold.Fold1;
}
