using System.Text;

namespace Nlce.Notebooks.Execution;

/// <summary>
/// Accumulates the text of one stream output the way a terminal shows it, within <see cref="StreamLimits"/>:
/// a '\r' that is not part of "\r\n" returns to the start of the line, so a progress bar redrawn 10,000 times keeps
/// only its last state; complete lines fill the head budget, later lines go to a tail window that keeps the most
/// recent ones, and <see cref="ToString"/> puts a note where text was cut.
/// </summary>
public sealed class StreamTextBuffer
{
    private readonly StreamLimits limits;
    private readonly string streamName;
    private readonly StringBuilder head = new();
    private readonly LinkedList<string> tail = new();
    private readonly StringBuilder line = new();
    private int tailLength;
    private bool headFull;
    private bool pendingCarriageReturn;
    private long cutCharacters;
    private long cutLines;

    public StreamTextBuffer(StreamLimits limits, string streamName)
    {
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentException.ThrowIfNullOrEmpty(streamName);
        this.limits = limits;
        this.streamName = streamName;
    }

    /// <summary>Characters dropped so far because of the limits (redraws collapsed by '\r' are not counted).</summary>
    public long CutCharacters => cutCharacters + Math.Max(0, line.Length - LineLimit);

    /// <summary>Adds text as written by the program.</summary>
    public void Append(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var c in text)
        {
            if (pendingCarriageReturn)
            {
                pendingCarriageReturn = false;
                if (c == '\n')
                {
                    line.Append("\r\n");
                    CommitLine();
                    continue;
                }
                line.Clear();
            }
            if (c == '\r')
            {
                pendingCarriageReturn = true;
                continue;
            }
            line.Append(c);
            if (c == '\n')
                CommitLine();
            else if (line.Length > 2 * (limits.HeadCharacters + limits.TailCharacters))
            {
                var excess = line.Length - (limits.HeadCharacters + limits.TailCharacters);
                line.Remove(0, excess);
                cutCharacters += excess;
            }
        }
    }

    /// <summary>The kept text: head, a note on what was cut (if anything), tail, and the unfinished last line.</summary>
    public override string ToString()
    {
        var text = new StringBuilder(head.Length + tailLength + line.Length + 160);
        text.Append(head);
        var lineText = line.ToString();
        var lineCut = Math.Max(0, lineText.Length - LineLimit);
        var cut = cutCharacters + lineCut;
        if (cut > 0)
        {
            if (text.Length > 0 && text[^1] != '\n')
                text.Append('\n');
            text.Append($"[nlce: {cut:N0} characters ({cutLines:N0} whole lines) of {streamName} were cut here; a stream output keeps the first {limits.HeadCharacters:N0} and the last {limits.TailCharacters:N0} characters]\n");
        }
        foreach (var kept in tail)
            text.Append(kept);
        text.Append(lineCut > 0 ? lineText[lineCut..] : lineText);
        return text.ToString();
    }

    /// <summary>Whether nothing has been written.</summary>
    public bool IsEmpty => head.Length == 0 && tail.Count == 0 && line.Length == 0;

    private int LineLimit => headFull ? Math.Max(limits.TailCharacters, 1) : limits.HeadCharacters - head.Length + Math.Max(limits.TailCharacters, 1);

    private void CommitLine()
    {
        var text = line.ToString();
        line.Clear();
        if (!headFull && head.Length + text.Length <= limits.HeadCharacters)
        {
            head.Append(text);
            return;
        }
        headFull = true;
        if (text.Length > limits.TailCharacters)
        {
            cutCharacters += text.Length - limits.TailCharacters;
            text = limits.TailCharacters == 0 ? "" : text[^limits.TailCharacters..];
        }
        if (text.Length > 0)
        {
            tail.AddLast(text);
            tailLength += text.Length;
        }
        while (tailLength > limits.TailCharacters && tail.First is { } oldest)
        {
            tail.RemoveFirst();
            tailLength -= oldest.Value.Length;
            cutCharacters += oldest.Value.Length;
            cutLines++;
        }
    }
}
