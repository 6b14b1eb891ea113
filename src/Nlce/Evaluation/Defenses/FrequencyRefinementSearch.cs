using Nlce.Data.Tensors;
using Nlce.Defenses;
using Nlce.Evaluation.Sweep;
using Nlce.Models;
using static TorchSharp.torch;

namespace Nlce.Evaluation.Defenses;

/// <summary>
/// Chooses a frequency-refinement table on a validation split (issue 5; seed 003's aim of maximising defense efficiency while
/// minimising the benign loss, whose own derivation is not public, defenses-and-attacks.md §1): every image is attacked once on the
/// bare model (the attack ignores the defense, the FR paper's protocol), then every PD × AC × GD candidate is scored by the mean DIC
/// of the model on FR(adversarial) and on FR(clean); the chosen table maximises the former subject to clean DIC without FR − with
/// FR ≤ the budget. Attacks and scores run in batches on the model's device; batches halve on out-of-memory errors.
/// </summary>
public sealed class FrequencyRefinementSearch
{
    private readonly SegmentationModel model;
    private readonly string modelName;
    private readonly AttackEntry attack;
    private readonly Device device;

    /// <param name="model">The model, on <paramref name="device"/>.</param>
    /// <param name="modelName">Its name in the result.</param>
    /// <param name="attack">The attack (e.g. <c>targeted-ifgsm</c>).</param>
    /// <param name="options">Grid, budget, ε, seed, batch size; null for the defaults.</param>
    /// <param name="device">Where batches are computed; null for the CPU.</param>
    public FrequencyRefinementSearch(SegmentationModel model, string modelName, AttackEntry attack, FrequencyRefinementSearchOptions? options = null,
        Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrWhiteSpace(modelName);
        ArgumentNullException.ThrowIfNull(attack);
        this.model = model;
        this.modelName = modelName;
        this.attack = attack;
        Options = (options ?? new FrequencyRefinementSearchOptions()).Validate();
        this.device = device ?? CPU;
    }

    /// <summary>The search's settings.</summary>
    public FrequencyRefinementSearchOptions Options { get; }

    /// <summary>The candidate tables in PD, AC, GD order.</summary>
    public IReadOnlyList<FrequencyRefinementTable> Candidates() =>
        Options.PdValues.SelectMany(pd => Options.AcValues.SelectMany(ac => Options.GdValues.Select(gd => new FrequencyRefinementTable(pd, ac, gd)))).ToArray();

    /// <summary>Runs the search on <paramref name="validation"/>.</summary>
    /// <param name="validation">Validation images and masks.</param>
    /// <param name="progress">Receives a report after every batch.</param>
    /// <param name="cancellation">Checked between batches and attack iterations.</param>
    /// <exception cref="ArgumentException">The images' channels differ from the model's, or the set is empty.</exception>
    public FrequencyRefinementSearchResult Run(SegmentationTensorSet validation, IProgress<FrequencyRefinementSearchProgress>? progress = null,
        CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(validation);
        if (validation.Count == 0)
            throw new ArgumentException("the validation set holds no image.", nameof(validation));
        if (validation.Channels != model.Config.InputChannels)
            throw new ArgumentException($"the images have {validation.Channels} channel(s) but model '{modelName}' takes {model.Config.InputChannels}.", nameof(validation));

        var tables = Candidates();
        var defenses = tables.Select(table => new FrequencyRefinement(table)).ToArray();
        var cleanSums = new double[tables.Count];
        var adversarialSums = new double[tables.Count];
        double cleanSum = 0, adversarialSum = 0;
        int done = 0;
        var instance = attack.Create(Options.Seed);
        new AdaptiveBatches(Options.BatchSize).Run(Enumerable.Range(0, validation.Count).ToArray(), indices =>
        {
            using var scope = NewDisposeScope();
            using var batch = ImageBatch.Gather(validation, indices, attack.Targets, device);
            using var result = batch.Attack(instance, model, Enumerable.Repeat(Options.Epsilon, indices.Count).ToArray(), new CancellationCheck(cancellation));
            double batchClean = batch.Score(model, batch.Images).Dice.Sum(), batchAdversarial = batch.Score(model, result.Adversarial).Dice.Sum();
            var clean = new double[tables.Count];
            var adversarial = new double[tables.Count];
            for (int t = 0; t < defenses.Length; t++)
            {
                using var inner = NewDisposeScope();
                clean[t] = batch.Score(model, defenses[t].Apply(batch.Images)).Dice.Sum();
                adversarial[t] = batch.Score(model, defenses[t].Apply(result.Adversarial)).Dice.Sum();
            }
            // Accumulate only once the whole batch is scored, so a batch retried after running out of memory is not counted twice.
            cleanSum += batchClean;
            adversarialSum += batchAdversarial;
            for (int t = 0; t < tables.Count; t++)
            {
                cleanSums[t] += clean[t];
                adversarialSums[t] += adversarial[t];
            }
            done += indices.Count;
            progress?.Report(new FrequencyRefinementSearchProgress(done, validation.Count, validation.Samples[indices[^1]].Name));
        }, null, cancellation);

        int n = validation.Count;
        double cleanDice = cleanSum / n;
        var candidates = tables.Select((table, t) =>
        {
            double loss = cleanDice - cleanSums[t] / n;
            return new FrequencyRefinementCandidate(table, cleanSums[t] / n, adversarialSums[t] / n, loss, loss <= Options.CleanLossBudget);
        }).ToArray();
        var chosen = candidates.Where(c => c.WithinBudget).OrderByDescending(c => c.AdversarialDice).ThenBy(c => c.CleanLoss).FirstOrDefault();
        return new FrequencyRefinementSearchResult(modelName, attack.Name, Options.Epsilon, Options.CleanLossBudget, n, cleanDice, adversarialSum / n,
            candidates, chosen);
    }
}
