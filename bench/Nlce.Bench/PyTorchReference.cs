using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;

namespace Nlce.Bench;

/// <summary>
/// Runs the independent PyTorch implementation of <c>nlcen-r18</c> (<c>bench/pytorch/bench_nlcen.py</c>) with the same settings and
/// device in a child process, and reads its report (same JSON schema). There is no fallback: a missing interpreter, a missing
/// <c>torch</c> module or a failing script is an error that says which.
/// </summary>
public sealed class PyTorchReference
{
    private readonly string python;
    private readonly string script;

    /// <param name="python">The interpreter (e.g. <c>python3</c>, looked up on PATH, or a path).</param>
    /// <param name="script">Path of <c>bench_nlcen.py</c>.</param>
    public PyTorchReference(string python, string script)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(python);
        ArgumentException.ThrowIfNullOrWhiteSpace(script);
        this.python = python;
        this.script = Path.GetFullPath(script);
    }

    /// <summary>Checks, before any benchmark runs, that the script exists and the interpreter imports torch; returns torch's version.</summary>
    /// <exception cref="InvalidOperationException">The script, the interpreter or torch is missing.</exception>
    public string Check()
    {
        if (!File.Exists(script))
            throw new InvalidOperationException($"{script}: the PyTorch reference script does not exist (run from the repository root or pass --pytorch-script).");
        var (code, output, error) = Execute(["-c", "import torch; print(torch.__version__)"], TimeSpan.FromMinutes(2));
        if (code != 0)
            throw new InvalidOperationException(
                $"'{python}' cannot import torch (exit code {code}): {Tail(error)} --compare-pytorch needs PyTorch installed for that interpreter.");
        return output.Trim();
    }

    /// <summary>Runs the reference for figures (a)–(c) of <paramref name="figures"/> and returns its report.</summary>
    /// <param name="settings">The settings this workbench measured with (same sizes, repetitions and levers).</param>
    /// <param name="device">The device string (cpu, cuda, cuda:N).</param>
    /// <param name="figures">The figures; (d) is not part of the reference.</param>
    /// <param name="reportPath">Where the script writes its JSON.</param>
    /// <param name="timeout">Limit for the whole run.</param>
    /// <exception cref="InvalidOperationException">The script failed or timed out; the message carries the end of its error output.</exception>
    public BenchReport Run(BenchSettings settings, string device, IEnumerable<BenchFigure> figures, string reportPath, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(figures);
        string letters = string.Join(',', figures.Where(f => f != BenchFigure.ReproduceFig4).Select(f => f.Letter()));
        if (letters.Length == 0)
            throw new ArgumentException("the PyTorch reference measures figures a, b and c only.", nameof(figures));
        if (settings.Model != BenchSettings.Standard.Model)
            throw new ArgumentException($"the PyTorch reference implements {BenchSettings.Standard.Model} only; got '{settings.Model}'.", nameof(settings));
        var arguments = new List<string>
        {
            script, "--json", reportPath, "--device", device, "--figures", letters, "--profile", settings.Profile,
            "--width", Invariant(settings.Width), "--channels", Invariant(settings.Channels), "--size", Invariant(settings.Size),
            "--train-batch", Invariant(settings.TrainBatch), "--attack-batch", Invariant(settings.AttackBatch),
            "--forward-batch", Invariant(settings.ForwardBatch), "--warmup", Invariant(settings.Warmup), "--reps", Invariant(settings.Repetitions),
            "--seed", Invariant(settings.Seed),
        };
        if (settings.Tf32)
            arguments.Add("--tf32");
        if (settings.ChannelsLast)
            arguments.Add("--channels-last");
        if (settings.Half)
            arguments.Add("--half");
        var (code, _, error) = Execute(arguments, timeout);
        if (code != 0)
            throw new InvalidOperationException($"{script} failed (exit code {code}): {Tail(error)}");
        return BenchReport.Read(reportPath);
    }

    private (int Code, string Output, string Error) Execute(IEnumerable<string> arguments, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in arguments)
            start.ArgumentList.Add(argument);
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"could not start '{python}'.");
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException($"cannot run '{python}' ({e.Message}); --compare-pytorch needs Python 3 with PyTorch (or --python <interpreter>).", e);
        }
        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(timeout))
            {
                process.Kill(entireProcessTree: true);
                throw new InvalidOperationException($"'{python} {script}' did not finish within {timeout}.");
            }
            return (process.ExitCode, output.Result, error.Result);
        }
    }

    private static string Tail(string text)
    {
        string trimmed = text.Trim();
        return trimmed.Length <= 2000 ? trimmed : "…" + trimmed[^2000..];
    }

    private static string Invariant(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
