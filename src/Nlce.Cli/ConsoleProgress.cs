using Nlce.Data.Tensors;
using Spectre.Console;

namespace Nlce.Cli;

/// <summary>Spectre.Console progress bars for the library's <see cref="IProgress{T}"/> reports (the library never draws).</summary>
internal static class ConsoleProgress
{
    /// <summary>Runs <paramref name="work"/> under a progress bar labelled <paramref name="description"/>.</summary>
    public static T Run<T>(string description, Func<IProgress<DataProgress>, T> work)
    {
        T result = default!;
        AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask(Markup.Escape(description), maxValue: 1);
                var progress = new SynchronousProgress<DataProgress>(p =>
                {
                    task.MaxValue = Math.Max(1, p.Total);
                    task.Value = p.Done;
                    task.Description = Markup.Escape($"{description} {p.Item}");
                });
                result = work(progress);
                task.Value = task.MaxValue;
                task.Description = Markup.Escape(description);
            });
        return result;
    }
}
