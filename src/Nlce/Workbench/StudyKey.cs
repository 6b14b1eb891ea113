using Nlce.Evaluation.Reproduction;

namespace Nlce.Workbench;

/// <summary>
/// What a cached study of the notebook series depends on (a figure reproduction, an ablation, a sweep of extra attacks): the
/// study's name, the dataset spec, the reproduction profile and the seed. Equal keys name the same folder under
/// <see cref="WorkbenchCache.StudiesFolderName"/>, so a re-run finds its checkpoints and its results store and re-renders in seconds.
/// </summary>
/// <param name="Study">The study's name, e.g. <c>fig4</c> or <c>fig7-ablation</c>.</param>
/// <param name="DatasetSpec">Dataset spec as accepted by <c>--dataset</c>.</param>
/// <param name="Profile">Profile name: smoke, quick or paper.</param>
/// <param name="Seed">Seed of the study.</param>
public sealed record StudyKey(string Study, string DatasetSpec, string Profile, int Seed)
{
    /// <summary>The key of <paramref name="study"/> on <paramref name="datasetSpec"/> with <paramref name="profile"/>.</summary>
    public static StudyKey For(string study, string datasetSpec, ReproductionProfile profile, int seed)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return new StudyKey(study, datasetSpec, profile.Name, seed).Validate();
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming the empty field; returns this key.</summary>
    public StudyKey Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(Study, nameof(Study));
        ArgumentException.ThrowIfNullOrWhiteSpace(DatasetSpec, nameof(DatasetSpec));
        ArgumentException.ThrowIfNullOrWhiteSpace(Profile, nameof(Profile));
        return this;
    }

    /// <summary>The folder name of the key (readable parts joined with <c>__</c>, then a hash of the exact key).</summary>
    public string FolderName
    {
        get
        {
            Validate();
            return CacheFolderName.Of([Study, DatasetSpec, Profile], Seed);
        }
    }
}
