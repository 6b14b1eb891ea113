using Nlce.Data;
using Nlce.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Nlce.Evaluation.Sweep;

/// <summary>
/// Builds the trained models a sweep or <c>nlce attack</c> evaluates. A weights file is loaded into a fresh
/// <see cref="ModelRegistry"/> model named by the reference (TorchSharp's <c>Module.load</c>, strict: every parameter and buffer
/// must match); a folder is a checkpoint and goes to the checkpoint loader given to the constructor, which reads the model's
/// configuration beside its weights.
/// </summary>
public sealed class ModelLoader
{
    private readonly ModelRegistry registry;
    private readonly Func<string, SegmentationModel>? checkpointLoader;

    /// <param name="registry">Where architectures are looked up for weights files.</param>
    /// <param name="checkpointLoader">Reads a checkpoint folder into a model; null when checkpoints are not supported.</param>
    public ModelLoader(ModelRegistry registry, Func<string, SegmentationModel>? checkpointLoader = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        this.registry = registry;
        this.checkpointLoader = checkpointLoader;
    }

    /// <summary>Loads the model <paramref name="reference"/> names, on <paramref name="device"/>, in eval mode.</summary>
    /// <param name="reference">Name and weights file or checkpoint folder.</param>
    /// <param name="inputChannels">Input channels of the images (for weights files).</param>
    /// <param name="classes">Output classes (for weights files).</param>
    /// <param name="device">Where the model goes.</param>
    /// <exception cref="ArgumentException">Unknown architecture, a folder without a checkpoint loader, or a checkpoint whose model
    /// takes other images.</exception>
    /// <exception cref="DataFormatException">The source is missing or does not hold weights for the model.</exception>
    public SegmentationModel Load(ModelReference reference, int inputChannels, int classes, Device device)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(device);
        SegmentationModel model;
        if (Directory.Exists(reference.Source))
        {
            if (checkpointLoader is null)
                throw new ArgumentException(
                    $"model '{reference}': {reference.Source} is a folder (a checkpoint), and this build loads weights files only; pass the weights file.",
                    nameof(reference));
            model = checkpointLoader(reference.Source);
            if (model.Config.InputChannels != inputChannels || model.Config.Classes != classes)
            {
                model.Dispose();
                throw new ArgumentException(
                    $"model '{reference}': the checkpoint's model takes {model.Config.InputChannels} channel(s) and {model.Config.Classes} classes; " +
                    $"the images have {inputChannels} channel(s) and {classes} classes.", nameof(reference));
            }
        }
        else if (File.Exists(reference.Source))
        {
            model = registry.Create(reference.Name, inputChannels, classes);
            try
            {
                model.load(reference.Source);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                model.Dispose();
                throw new DataFormatException(reference.Source,
                    $"not TorchSharp weights of '{reference.Name}' for {inputChannels} channel(s) and {classes} classes ({e.Message}).", "weights", e);
            }
        }
        else
        {
            throw new DataFormatException(reference.Source, $"no such weights file or checkpoint folder (model '{reference.Name}').");
        }
        model.to(device);
        model.eval();
        return model;
    }
}
