using Nlce.Data.Tensors;
using Nlce.Evaluation;
using Nlce.Models;
using static TorchSharp.torch;

namespace Nlce.Training;

/// <summary>
/// Scores a model on a held-out set with the paper's metrics (DIC eq. 7, JSC eq. 8, per image, prediction = arg-max
/// class): the model runs in evaluation mode without gradients, batch by batch, and is put back into the mode it was in.
/// </summary>
public static class ValidationEvaluator
{
    /// <summary>Per-image DIC and JSC of <paramref name="model"/>'s predictions on every sample of <paramref name="set"/>.</summary>
    public static OverlapScores Evaluate(SegmentationModel model, SegmentationTensorSet set, int batchSize, Device device)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(set);
        bool wasTraining = model.training;
        model.eval();
        try
        {
            using var noGrad = no_grad();
            var scores = new OverlapAccumulator();
            foreach (var batch in new BatchIterator(set, batchSize, seed: null, augmentation: null, device).Epoch(0))
            {
                using var scope = NewDisposeScope();
                using (batch)
                    scores.Add(SegmentationMetrics.FromLogits(model.call(batch.Images), batch.Masks));
            }
            return scores.Aggregate();
        }
        finally
        {
            if (wasTraining)
                model.train();
        }
    }
}
