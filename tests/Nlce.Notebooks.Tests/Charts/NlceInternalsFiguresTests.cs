using Nlce.Charts;

namespace Nlce.Notebooks.Tests.Charts;

public class NlceInternalsFiguresTests
{
    [Fact]
    public void Attention_map_is_a_heatmap_of_the_rows_with_the_pixel_marked()
    {
        var traces = FigureJson.Traces(NlceInternalsFigures.AttentionMap([0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f], 3, 2, 2, 1));
        Assert.Equal("heatmap", traces[0]!["type"]!.GetValue<string>());
        var z = traces[0]!["z"]!.AsArray();
        Assert.Equal(2, z.Count);
        Assert.Equal([0.4, 0.5, 0.6], FigureJson.Numbers(z[1]).Select(v => Math.Round(v, 3)));
        Assert.Equal([2.0], FigureJson.Numbers(traces[1]!["x"]));
        Assert.Equal([1.0], FigureJson.Numbers(traces[1]!["y"]));
    }

    [Fact]
    public void Codeword_map_and_channel_gates()
    {
        var codewords = FigureJson.Traces(NlceInternalsFigures.CodewordAssignmentMap([0, 1, 2, 1], 2, 2, 3));
        Assert.Equal([2.0, 1.0], FigureJson.Numbers(codewords[0]!["z"]![1]));
        var gates = FigureJson.Traces(NlceInternalsFigures.ChannelGates([0.2, 0.9, 0.5]));
        Assert.Equal("bar", gates[0]!["type"]!.GetValue<string>());
        Assert.Equal([0.2, 0.9, 0.5], FigureJson.Numbers(gates[0]!["y"]));
    }

    [Theory]
    [InlineData("weights")]
    [InlineData("pixel")]
    [InlineData("codeword")]
    [InlineData("gate")]
    public void Illegal_arguments_throw(string which)
    {
        Action call = which switch
        {
            "weights" => () => NlceInternalsFigures.AttentionMap([0.1f, 0.2f], 3, 2, 0, 0),
            "pixel" => () => NlceInternalsFigures.AttentionMap([0.1f, 0.2f], 2, 1, 2, 0),
            "codeword" => () => NlceInternalsFigures.CodewordAssignmentMap([0, 3], 2, 1, 3),
            _ => () => NlceInternalsFigures.ChannelGates([1.5]),
        };
        Assert.ThrowsAny<ArgumentException>(call);
    }
}
