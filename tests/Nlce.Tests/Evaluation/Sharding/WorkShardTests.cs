using Nlce.Evaluation.Results;
using Nlce.Evaluation.Sweep;

namespace Nlce.Tests.Evaluation.Sharding;

public sealed class WorkShardTests
{
    [Theory]
    [InlineData("0/1", 0, 1)]
    [InlineData("2/3", 2, 3)]
    [InlineData(" 7 / 8 ", 7, 8)]
    public void Parses_k_of_n(string text, int index, int count)
    {
        var shard = WorkShard.Parse(text);
        Assert.Equal((index, count), (shard.Index, shard.Count));
        Assert.Equal($"{index}/{count}", shard.ToString());
    }

    [Theory]
    [InlineData("3/3")]
    [InlineData("1/0")]
    [InlineData("-1/3")]
    [InlineData("1")]
    [InlineData("a/b")]
    [InlineData("1/2/3")]
    [InlineData("")]
    public void Rejects_malformed_shards_quoting_them(string text)
    {
        var error = Assert.Throws<ArgumentException>(() => WorkShard.Parse(text));
        Assert.Contains($"'{text}'", error.Message);
    }

    [Fact]
    public void Constructor_checks_its_range()
    {
        Assert.Equal("count", Assert.Throws<ArgumentOutOfRangeException>(() => new WorkShard(0, 0)).ParamName);
        Assert.Equal("index", Assert.Throws<ArgumentOutOfRangeException>(() => new WorkShard(2, 2)).ParamName);
        Assert.True(WorkShard.Whole.IsWhole);
        Assert.Equal([1, 4, 7], new WorkShard(1, 3).Select(Enumerable.Range(0, 9).ToArray()));
    }

    public static TheoryData<string, string, string?> Differences => new()
    {
        { """{"a":1,"b":[1,2]}""", """{"a":1,"b":[1,2]}""", null },
        { """{"a":1,"b":[1,2]}""", """{"a":1,"b":[1,3]}""", "b[1]: 2 | 3" },
        { """{"a":1,"b":[1,2]}""", """{"a":1,"b":[1]}""", "b[1]: 2 | (absent)" },
        { """{"a":{"x":"p"}}""", """{"a":{"x":"q"}}""", "a.x: \"p\" | \"q\"" },
        { """{"a":1}""", """{"a":1,"c":true}""", "c: (absent) | true" },
        { """{"a":1,"shard":"0/2"}""", """{"a":1,"shard":"1/2"}""", null },
        { """{"a":1}""", """{"a":1,"shard":"1/2"}""", null },
        { """{"images":{"description":"x","n":1}}""", """{"images":{"description":"y","n":1}}""", null },
    };

    [Theory]
    [MemberData(nameof(Differences))]
    public void Configuration_difference_names_the_first_differing_field(string first, string second, string? expected)
    {
        var ignored = new HashSet<string> { "shard", "images.description" };
        var difference = ConfigurationDifference.Find(first, second, ignored);
        Assert.Equal(expected, difference is null ? null : $"{difference.Field}: {difference.First} | {difference.Second}");
    }
}
