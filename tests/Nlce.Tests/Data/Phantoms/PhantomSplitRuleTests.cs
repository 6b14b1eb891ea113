using Nlce.Data;
using Nlce.Data.Phantoms;

namespace Nlce.Tests.Data.Phantoms;

public sealed class PhantomSplitRuleTests
{
    [Theory]
    [InlineData(0, DatasetSplit.Train)]
    [InlineData(6, DatasetSplit.Train)]
    [InlineData(7, DatasetSplit.Val)]
    [InlineData(8, DatasetSplit.Test)]
    [InlineData(9, DatasetSplit.Test)]
    [InlineData(10, DatasetSplit.Train)]
    [InlineData(197, DatasetSplit.Val)]
    [InlineData(199, DatasetSplit.Test)]
    public void Split_follows_the_index_modulo_ten(int index, DatasetSplit expected) =>
        Assert.Equal(expected, PhantomSplitRule.SplitOf(index));

    [Theory]
    [InlineData(200, 140, 20, 40)]
    [InlineData(10, 7, 1, 2)]
    [InlineData(1000, 700, 100, 200)]
    [InlineData(7, 7, 0, 0)]
    [InlineData(13, 10, 1, 2)]
    public void Counts_are_70_10_20_percent(int count, int train, int val, int test)
    {
        var splits = Enumerable.Range(0, count).Select(PhantomSplitRule.SplitOf).ToList();
        Assert.Equal(train, splits.Count(s => s == DatasetSplit.Train));
        Assert.Equal(val, splits.Count(s => s == DatasetSplit.Val));
        Assert.Equal(test, splits.Count(s => s == DatasetSplit.Test));
    }

    [Fact]
    public void Negative_index_throws() =>
        Assert.Throws<ArgumentOutOfRangeException>("index", () => PhantomSplitRule.SplitOf(-1));
}
