namespace Nlce.Bench;

/// <summary>The benchmark figures of issue #8, each timed on <c>nlcen-r18</c> (NLCEN paper, Fig. 3, ResNet-18 backbone).</summary>
public enum BenchFigure
{
    /// <summary>(a) One training step: forward with the four level outputs, the deep-supervision loss (eq. 5), backward, Adam step.</summary>
    TrainStep,

    /// <summary>(b) One targeted I-FGSM iteration (eq. 6) over the attack batch: one forward, one input gradient, one projected step.</summary>
    AttackIteration,

    /// <summary>(c) Forward-only inference throughput in eval mode without gradients.</summary>
    Forward,

    /// <summary>(d) The whole <c>nlce reproduce fig4</c> (train six models, sweep, report), timed once.</summary>
    ReproduceFig4,
}

/// <summary>Short ids and letters of <see cref="BenchFigure"/>, shared with the PyTorch reference's JSON.</summary>
public static class BenchFigures
{
    /// <summary>The id written into reports: train-step, attack-iteration, forward, reproduce-fig4.</summary>
    public static string Id(this BenchFigure figure) => figure switch
    {
        BenchFigure.TrainStep => "train-step",
        BenchFigure.AttackIteration => "attack-iteration",
        BenchFigure.Forward => "forward",
        BenchFigure.ReproduceFig4 => "reproduce-fig4",
        _ => throw new ArgumentOutOfRangeException(nameof(figure), figure, null),
    };

    /// <summary>The issue's letter: a, b, c, d.</summary>
    public static char Letter(this BenchFigure figure) => (char)('a' + (int)figure);

    /// <summary>Parses a comma-separated list of letters or ids (e.g. <c>a,b,c</c> or <c>forward</c>).</summary>
    /// <exception cref="ArgumentException">An entry is neither a letter a–d nor an id; the message lists the valid ones.</exception>
    public static IReadOnlyList<BenchFigure> Parse(string list)
    {
        ArgumentNullException.ThrowIfNull(list);
        var figures = new List<BenchFigure>();
        foreach (string entry in list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var match = Enum.GetValues<BenchFigure>().Where(f => entry.Equals(f.Letter().ToString(), StringComparison.OrdinalIgnoreCase)
                || entry.Equals(f.Id(), StringComparison.OrdinalIgnoreCase)).ToArray();
            if (match.Length == 0)
                throw new ArgumentException(
                    $"unknown figure '{entry}'; expected letters or ids: {string.Join(", ", Enum.GetValues<BenchFigure>().Select(f => $"{f.Letter()} ({f.Id()})"))}.",
                    nameof(list));
            if (!figures.Contains(match[0]))
                figures.Add(match[0]);
        }
        if (figures.Count == 0)
            throw new ArgumentException("no figure given; expected e.g. a,b,c.", nameof(list));
        return figures;
    }
}
