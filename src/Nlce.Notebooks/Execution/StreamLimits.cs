namespace Nlce.Notebooks.Execution;

/// <summary>
/// How much stream text one output keeps (issue 6, "stream output is bounded"): the first
/// <see cref="HeadCharacters"/> and the last <see cref="TailCharacters"/> characters, with a note between them saying
/// how much was cut. Carriage-return redraws (progress bars) are collapsed before counting.
/// </summary>
public sealed record StreamLimits
{
    /// <summary>20,000 characters from the start and 5,000 from the end of each stream output.</summary>
    public static StreamLimits Default { get; } = new(20_000, 5_000);

    public StreamLimits(int headCharacters, int tailCharacters)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(headCharacters, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(tailCharacters);
        HeadCharacters = headCharacters;
        TailCharacters = tailCharacters;
    }

    /// <summary>Characters kept from the start of a stream output.</summary>
    public int HeadCharacters { get; }

    /// <summary>Characters kept from the end of a stream output (whole lines where possible).</summary>
    public int TailCharacters { get; }
}
