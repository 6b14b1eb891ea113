using Nlce.Data;
using Plotly.NET;
using Plotly.NET.CSharp;
using Chart = Plotly.NET.CSharp.Chart;

namespace Nlce.Charts;

/// <summary>
/// Figures of NLCE's internals (He et al. 2019, §3): the non-local attention of one chosen pixel over the feature map
/// (the row of the attention matrix for that pixel), the codeword each position is assigned to by the context
/// encoding's soft assignment (argmax over codewords), and the channel gates (the scaling vector applied to the
/// feature channels).
/// </summary>
public static class NlceInternalsFigures
{
    /// <summary>
    /// Heatmap of the attention weights of pixel (<paramref name="pixelX"/>, <paramref name="pixelY"/>) over a
    /// <paramref name="width"/>×<paramref name="height"/> feature map (row-major weights), with the pixel marked.
    /// </summary>
    public static GenericChart AttentionMap(IReadOnlyList<float> weights, int width, int height, int pixelX, int pixelY)
    {
        RequireMap(weights, width, height, nameof(weights));
        if (pixelX < 0 || pixelX >= width || pixelY < 0 || pixelY >= height)
            throw new ArgumentOutOfRangeException(nameof(pixelX), $"pixel ({pixelX}, {pixelY}) lies outside the {width}×{height} map.");
        var heatmap = Chart.Heatmap<float, int, int, string>(
            zData: Rows(weights, width, height), Name: "attention", ColorScale: StyleParam.Colorscale.Viridis, ReverseYAxis: true);
        var marker = Chart.Point<int, int, string>(x: [pixelX], y: [pixelY], Name: $"pixel ({pixelX}, {pixelY})",
            MarkerColor: Color.fromKeyword(ColorKeyword.Red));
        return Plotly.NET.Chart.withTitle($"Non-local attention of pixel ({pixelX}, {pixelY})", TitleFont: null)
            .Invoke(Chart.Combine([heatmap, marker]));
    }

    /// <summary>
    /// Map of the codeword index assigned to each position (row-major, values in [0, <paramref name="codewordCount"/>)).
    /// </summary>
    public static GenericChart CodewordAssignmentMap(IReadOnlyList<int> assignments, int width, int height, int codewordCount)
    {
        RequireMap(assignments, width, height, nameof(assignments));
        ArgumentOutOfRangeException.ThrowIfLessThan(codewordCount, 1);
        for (var i = 0; i < assignments.Count; i++)
        {
            if (assignments[i] < 0 || assignments[i] >= codewordCount)
                throw new ArgumentOutOfRangeException(nameof(assignments), assignments[i], $"assignment at index {i} is outside [0, {codewordCount}).");
        }
        var heatmap = Chart.Heatmap<int, int, int, string>(zData: Rows(assignments, width, height), Name: "codeword",
            ColorScale: StyleParam.Colorscale.Portland, ReverseYAxis: true);
        return Plotly.NET.Chart.withTitle($"Codeword assignment ({codewordCount} codewords)", TitleFont: null).Invoke(heatmap);
    }

    /// <summary>Bar chart of the channel gates (one bar per channel, values in [0, 1]).</summary>
    public static GenericChart ChannelGates(IReadOnlyList<double> gates)
    {
        ArgumentNullException.ThrowIfNull(gates);
        if (gates.Count == 0)
            throw new ArgumentException("no gates to plot.", nameof(gates));
        for (var i = 0; i < gates.Count; i++)
            FigureChecks.RequireUnit(gates[i], $"{nameof(gates)}[{i}]");
        var bars = Chart.Column<double, int, string>(values: gates, Keys: Enumerable.Range(0, gates.Count).ToList(), Name: "gate");
        return Plotly.NET.Chart.withTitle("Channel gates", TitleFont: null).Invoke(bars)
            .WithXAxisStyle<double, double, string>(TitleText: "channel")
            .WithYAxisStyle<double, double, string>(TitleText: "gate value");
    }

    /// <summary>An attention map drawn from a grey <see cref="ImageData"/> (e.g. an upsampled attention row).</summary>
    public static GenericChart AttentionMap(ImageData attention, int pixelX, int pixelY)
    {
        ArgumentNullException.ThrowIfNull(attention);
        if (attention.Channels != 1)
            throw new ArgumentException($"attention has {attention.Channels} channels; expected 1.", nameof(attention));
        return AttentionMap(attention.Pixels, attention.Width, attention.Height, pixelX, pixelY);
    }

    private static List<List<T>> Rows<T>(IReadOnlyList<T> values, int width, int height) =>
        Enumerable.Range(0, height).Select(y => Enumerable.Range(0, width).Select(x => values[y * width + x]).ToList()).ToList();

    private static void RequireMap<T>(IReadOnlyList<T> values, int width, int height, string name)
    {
        ArgumentNullException.ThrowIfNull(values, name);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        if (values.Count != width * height)
            throw new ArgumentException($"{name} has {values.Count} values; expected width·height = {width}·{height} = {width * height}.", name);
    }
}
