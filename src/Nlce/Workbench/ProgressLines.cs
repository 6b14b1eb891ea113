using System.Globalization;
using Nlce.Evaluation.Reproduction;
using Nlce.Evaluation.Sweep;
using Nlce.Training;
using Nlce.Training.Ablation;

namespace Nlce.Workbench;

/// <summary>
/// Turns the library's progress reports into a few readable lines for a notebook cell (the notebook passes
/// <c>Console.WriteLine</c>): one line per finished epoch or stage and a sweep line at every quarter, instead of one per batch.
/// The lines are written on the reporting thread (<see cref="InlineProgress{T}"/>), so they appear in order inside the cell.
/// </summary>
public static class ProgressLines
{
    /// <summary>A sweep line when the run starts computing and at every further quarter of it, with throughput.</summary>
    public static IProgress<SweepProgress> Sweep(Action<string> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        int quarter = -1;
        return new InlineProgress<SweepProgress>(p =>
        {
            int now = p.Total == 0 ? 4 : 4 * p.Done / p.Total;
            if (now <= quarter)
                return;
            quarter = now;
            write(string.Create(CultureInfo.InvariantCulture,
                $"  sweep {p.Done}/{p.Total} results ({p.AlreadyStored} already stored), now {p.Model} · {p.Attack}, {p.ItemsPerSecond:F1}/s, {p.Elapsed.TotalSeconds:F0} s"));
        });
    }

    /// <summary>A line per finished training epoch (the report carrying its validation DIC) and per finished prepare or sweep stage of <see cref="FigureReproduction"/>.</summary>
    public static IProgress<ReproductionProgress> Reproduction(Action<string> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        return new InlineProgress<ReproductionProgress>(p =>
        {
            bool epochEnd = p.Stage == "train" && p.Detail.Contains("val DIC", StringComparison.Ordinal);
            bool stageEnd = p.Stage != "train" && p.Total > 0 && p.Done >= p.Total;
            if (epochEnd)
                write($"  train {p.Item}: {p.Detail}");
            else if (stageEnd)
                write($"  {p.Stage} {p.Item}: done");
        });
    }

    /// <summary>A line per ablation step started, resumed or loaded, per finished epoch, and per finished step.</summary>
    public static IProgress<AblationProgress> Ablation(Action<string> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        return new InlineProgress<AblationProgress>(p =>
        {
            if (p.Event == AblationEvent.Training)
            {
                if (p.Training is { Phase: TrainingPhase.Epoch } t)
                    write(string.Create(CultureInfo.InvariantCulture,
                        $"  {p.Step.Label} epoch {t.Epoch + 1}/{t.Epochs}: loss {t.Loss:F4}, validation DIC {t.ValidationDice:F4}"));
                return;
            }
            write(p.Event switch
            {
                AblationEvent.Started => $"{p.Step.Label} ({p.Step.Name}): training",
                AblationEvent.Resumed => $"{p.Step.Label} ({p.Step.Name}): resuming after {p.EpochsDone} epoch(s)",
                AblationEvent.AlreadyFinished => $"{p.Step.Label} ({p.Step.Name}): loaded from the cache",
                _ => $"{p.Step.Label}: done, {p.EpochsDone} epoch(s)",
            });
        });
    }
}
