namespace Nlce.Bench;

/// <summary>The peak resident-set size of this process from /proc/self/status (Linux, VmHWM); null elsewhere.</summary>
public static class ProcessMemory
{
    private const string Status = "/proc/self/status";

    /// <summary>Peak resident bytes since the process started, or null where /proc is absent.</summary>
    public static long? PeakResidentBytes() => Read("VmHWM:");

    private static long? Read(string field)
    {
        if (!File.Exists(Status))
            return null;
        var line = File.ReadLines(Status).FirstOrDefault(l => l.StartsWith(field, StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"{Status} has no '{field}' line.");
        var parts = line[field.Length..].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 2 || parts[1] != "kB" || !long.TryParse(parts[0], out long kilobytes))
            throw new InvalidOperationException($"{Status}: cannot read '{line}' (expected '<n> kB').");
        return kilobytes * 1024;
    }
}
