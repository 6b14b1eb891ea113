using System.Text.Json.Nodes;
using Nlce.Data.Tensors;
using Nlce.Models;
using Nlce.Training.Losses;
using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace Nlce.Training.Defenses;

/// <summary>
/// The student's objective in defensive distillation (Papernot et al., S&amp;P 2016; seed 002; reference notes §3), per pixel:
/// the teacher's soft labels p = softmax(z_teacher / T) on the batch, and the soft cross-entropy
/// −(1/HW)·Σ_pixels Σ_c p_c·log softmax(z_student / T)_c, averaged over the images and over the student's outputs (the final
/// logits and, for deeply supervised models such as NLCEN, each auxiliary head equally). With
/// <see cref="DistillationOptions.HardLabelWeight"/> w &gt; 0 the loss is (1 − w)·that + w·(the model's own loss at T = 1).
/// The student's weights are the deployed model: at T = 1 it needs nothing special.
/// </summary>
/// <remarks>
/// Soft labels are computed batch by batch from the frozen teacher in eval mode, without gradients. Without augmentation this
/// equals labelling the training set once beforehand; with augmentation it labels exactly the image the student sees.
/// </remarks>
public sealed class DistillationObjective : ITrainingObjective
{
    private readonly SegmentationModel teacher;
    private readonly DistillationOptions options;
    private readonly string teacherIdentity;

    /// <param name="teacher">The trained teacher (any architecture with the student's classes); it is moved to the training device
    /// and kept in eval mode. The caller still owns it.</param>
    /// <param name="options">Temperature and hard-label weight (validated here).</param>
    /// <param name="teacherIdentity">What identifies the teacher's weights (e.g. its weights file's SHA-256), recorded in checkpoints
    /// so a resume with another teacher is refused.</param>
    public DistillationObjective(SegmentationModel teacher, DistillationOptions options, string teacherIdentity)
    {
        ArgumentNullException.ThrowIfNull(teacher);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(teacherIdentity);
        this.teacher = teacher;
        this.options = options.Validate();
        this.teacherIdentity = teacherIdentity;
    }

    /// <inheritdoc />
    public string Name => "distillation";

    /// <inheritdoc />
    public JsonObject Settings
    {
        get
        {
            var settings = ObjectiveJson.Settings(options);
            settings["Teacher"] = teacherIdentity;
            settings["TeacherModel"] = teacher.Config.Name;
            return settings;
        }
    }

    /// <inheritdoc />
    public void Start(SegmentationModel model, TrainingData data, Device device, TrainingObjectiveRecord? resumed, string? source)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (teacher.Config.Classes != model.Config.Classes || teacher.Config.InputChannels != model.Config.InputChannels)
            throw new ArgumentException(
                $"teacher '{teacher.Config.Name}' maps {teacher.Config.InputChannels} channel(s) to {teacher.Config.Classes} classes but student " +
                $"'{model.Config.Name}' maps {model.Config.InputChannels} to {model.Config.Classes}; they must agree.", nameof(model));
        teacher.to(device);
        teacher.eval();
    }

    /// <inheritdoc />
    public Tensor Loss(TrainingStep step, SegmentationModel model, SegmentationBatch batch, SegmentationLoss loss)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(loss);
        Tensor soft;
        using (no_grad())
            soft = F.softmax(teacher.call(batch.Images) / options.Temperature, 1);
        var outputs = model.ForwardTraining(batch.Images);
        var heads = new List<Tensor> { outputs.Logits };
        heads.AddRange(outputs.Auxiliary);
        var softLoss = stack(heads.Select(logits => SoftCrossEntropy(logits / options.Temperature, soft)).ToArray()).mean();
        return options.HardLabelWeight == 0
            ? softLoss
            : (1 - options.HardLabelWeight) * softLoss + options.HardLabelWeight * loss(outputs, batch.Masks);
    }

    /// <inheritdoc />
    public void EndEpoch(int epoch)
    {
    }

    /// <inheritdoc />
    public TrainingObjectiveRecord Record() => new(Name, Settings, null);

    /// <summary>Mean over images and pixels of −Σ_c p_c·log softmax(z)_c, for logits z and soft labels p, both [B, K, H, W].</summary>
    /// <exception cref="ArgumentException">The shapes differ.</exception>
    public static Tensor SoftCrossEntropy(Tensor logits, Tensor softLabels)
    {
        ArgumentNullException.ThrowIfNull(logits);
        ArgumentNullException.ThrowIfNull(softLabels);
        if (!logits.shape.SequenceEqual(softLabels.shape) || logits.dim() != 4)
            throw new ArgumentException(
                $"logits [{string.Join(", ", logits.shape)}] and soft labels [{string.Join(", ", softLabels.shape)}] must both be [B, K, H, W].", nameof(softLabels));
        return -(softLabels * F.log_softmax(logits, 1)).sum(1).mean();
    }
}
