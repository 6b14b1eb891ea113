using System.CommandLine;
using System.Globalization;
using Nlce.Evaluation.Reproduction;
using Spectre.Console;

namespace Nlce.Cli.Commands;

/// <summary>
/// <c>nlce reproduce defenses</c> (issue 5): runs <see cref="DefenseReproduction"/> with progress bars, then prints the mean-DIC curves,
/// the Wilcoxon table (each defense vs undefended), defense efficiency and benign cost, and the gradient-masking flags in sentences.
/// </summary>
internal static class DefensesReproduction
{
    /// <summary>The <c>figure</c> argument that selects this reproduction.</summary>
    public const string Name = "defenses";

    /// <summary>Whether <paramref name="figure"/> names this reproduction (case-insensitive).</summary>
    public static bool Matches(string figure) => figure.Trim().Equals(Name, StringComparison.OrdinalIgnoreCase);

    /// <summary>Runs the reproduction into <c>&lt;out&gt;/defenses-&lt;profile&gt;</c> and prints its report; returns the exit code.</summary>
    public static int Run(ParseResult parse, Option<string> profile, Option<string?> dataset, Option<string?> model, Option<string> output,
        Option<string> cache, Option<string> device, Option<int> seed, Option<int?> threads, CancellationToken cancellation)
    {
        var settings = ReproductionProfile.Parse(parse.GetValue(profile)!);
        var torchDevice = CommonOptions.Apply(parse.GetValue(device)!, parse.GetValue(seed), parse.GetValue(threads));
        string folder = Path.Combine(parse.GetValue(output)!, $"{Name}-{settings.Name}");
        var reproduction = new DefenseReproduction(settings, parse.GetValue(dataset), parse.GetValue(model), torchDevice, parse.GetValue(seed));
        if (settings.IsReduced)
            AnsiConsole.MarkupLine($"[yellow]profile '{settings.Name}' is a reduced setting[/]: {Markup.Escape(reproduction.Note)}");
        DefenseReproductionResult result = null!;
        AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(context =>
            {
                var tasks = new Dictionary<string, ProgressTask>();
                var progress = new SynchronousProgress<ReproductionProgress>(p =>
                {
                    string key = $"{p.Stage} {p.Item}";
                    if (!tasks.TryGetValue(key, out var task))
                        tasks[key] = task = context.AddTask(Markup.Escape(key), maxValue: Math.Max(1, p.Total));
                    task.MaxValue = Math.Max(1, p.Total);
                    task.Value = p.Done;
                    task.Description = Markup.Escape($"{key}: {p.Detail}");
                });
                result = reproduction.Run(folder, parse.GetValue(cache)!, progress, cancellation);
                foreach (var task in tasks.Values)
                    task.Value = task.MaxValue;
            });
        Show(result);
        return 0;
    }

    private static void Show(DefenseReproductionResult result)
    {
        string reduced = result.Reduced ? "; reduced setting" : "";
        foreach (var attack in result.Curves.Select(c => c.Attack).Distinct())
        {
            var points = result.Curves.Where(c => c.Attack == attack).ToArray();
            var epsilons = points.Select(c => c.Epsilon).Distinct().Order().ToArray();
            var table = new Table().AddColumn("defense");
            foreach (var e in epsilons)
                table.AddColumn(new TableColumn(e == 0 ? "clean" : $"ε={e.ToString(CultureInfo.InvariantCulture)}").RightAligned());
            foreach (var defense in points.Select(c => c.Defense).Distinct())
                table.AddRow([Markup.Escape(defense), .. epsilons.Select(e => points.FirstOrDefault(c => c.Defense == defense && c.Epsilon == e) is { } c
                    ? c.MeanDice.ToString("F3", CultureInfo.InvariantCulture) : "–")]);
            table.Caption(Markup.Escape($"mean DIC under {attack}{reduced}"));
            AnsiConsole.Write(table);
        }

        var wilcoxon = new Table().AddColumn("defense").AddColumn("attack").AddColumn(new TableColumn("ε").RightAligned())
            .AddColumn(new TableColumn("n").RightAligned()).AddColumn(new TableColumn("mean ΔDIC").RightAligned()).AddColumn(new TableColumn("p").RightAligned());
        foreach (var c in result.Comparisons)
            wilcoxon.AddRow(Markup.Escape(c.Defense), Markup.Escape(c.Attack), c.Epsilon.ToString(CultureInfo.InvariantCulture),
                c.Images.ToString(CultureInfo.InvariantCulture), c.MeanDifference.ToString("+0.000;-0.000;0.000", CultureInfo.InvariantCulture),
                c.PValue.ToString("F3", CultureInfo.InvariantCulture));
        wilcoxon.Caption(Markup.Escape($"each defense vs undefended, Wilcoxon signed-rank on per-image DIC (defended − undefended){reduced}"));
        AnsiConsole.Write(wilcoxon);

        var efficiency = new Table().AddColumn("defense").AddColumn("attack").AddColumn(new TableColumn("ε").RightAligned())
            .AddColumn(new TableColumn("efficiency").RightAligned()).AddColumn(new TableColumn("benign cost").RightAligned());
        foreach (var e in result.Efficiency)
            efficiency.AddRow(Markup.Escape(e.Defense), Markup.Escape(e.Attack), e.Epsilon.ToString(CultureInfo.InvariantCulture),
                e.Efficiency.ToString("F3", CultureInfo.InvariantCulture), e.BenignCost.ToString("+0.000;-0.000;0.000", CultureInfo.InvariantCulture));
        efficiency.Caption(Markup.Escape("efficiency = defended adversarial / defended clean DIC; benign cost = undefended clean − defended clean DIC"));
        AnsiConsole.Write(efficiency);

        AnsiConsole.MarkupLine(Markup.Escape($"gradient-masking checks ({result.Flags.Count} flag(s)):"));
        foreach (string sentence in result.FlagSentences)
            AnsiConsole.MarkupLine(Markup.Escape($"  - {sentence}"));
        AnsiConsole.MarkupLine(Markup.Escape($"results: {result.Computed} computed, {result.AlreadyStored} already stored. {result.Note}"));
        AnsiConsole.MarkupLine(Markup.Escape("time per stage: " + string.Join(", ", result.StageSeconds.Select(s => $"{s.Key} {s.Value:F1} s"))));
        foreach (var file in result.Files)
            AnsiConsole.MarkupLine(Markup.Escape($"wrote {file}"));
    }
}
