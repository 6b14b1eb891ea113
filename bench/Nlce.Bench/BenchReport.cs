using System.Text.Json;
using System.Text.Json.Serialization;
using Nlce.Data;

namespace Nlce.Bench;

/// <summary>One timed figure of a report.</summary>
/// <param name="Id">The figure's id (<see cref="BenchFigures.Id"/>).</param>
/// <param name="Description">What one repetition does.</param>
/// <param name="Items">Images per repetition (the figure's batch).</param>
/// <param name="Timing">Warm-up excluded: median, p10, p90, mean and every sample, milliseconds.</param>
/// <param name="ItemsPerSecond">Items divided by the median time.</param>
/// <param name="PeakHostBytes">Peak resident memory of the process after the figure (VmHWM; monotone over a run), or null.</param>
/// <param name="PeakGpuBytes">Peak GPU memory allocated during the figure, or null where the framework does not expose it (TorchSharp 0.107).</param>
public sealed record FigureResult(string Id, string Description, int Items, TimingSummary Timing, double ItemsPerSecond, long? PeakHostBytes,
    long? PeakGpuBytes);

/// <summary>One figure measured by both implementations in the same job.</summary>
/// <param name="Id">The figure's id.</param>
/// <param name="TorchSharpMedianMs">This workbench's median.</param>
/// <param name="PyTorchMedianMs">The PyTorch reference's median.</param>
/// <param name="Ratio">TorchSharp / PyTorch: below 1 means this workbench is faster (the target is ≤ 1 for (a) and (b)).</param>
public sealed record FigureComparison(string Id, double TorchSharpMedianMs, double PyTorchMedianMs, double Ratio);

/// <summary>
/// A benchmark report, the JSON that <c>nlce bench --json</c> writes and <c>bench/pytorch/bench_nlcen.py</c> writes in the same
/// schema (<see cref="SchemaVersion"/>), so runs can be tracked and compared over time.
/// </summary>
/// <param name="Schema">Always <see cref="SchemaVersion"/>.</param>
/// <param name="Implementation">torchsharp or pytorch.</param>
/// <param name="DateUtc">When the run started.</param>
/// <param name="Environment">Device, backend, libtorch version, threads.</param>
/// <param name="Settings">Model, sizes, repetitions, levers.</param>
/// <param name="Parameters">The model's parameter count (13,154,474 for nlcen-r18 at width 1, one input channel).</param>
/// <param name="Figures">Every figure measured.</param>
/// <param name="Comparison">With <c>--compare-pytorch</c>: the ratio per figure (a)–(c); otherwise null.</param>
public sealed record BenchReport(string Schema, string Implementation, DateTimeOffset DateUtc, BenchEnvironment Environment, BenchSettings Settings,
    long Parameters, IReadOnlyList<FigureResult> Figures, IReadOnlyList<FigureComparison>? Comparison = null)
{
    /// <summary>The schema id of version 1 of this format.</summary>
    public const string SchemaVersion = "nlce-bench/1";

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    /// <summary>The report as indented JSON (camel-case fields).</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Reads a report written by either implementation.</summary>
    /// <exception cref="DataFormatException">Not JSON, another schema, or a required field missing.</exception>
    public static BenchReport Read(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
            throw new DataFormatException(path, "no such benchmark report.");
        BenchReport? report;
        try
        {
            report = JsonSerializer.Deserialize<BenchReport>(File.ReadAllText(path), Json);
        }
        catch (JsonException e)
        {
            throw new DataFormatException(path, $"not a benchmark report: {e.Message}", e.Path, e);
        }
        if (report is null)
            throw new DataFormatException(path, "the file holds JSON null; expected a benchmark report object.");
        if (report.Schema != SchemaVersion)
            throw new DataFormatException(path, $"schema is '{report.Schema}'; this version reads '{SchemaVersion}'.", "schema");
        if (report.Figures is null || report.Environment is null || report.Settings is null)
            throw new DataFormatException(path, "figures, environment and settings are required.", report.Figures is null ? "figures" : report.Environment is null ? "environment" : "settings");
        return report;
    }

    /// <summary>The median ratio of this report to <paramref name="pytorch"/> for every figure both measured.</summary>
    public IReadOnlyList<FigureComparison> CompareWith(BenchReport pytorch)
    {
        ArgumentNullException.ThrowIfNull(pytorch);
        return Figures.Join(pytorch.Figures, mine => mine.Id, theirs => theirs.Id,
            (mine, theirs) => new FigureComparison(mine.Id, mine.Timing.MedianMs, theirs.Timing.MedianMs, mine.Timing.MedianMs / theirs.Timing.MedianMs)).ToArray();
    }
}
