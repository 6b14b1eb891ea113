using Nlce.Data.Manifests;

namespace Nlce.Tests.Data.Manifests;

public sealed class GlobPatternTests
{
    [Theory]
    [InlineData("All247images/JPCLN*.IMG", "All247images/JPCLN001.IMG", true)]
    [InlineData("All247images/JPCLN*.IMG", "All247images/jpcln001.img", true)]
    [InlineData("All247images/JPCLN*.IMG", "All247images/JPCNN001.IMG", false)]
    [InlineData("All247images/JPCLN*.IMG", "All247images/sub/JPCLN001.IMG", false)]
    [InlineData("All247images/JPCLN*.IMG", "x/All247images/JPCLN001.IMG", false)]
    [InlineData("scratch/fold1/masks/left lung/*.gif", "scratch/fold1/masks/left lung/JPCLN001.gif", true)]
    [InlineData("scratch/fold1/masks/left lung/*.gif", "scratch/fold1/masks/right lung/JPCLN001.gif", false)]
    [InlineData("ISIC_???????.jpg", "ISIC_0000001.jpg", true)]
    [InlineData("ISIC_???????.jpg", "ISIC_000001.jpg", false)]
    [InlineData("a.b", "axb", false)]
    [InlineData("**/ManualMask/leftMask/*.png", "ManualMask/leftMask/M.png", true)]
    [InlineData("**/ManualMask/leftMask/*.png", "MontgomerySet/ManualMask/leftMask/M.png", true)]
    [InlineData("**/ManualMask/leftMask/*.png", "a/b/ManualMask/leftMask/M.png", true)]
    [InlineData("**/ManualMask/leftMask/*.png", "a/ManualMask/rightMask/M.png", false)]
    [InlineData("data/**", "data/x/y/z.bin", true)]
    [InlineData("data/**", "other/x.bin", false)]
    [InlineData("x/*", "x\\file.txt", true)]
    [InlineData("(a)+[b].txt", "(a)+[b].txt", true)]
    public void Matches_like_the_schema_describes(string pattern, string path, bool expected) =>
        Assert.Equal(expected, new GlobPattern(pattern).IsMatch(path));

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void An_empty_pattern_is_refused(string pattern) =>
        Assert.Throws<ArgumentException>(() => new GlobPattern(pattern));
}
