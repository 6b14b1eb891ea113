using Nlce.Data.Phantoms;

namespace Nlce.Tests.Data.Phantoms;

public sealed class PhantomKindSpecsTests
{
    [Theory]
    [InlineData(PhantomKind.Lung, "phantom-lung")]
    [InlineData(PhantomKind.Skin, "phantom-skin")]
    public void Spec_round_trips(PhantomKind kind, string spec)
    {
        Assert.Equal(spec, kind.ToSpec());
        Assert.Equal(kind, PhantomKindSpecs.Parse(spec));
        Assert.Equal(kind, PhantomKindSpecs.Parse(spec.ToUpperInvariant()));
    }

    [Theory]
    [InlineData("phantom-lungs")]
    [InlineData("jsrt")]
    [InlineData("")]
    public void Unknown_spec_throws_listing_the_valid_ones(string spec)
    {
        var error = Assert.Throws<ArgumentException>("spec", () => PhantomKindSpecs.Parse(spec));
        Assert.Contains("phantom-lung", error.Message);
        Assert.Contains("phantom-skin", error.Message);
        Assert.False(PhantomKindSpecs.TryParse(spec, out _));
    }

    [Theory]
    [InlineData(PhantomKind.Lung, 0, 200, "phantom-lung-0000")]
    [InlineData(PhantomKind.Skin, 42, 200, "phantom-skin-0042")]
    [InlineData(PhantomKind.Lung, 7, 1, "phantom-lung-0007")]
    [InlineData(PhantomKind.Lung, 12345, 20000, "phantom-lung-12345")]
    [InlineData(PhantomKind.Skin, 5, 100001, "phantom-skin-000005")]
    public void Sample_names_are_zero_padded_so_they_sort_by_index(PhantomKind kind, int index, int count, string name) =>
        Assert.Equal(name, PhantomSampleNames.NameOf(kind, index, count));
}
