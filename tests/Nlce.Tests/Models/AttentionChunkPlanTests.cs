using Nlce.Models;

namespace Nlce.Tests.Models;

public sealed class AttentionChunkPlanTests
{
    public static TheoryData<long, long, long, long, long, long> Plans => new()
    {
        // batch, queries, keys, budget → images per chunk, queries per chunk
        { 8, 4096, 4096, 1L << 24, 1, 4096 },      // conv2 of a 256² input: one image per chunk
        { 8, 4096, 1024, 1L << 24, 4, 4096 },      // sub-sampled keys: four images per chunk
        { 8, 64, 64, 1L << 24, 8, 64 },            // conv5: the whole batch at once
        { 3, 30, 30, 1800, 2, 30 },
        { 3, 30, 30, 900, 1, 30 },
        { 3, 30, 30, 100, 1, 3 },                  // one image exceeds the budget: blocks of ⌊100/30⌋ rows
        { 3, 30, 30, 7, 1, 1 },                    // budget below one row: one row at a time
        { 2, 16384, 16384, 1L << 24, 1, 1024 },    // conv2 of a 512² input
    };

    [Theory]
    [MemberData(nameof(Plans))]
    public void Follows_the_documented_rule(long batch, long queries, long keys, long budget, long images, long rows)
    {
        var plan = AttentionChunkPlan.For(batch, queries, keys, budget);
        Assert.Equal(new AttentionChunkPlan(images, rows), plan);
        // Never more than the budget at once, unless a single row is already larger.
        Assert.True(plan.ImagesPerChunk * plan.QueriesPerChunk * keys <= Math.Max(budget, keys));
    }

    [Theory]
    [InlineData(0, 1, 1, 1)]
    [InlineData(1, 0, 1, 1)]
    [InlineData(1, 1, 0, 1)]
    [InlineData(1, 1, 1, 0)]
    public void Rejects_sizes_below_one(long batch, long queries, long keys, long budget) =>
        Assert.ThrowsAny<ArgumentOutOfRangeException>(() => AttentionChunkPlan.For(batch, queries, keys, budget));
}
