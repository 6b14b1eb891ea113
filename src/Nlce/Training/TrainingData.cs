using Nlce.Data;
using Nlce.Data.Tensors;

namespace Nlce.Training;

/// <summary>The tensors a run trains and validates on, and where they came from (recorded in every checkpoint).</summary>
/// <param name="Train">Training samples at the working resolution.</param>
/// <param name="Validation">Samples scored after every epoch (DIC, JSC); null for none.</param>
/// <param name="Spec">The dataset spec the tensors were loaded from.</param>
/// <param name="ValidationSplit">The split <paramref name="Validation"/> holds; null when there is none.</param>
public sealed record TrainingData(SegmentationTensorSet Train, SegmentationTensorSet? Validation, string Spec, DatasetSplit? ValidationSplit) : IDisposable
{
    /// <summary>
    /// Splits a whole dataset: <see cref="DatasetSplit.Train"/> samples are trained on, and the <see cref="DatasetSplit.Val"/>
    /// samples validate — or, when the dataset has none (the paper's JSRT and ISBI protocols have only train and test), the
    /// <see cref="DatasetSplit.Test"/> samples; validation only reports DIC/JSC and never steers training. The subsets are
    /// copies; dispose them with <see cref="Dispose"/>.
    /// </summary>
    public static TrainingData FromSplits(SegmentationTensorSet all, string spec)
    {
        ArgumentNullException.ThrowIfNull(all);
        ArgumentException.ThrowIfNullOrWhiteSpace(spec);
        if (!all.Samples.Any(s => s.Split == DatasetSplit.Train))
            throw new DataFormatException(spec, "the dataset has no samples in the Train split; nothing to train on.");
        DatasetSplit? validation = all.Samples.Any(s => s.Split == DatasetSplit.Val) ? DatasetSplit.Val
            : all.Samples.Any(s => s.Split == DatasetSplit.Test) ? DatasetSplit.Test
            : null;
        return new TrainingData(all.Subset(DatasetSplit.Train), validation is DatasetSplit v ? all.Subset(v) : null, spec, validation);
    }

    /// <summary>Disposes both tensor sets.</summary>
    public void Dispose()
    {
        Train.Dispose();
        Validation?.Dispose();
    }
}
