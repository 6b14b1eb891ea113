using Nlce.Models;
using Nlce.Runtime;
using Nlce.Training.Checkpoints;
using Nlce.Training.Losses;
using TorchSharp;
using static TorchSharp.torch;

namespace Nlce.Training.Ablation;

/// <summary>
/// The training protocol of the ablation study (NLCEN paper, "Ablation Studies", Fig. 7): "we train the w/o NLCE model first.
/// Then, we fine-tune the w/o NL, w/o CE and NLCEN models separately by freezing the layers of the w/o NLCE model. Finally, we
/// fine-tune NLCEN without freezing any layer to obtain the fine-tuned model." The five runs are the steps of
/// <see cref="AblationStep.All"/>:
/// <list type="number">
/// <item>w/o NLCE from scratch (<see cref="AblationOptions.FromScratch"/>);</item>
/// <item>w/o NL, w/o CE and NLCEN, each starting from the w/o-NLCE weights (<see cref="Nlcen.LoadSharedWeights(Nlcen)"/>) with
/// those layers frozen (<see cref="Nlcen.FreezeSharedLayers"/>), so only the NLCE modules train (<see cref="AblationOptions.FrozenFineTuning"/>);</item>
/// <item>NLCEN starting from step 2's NLCEN with nothing frozen (<see cref="AblationOptions.FullFineTuning"/>).</item>
/// </list>
/// </summary>
/// <remarks>
/// <para><b>Runs.</b> Each step is an ordinary <see cref="Trainer"/> run with the model's own loss and its own checkpoint folder
/// <c>root/&lt;step name&gt;</c>, so its history carries the validation DIC of every epoch.</para>
/// <para><b>Resume.</b> Running the protocol again on the same root continues where it stopped: a step whose checkpoint holds all its
/// epochs is not trained again (its weights are loaded from the checkpoint), a step with a partial checkpoint resumes at the next
/// epoch through the trainer's exact resume, and later steps start afresh. On CPU the final weights equal those of an uninterrupted
/// run. A resumed protocol must use the same options, data and models; the trainer refuses a checkpoint written with other options
/// or data, and a checkpoint of another model is refused when its weights are loaded.</para>
/// <para><b>Randomness.</b> Before each model is built, torch's global generator is seeded from the step's seed and name, so a
/// step's initial weights (e.g. the NLCE modules of step 2) do not depend on what ran before it; the trainer re-seeds it every epoch.</para>
/// </remarks>
public sealed class AblationProtocol
{
    private readonly AblationOptions options;
    private readonly LossFactory losses;
    private readonly Device device;

    /// <param name="options">The options of each phase (validated here).</param>
    /// <param name="losses">The losses the models ask for (<see cref="SegmentationModel.DefaultLoss"/>), usually <see cref="LossFactory.Paper"/>.</param>
    /// <param name="device">Where the models and batches live.</param>
    public AblationProtocol(AblationOptions options, LossFactory losses, Device device)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(losses);
        ArgumentNullException.ThrowIfNull(device);
        this.options = options.Validate();
        this.losses = losses;
        this.device = device;
    }

    /// <summary>
    /// Runs (or continues) the five steps and returns the five trained models with their histories. Throws
    /// <see cref="OperationCanceledException"/> between batches when <paramref name="cancellation"/> fires; the checkpoints
    /// written so far stay usable for a resume, and the models built so far are disposed.
    /// </summary>
    /// <param name="createModel">Builds a fresh, untrained network of a variant; it must return an <see cref="Nlcen"/> of that
    /// variant, and the same configuration every time it is called for that variant (in this run and in a resumed one).</param>
    /// <param name="data">Training and validation tensors at the options' input size.</param>
    /// <param name="root">Folder holding one checkpoint folder per step (created as needed).</param>
    /// <param name="progress">Receives the start, the trainer's reports and the end of every step.</param>
    /// <param name="cancellation">Stops the protocol between batches.</param>
    /// <exception cref="ArgumentException">The factory returns something other than an <see cref="Nlcen"/> of the asked variant, the
    /// data do not fit the models, or an existing checkpoint belongs to another run.</exception>
    public AblationResult Run(Func<NlcenVariant, SegmentationModel> createModel, TrainingData data, string root,
        IProgress<AblationProgress>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(createModel);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        root = Path.GetFullPath(root);
        var trained = new List<AblationModel>(AblationStep.All.Count);
        try
        {
            for (int index = 0; index < AblationStep.All.Count; index++)
            {
                cancellation.ThrowIfCancellationRequested();
                var step = AblationStep.All[index];
                var source = step.StartsFrom is null ? null : trained.Single(model => model.Step == step.StartsFrom);
                trained.Add(RunStep(index, step, source, createModel, data, root, progress, cancellation));
            }
            return new AblationResult(trained);
        }
        catch
        {
            foreach (var model in trained)
                model.Model.Dispose();
            throw;
        }
    }

    /// <summary>The checkpoint folder of <paramref name="step"/> under the protocol root <paramref name="root"/>.</summary>
    public static string StepFolder(string root, AblationStep step)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        ArgumentNullException.ThrowIfNull(step);
        return Path.Combine(Path.GetFullPath(root), step.Name);
    }

    private AblationModel RunStep(int index, AblationStep step, AblationModel? source, Func<NlcenVariant, SegmentationModel> createModel,
        TrainingData data, string root, IProgress<AblationProgress>? progress, CancellationToken cancellation)
    {
        var stepOptions = options.For(step.Phase);
        var store = new CheckpointStore(StepFolder(root, step));
        var existing = store.TryOpen();
        var model = Build(step, stepOptions, createModel);
        try
        {
            model.to(device);
            Initialize(model, step, source);
            int done = existing?.Sidecar.EpochsCompleted ?? 0;
            var start = existing is null ? AblationEvent.Started : done >= stepOptions.Epochs ? AblationEvent.AlreadyFinished : AblationEvent.Resumed;
            progress?.Report(new AblationProgress(step, index, AblationStep.All.Count, start, done, null));
            var relay = progress is null ? null : new StepProgress(progress, step, index);
            var result = new Trainer(stepOptions, losses.Create(model.DefaultLoss), device).Train(model, data, store, existing, relay, cancellation);
            progress?.Report(new AblationProgress(step, index, AblationStep.All.Count, AblationEvent.Finished, result.History.Count, null));
            return new AblationModel(step, model, result.History, result.LastCheckpoint!);
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    private static Nlcen Build(AblationStep step, TrainingOptions stepOptions, Func<NlcenVariant, SegmentationModel> createModel)
    {
        Determinism.SeedAll(Determinism.Derive(stepOptions.Seed, $"ablation step {step.Name}: initial weights"));
        var built = createModel(step.Variant)
            ?? throw new ArgumentException($"the model factory returned null for {step.Variant} (step {step}).", nameof(createModel));
        if (built is Nlcen network && network.Options.Variant == step.Variant)
            return network;
        string got = built is Nlcen other ? $"an NLCEN of variant {other.Options.Variant}" : $"a {built.GetType().Name}";
        string name = built.Config.Name;
        built.Dispose();
        throw new ArgumentException(
            $"the model factory must build an {nameof(Nlcen)} of the asked variant; for {step.Variant} (step {step}) it built {got} ('{name}').",
            nameof(createModel));
    }

    /// <summary>Step 1 starts from scratch; step 2 from the w/o-NLCE shared layers, frozen; step 3 from every weight of step 2's NLCEN.</summary>
    private static void Initialize(Nlcen model, AblationStep step, AblationModel? source)
    {
        if (source is null)
            return;
        if (source.Step.Variant == step.Variant)
            source.Checkpoint.RestoreWeights(model);
        else
            model.LoadSharedWeights(source.Model);
        if (step.FreezesSharedLayers)
            model.FreezeSharedLayers();
    }

    /// <summary>Forwards the trainer's reports of one step as <see cref="AblationEvent.Training"/> reports.</summary>
    private sealed class StepProgress(IProgress<AblationProgress> target, AblationStep step, int index) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value)
        {
            int done = value.Phase == TrainingPhase.Epoch ? value.Epoch + 1 : value.Epoch;
            target.Report(new AblationProgress(step, index, AblationStep.All.Count, AblationEvent.Training, done, value));
        }
    }
}
