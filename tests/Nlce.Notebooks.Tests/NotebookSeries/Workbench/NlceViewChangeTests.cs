using Nlce.Workbench;

namespace Nlce.Notebooks.Tests.NotebookSeries.Workbench;

public sealed class NlceViewChangeTests
{
    private static NlceLevelView View(float[] attention, int[] codewords, double[] gates, int level = 2, int queryRow = 0) =>
        new(level, 1, 2, gates.Length, queryRow, 0,
            new AttentionMapView(attention, 1, 2, 0, 0), new CodewordMapView(codewords, [1f, 1f], 3), gates);

    [Fact]
    public void Hand_computed_changes()
    {
        var change = NlceViewChange.Between(View([0.75f, 0.25f], [0, 2], [0.5, 0.9]), View([0.25f, 0.75f], [0, 1], [0.6, 0.6]));
        Assert.Equal(0.5, change.AttentionShift!.Value, 6);
        Assert.Equal(0.5, change.CodewordAgreement!.Value, 12);
        Assert.Equal(0.2, change.MeanGateChange!.Value, 12);
        Assert.Equal(0.3, change.MaxGateChange!.Value, 12);
    }

    [Fact]
    public void Missing_parts_give_null()
    {
        var withoutAttention = View([1f, 0f], [0, 0], [0.5]) with { Attention = null, Gates = null };
        var change = NlceViewChange.Between(withoutAttention, View([1f, 0f], [0, 0], [0.5]));
        Assert.Null(change.AttentionShift);
        Assert.Null(change.MeanGateChange);
        Assert.Equal(1.0, change.CodewordAgreement);
    }

    [Theory]
    [InlineData(3, 0)]
    [InlineData(2, 1)]
    public void Views_of_another_level_or_query_are_refused(int level, int queryRow)
    {
        Assert.Throws<ArgumentException>(() => NlceViewChange.Between(View([1f, 0f], [0, 0], [0.5]), View([1f, 0f], [0, 0], [0.5], level, queryRow)));
    }

    [Fact]
    public void Codewords_in_use_counts_distinct_winners()
    {
        Assert.Equal(2, new CodewordMapView([0, 2, 2, 0], [1f, 1f, 1f, 1f], 4).CodewordsInUse);
    }
}
