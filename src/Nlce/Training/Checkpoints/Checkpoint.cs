using System.Text.Json;
using Nlce.Data;
using Nlce.Models;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Nlce.Training.Checkpoints;

/// <summary>A checkpoint read from its folder: the validated sidecar and ways to restore the weights and optimizer state it names.</summary>
public sealed class Checkpoint
{
    internal Checkpoint(string folder, CheckpointSidecar sidecar)
    {
        Folder = folder;
        Sidecar = sidecar;
    }

    /// <summary>The checkpoint folder.</summary>
    public string Folder { get; }

    /// <summary>What the sidecar says.</summary>
    public CheckpointSidecar Sidecar { get; }

    public string SidecarPath => Path.Combine(Folder, CheckpointStore.SidecarFileName);

    public string WeightsPath => Path.Combine(Folder, Sidecar.WeightsFile);

    public string OptimizerPath => Path.Combine(Folder, Sidecar.OptimizerFile);

    /// <summary>
    /// Reads and checks the sidecar of <paramref name="folder"/>. A missing or malformed sidecar, an unknown field, a
    /// field out of range or a missing weights/optimizer file is a <see cref="DataFormatException"/> naming the file and field.
    /// </summary>
    public static Checkpoint Open(string folder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        folder = Path.GetFullPath(folder);
        string path = Path.Combine(folder, CheckpointStore.SidecarFileName);
        if (!File.Exists(path))
            throw new DataFormatException(path, "missing; the folder holds no checkpoint.");
        CheckpointSidecar sidecar;
        try
        {
            using var stream = File.OpenRead(path);
            sidecar = JsonSerializer.Deserialize<CheckpointSidecar>(stream, CheckpointStore.Json)
                ?? throw new DataFormatException(path, "is the JSON literal null; expected a checkpoint sidecar object.");
        }
        catch (JsonException e)
        {
            throw new DataFormatException(path, $"not a valid checkpoint sidecar: {e.Message}", e.Path, e);
        }
        Check(path, folder, sidecar);
        return new Checkpoint(folder, sidecar);
    }

    /// <summary>
    /// Copies the checkpoint's weights into <paramref name="model"/> (in place, on its device). A model of another
    /// architecture — a different registry name, channel count or class count than the sidecar's — is refused with a
    /// message naming both; a state dictionary that still does not fit names every offending key and shape.
    /// </summary>
    public void RestoreWeights(SegmentationModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var saved = Sidecar.Model;
        if (saved.Name != model.Config.Name)
            throw new DataFormatException(SidecarPath,
                $"holds weights of model '{saved.Name}' but the target model is '{model.Config.Name}'; load it into a '{saved.Name}' model.", "Model.Name");
        if (saved != model.Config)
            throw new DataFormatException(SidecarPath,
                $"holds weights of {Describe(saved)} but the target model is {Describe(model.Config)}.", "Model");
        using var scope = NewDisposeScope();
        StateDictLoader.Apply(model, StateDictFile.Read(WeightsPath), WeightsPath);
    }

    /// <summary>
    /// Loads the saved Adam state into <paramref name="optimizer"/>, which must be an Adam over the same parameters, in
    /// the same order, as the one that was saved (the same model and training stage).
    /// </summary>
    public void RestoreOptimizer(OptimizerHelper optimizer)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        try
        {
            optimizer.load_state_dict(OptimizerPath);
        }
        catch (Exception e) when (e is ArgumentException or InvalidDataException or EndOfStreamException)
        {
            throw new DataFormatException(OptimizerPath, $"does not fit the optimizer of stage {Sidecar.Stage}: {e.Message}", inner: e);
        }
    }

    private static string Describe(ModelConfig config) =>
        $"'{config.Name}' with {config.InputChannels} input channel(s) and {config.Classes} classes";

    private static void Check(string path, string folder, CheckpointSidecar sidecar)
    {
        if (sidecar.FormatVersion != CheckpointStore.FormatVersion)
            throw new DataFormatException(path, $"format version {sidecar.FormatVersion}; expected {CheckpointStore.FormatVersion}.", nameof(sidecar.FormatVersion));
        Guard(path, nameof(sidecar.Model), () => sidecar.Model.Validate());
        Guard(path, nameof(sidecar.Options), () => sidecar.Options.Validate());
        if (sidecar.TrainingStages < 1 || sidecar.TrainingStages > sidecar.Options.Epochs)
            throw new DataFormatException(path, $"{sidecar.TrainingStages}; expected 1 to Options.Epochs ({sidecar.Options.Epochs}).", nameof(sidecar.TrainingStages));
        if (sidecar.EpochsCompleted < 1 || sidecar.EpochsCompleted > sidecar.Options.Epochs)
            throw new DataFormatException(path, $"{sidecar.EpochsCompleted}; expected 1 to Options.Epochs ({sidecar.Options.Epochs}).", nameof(sidecar.EpochsCompleted));
        if (sidecar.History.Count != sidecar.EpochsCompleted)
            throw new DataFormatException(path, $"has {sidecar.History.Count} entries but EpochsCompleted is {sidecar.EpochsCompleted}.", nameof(sidecar.History));
        int expectedStage = new TrainingStagePlan(sidecar.Options.Epochs, sidecar.TrainingStages).StageOf(sidecar.EpochsCompleted - 1);
        if (sidecar.Stage != expectedStage)
            throw new DataFormatException(path, $"{sidecar.Stage}; epoch {sidecar.EpochsCompleted - 1} belongs to stage {expectedStage}.", nameof(sidecar.Stage));
        if (sidecar.Objective is { } objective && (string.IsNullOrWhiteSpace(objective.Name) || objective.Settings is null))
            throw new DataFormatException(path, "needs a non-empty Name and a Settings object.", nameof(sidecar.Objective));
        foreach (var (field, name) in new[] { (nameof(sidecar.WeightsFile), sidecar.WeightsFile), (nameof(sidecar.OptimizerFile), sidecar.OptimizerFile) })
        {
            if (name.Length == 0 || Path.GetFileName(name) != name)
                throw new DataFormatException(path, $"'{name}'; expected a plain file name inside the checkpoint folder.", field);
            if (!File.Exists(Path.Combine(folder, name)))
                throw new DataFormatException(path, $"names '{name}', which is missing from {folder}.", field);
        }
    }

    private static void Guard(string path, string field, Action validate)
    {
        try
        {
            validate();
        }
        catch (ArgumentException e)
        {
            throw new DataFormatException(path, e.Message, field, e);
        }
    }
}
