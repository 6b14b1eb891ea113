using System.CommandLine;
using Nlce.Runtime;
using Spectre.Console;
using TorchSharp;

namespace Nlce.Cli.Commands;

/// <summary><c>nlce info</c>: backend, libtorch version, devices, threads.</summary>
internal static class InfoCommand
{
    public static Command Create()
    {
        var command = new Command("info", "Print the native backend, the libtorch version, the devices and the thread count.");
        command.SetAction(_ =>
        {
            var info = TorchRuntime.EnsureLoaded();
            var table = new Table().AddColumn("item").AddColumn("value");
            table.AddRow("library", Markup.Escape(typeof(TorchRuntime).Assembly.GetName().Version?.ToString() ?? "?"));
            table.AddRow("backend", info.Backend.ToString().ToLowerInvariant());
            table.AddRow("libtorch", Markup.Escape(torch.__version__));
            table.AddRow("libtorch folder", Markup.Escape(info.LibTorchDirectory));
            table.AddRow("native bridge", Markup.Escape(info.BridgePath) + (info.BridgePatched ? " (GLIBCXX_3.4.32 made weak: old system libstdc++)" : ""));
            table.AddRow("cuda", info.CudaAvailable ? $"available, {torch.cuda.device_count()} device(s)" : "not available");
            table.AddRow("devices", info.CudaAvailable
                ? "cpu, " + string.Join(", ", Enumerable.Range(0, torch.cuda.device_count()).Select(i => $"cuda:{i}"))
                : "cpu");
            table.AddRow("threads", torch.get_num_threads().ToString());
            table.AddRow("processors", Environment.ProcessorCount.ToString());
            AnsiConsole.Write(table);
            return 0;
        });
        return command;
    }
}
