using Nlce.Evaluation.Reproduction;

namespace Nlce.Workbench;

/// <summary>
/// What a cached notebook checkpoint depends on (issue 7: "checkpoints keyed by (model, dataset, profile, seed)"): the
/// registered model name, the dataset spec, the reproduction profile (which fixes size, width, epochs and batch size) and
/// the seed. Equal keys name the same folder, so a re-run of any notebook reuses the training another one did.
/// </summary>
/// <param name="Model">Registered model name, e.g. <c>nlcen-r18</c>.</param>
/// <param name="DatasetSpec">Dataset spec as accepted by <c>--dataset</c>, e.g. <c>phantom-lung</c>.</param>
/// <param name="Profile">Profile name: smoke, quick or paper.</param>
/// <param name="Seed">Seed of the training run.</param>
public sealed record CheckpointKey(string Model, string DatasetSpec, string Profile, int Seed)
{
    /// <summary>The key of <paramref name="model"/> trained on <paramref name="datasetSpec"/> with <paramref name="profile"/>.</summary>
    public static CheckpointKey For(string model, string datasetSpec, ReproductionProfile profile, int seed)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return new CheckpointKey(model, datasetSpec, profile.Name, seed).Validate();
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming the empty field; returns this key.</summary>
    public CheckpointKey Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(Model, nameof(Model));
        ArgumentException.ThrowIfNullOrWhiteSpace(DatasetSpec, nameof(DatasetSpec));
        ArgumentException.ThrowIfNullOrWhiteSpace(Profile, nameof(Profile));
        return this;
    }

    /// <summary>
    /// The folder name of the key: its parts made file-name safe (letters, digits, <c>-</c>, <c>_</c>, <c>.</c>; at most 40
    /// characters each) and joined with <c>__</c>, then a hash of the exact key, so two specs that differ only in characters the
    /// readable part drops (<c>folder:/a/b</c> and <c>folder:/a_b</c>) still get different folders.
    /// </summary>
    public string FolderName
    {
        get
        {
            Validate();
            return CacheFolderName.Of([Model, DatasetSpec, Profile], Seed);
        }
    }
}
