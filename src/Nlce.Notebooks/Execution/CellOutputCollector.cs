using Nlce.Notebooks.Outputs;

namespace Nlce.Notebooks.Execution;

/// <summary>
/// Collects the outputs of one running cell in the order they happen: consecutive writes to the same stream merge
/// into one stream output (bounded by <see cref="StreamLimits"/>), displays come in between, and a displayed value can
/// be updated in place. Thread-safe: cell code may write from several threads.
/// </summary>
public sealed class CellOutputCollector
{
    /// <summary>At most this many outputs per cell; further displays are counted and reported in a note.</summary>
    public const int MaxOutputs = 500;

    private readonly object gate = new();
    private readonly StreamLimits limits;
    private readonly Action<OutputStreamName, string>? liveStream;
    private readonly List<object> slots = [];
    private int droppedDisplays;

    public CellOutputCollector(StreamLimits limits, Action<OutputStreamName, string>? liveStream = null)
    {
        ArgumentNullException.ThrowIfNull(limits);
        this.limits = limits;
        this.liveStream = liveStream;
    }

    /// <summary>Adds text written to stdout or stderr.</summary>
    public void WriteStream(OutputStreamName name, string text)
    {
        if (string.IsNullOrEmpty(text))
            return;
        lock (gate)
        {
            if (slots.Count > 0 && slots[^1] is StreamSlot last && last.Name == name)
            {
                last.Buffer.Append(text);
            }
            else
            {
                var slot = new StreamSlot(name, new StreamTextBuffer(limits, name == OutputStreamName.Stdout ? "stdout" : "stderr"));
                slot.Buffer.Append(text);
                slots.Add(slot);
            }
        }
        liveStream?.Invoke(name, text);
    }

    /// <summary>Adds a displayed value; returns its slot number for <see cref="UpdateDisplay"/>, or -1 when over the cap.</summary>
    public int AddDisplay(MimeBundle data)
    {
        ArgumentNullException.ThrowIfNull(data);
        lock (gate)
        {
            if (slots.Count >= MaxOutputs)
            {
                droppedDisplays++;
                return -1;
            }
            slots.Add(new DisplaySlot(data));
            return slots.Count - 1;
        }
    }

    /// <summary>Replaces the value shown by the display at <paramref name="slot"/> (as Polyglot's <c>DisplayedValue.Update</c>).</summary>
    public void UpdateDisplay(int slot, MimeBundle data)
    {
        ArgumentNullException.ThrowIfNull(data);
        lock (gate)
        {
            if (slot >= 0 && slot < slots.Count && slots[slot] is DisplaySlot)
                slots[slot] = new DisplaySlot(data);
        }
    }

    /// <summary>The outputs so far, in order.</summary>
    public IReadOnlyList<CellOutput> Snapshot()
    {
        lock (gate)
        {
            var outputs = new List<CellOutput>(slots.Count + 1);
            foreach (var slot in slots)
            {
                outputs.Add(slot switch
                {
                    StreamSlot s => new StreamOutput(s.Name, s.Buffer.ToString()),
                    DisplaySlot d => new DisplayDataOutput(d.Data),
                    _ => throw new InvalidOperationException("unknown slot"),
                });
            }
            if (droppedDisplays > 0)
                outputs.Add(new StreamOutput(OutputStreamName.Stderr,
                    $"[nlce: {droppedDisplays} more displays were dropped; a cell keeps at most {MaxOutputs} outputs]\n"));
            return outputs;
        }
    }

    private sealed record StreamSlot(OutputStreamName Name, StreamTextBuffer Buffer);

    private sealed record DisplaySlot(MimeBundle Data);
}
