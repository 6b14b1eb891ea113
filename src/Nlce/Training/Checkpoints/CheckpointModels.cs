using Nlce.Models;

namespace Nlce.Training.Checkpoints;

/// <summary>Rebuilds a trained model from a checkpoint folder: the registry builds the architecture the sidecar names, then the weights are restored.</summary>
public static class CheckpointModels
{
    /// <summary>The model saved in <paramref name="folder"/>, in eval mode, on the CPU.</summary>
    /// <exception cref="Data.DataFormatException">The folder holds no usable checkpoint (the message names the file and field).</exception>
    public static SegmentationModel Load(string folder) => Load(folder, ModelRegistry.Default);

    /// <summary>The model saved in <paramref name="folder"/>, built by <paramref name="registry"/>.</summary>
    public static SegmentationModel Load(string folder, ModelRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var checkpoint = Checkpoint.Open(folder);
        var model = registry.Create(checkpoint.Sidecar.Model);
        try
        {
            checkpoint.RestoreWeights(model);
            model.eval();
            return model;
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }
}
