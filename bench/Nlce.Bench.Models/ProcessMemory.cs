namespace Nlce.Bench.Models;

/// <summary>Resident-set sizes of this process from /proc/self/status (Linux): current (VmRSS) and peak (VmHWM).</summary>
internal static class ProcessMemory
{
    public static long ResidentBytes() => Read("VmRSS:");

    public static long PeakResidentBytes() => Read("VmHWM:");

    private static long Read(string field)
    {
        const string status = "/proc/self/status";
        var line = File.ReadLines(status).FirstOrDefault(l => l.StartsWith(field, StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"{status} has no '{field}' line.");
        var parts = line[field.Length..].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 2 || parts[1] != "kB" || !long.TryParse(parts[0], out long kilobytes))
            throw new InvalidOperationException($"{status}: cannot read '{line}' (expected '<n> kB').");
        return kilobytes * 1024;
    }
}
