using System.CommandLine;
using System.Globalization;
using Nlce.Models;
using Nlce.Runtime;
using Spectre.Console;

namespace Nlce.Cli.Commands;

/// <summary><c>nlce models</c>: every registered model with its parameter count and forward FLOPs at a given input size.</summary>
internal static class ModelsCommand
{
    public static Command Create()
    {
        var size = new Option<int>("--size") { Description = "Square input side for the FLOP count (a multiple of 32).", DefaultValueFactory = _ => 256 };
        var channels = new Option<int>("--channels") { Description = "Input channels: 1 for grey (JSRT-like), 3 for RGB (ISBI-like).", DefaultValueFactory = _ => 1 };
        var only = new Option<string[]>("--model") { Description = "Only these models (repeatable); default: all.", AllowMultipleArgumentsPerToken = true };
        var width = CommonOptions.Width();
        var command = new Command("models", "List the registered models with parameter count and forward FLOPs at an input size.") { size, channels, only, width };
        command.SetAction(parse =>
        {
            TorchRuntime.EnsureLoaded();
            int side = parse.GetValue(size), inputChannels = parse.GetValue(channels);
            var names = parse.GetValue(only) is { Length: > 0 } chosen ? chosen.Select(n => ModelRegistry.Default.Find(n).Name) : ModelRegistry.Default.Names;
            var table = new Table().AddColumn("model").AddColumn(new TableColumn("parameters").RightAligned())
                .AddColumn(new TableColumn($"GFLOP at {inputChannels}×{side}²").RightAligned()).AddColumn("description");
            foreach (var name in names)
            {
                using var model = ModelRegistry.Default.Create(name, inputChannels, classes: 2, parse.GetValue(width));
                var summary = ModelSummary.Measure(model, inputChannels, side, side);
                table.AddRow(Markup.Escape(name), summary.Parameters.ToString("N0", CultureInfo.InvariantCulture),
                    (summary.ForwardFlops / 1e9).ToString("F2", CultureInfo.InvariantCulture), Markup.Escape(ModelRegistry.Default.Find(name).Description));
            }
            AnsiConsole.Write(table);
            return 0;
        });
        return command;
    }
}
