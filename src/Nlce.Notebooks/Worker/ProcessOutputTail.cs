using System.Diagnostics;
using System.Text;

namespace Nlce.Notebooks.Worker;

/// <summary>
/// Drains a child process's redirected stdout and stderr (so it never blocks on a full pipe) and keeps the last
/// characters for diagnostics when it fails to start or crashes.
/// </summary>
internal sealed class ProcessOutputTail
{
    private readonly StringBuilder text = new();
    private readonly int keep;

    public ProcessOutputTail(Process process, int keep)
    {
        this.keep = keep;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>The last lines written.</summary>
    public string Text()
    {
        lock (text)
        {
            var all = text.ToString();
            return (all.Length > keep ? all[^keep..] : all).TrimEnd();
        }
    }

    private void Append(string? line)
    {
        if (line is null)
            return;
        lock (text)
        {
            text.Append(line).Append('\n');
            if (text.Length > 2 * keep)
                text.Remove(0, text.Length - keep);
        }
    }
}
