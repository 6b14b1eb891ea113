using Nlce.Defenses;

namespace Nlce.Tests.Defenses;

public sealed class InputDefenseCatalogTests
{
    [Theory]
    [InlineData("fr", "fr")]
    [InlineData(" FR ", "fr")]
    [InlineData("fr:30,5,60", "fr")]
    [InlineData("fr:20,5,40", "fr-pd20-ac5-gd40")]
    [InlineData("jpeg-q75", "jpeg-q75")]
    [InlineData("JPEG-Q10", "jpeg-q10")]
    public void Names_parse_into_defenses(string text, string name) => Assert.Equal(name, InputDefenseCatalog.Parse(text).Name);

    [Theory]
    [InlineData("blur", "Accepted")]
    [InlineData("fr:1,2", "three numbers")]
    [InlineData("fr:0,5,60", "three numbers")]
    [InlineData("jpeg-q0", "1–100")]
    [InlineData("jpeg-qhigh", "1–100")]
    public void Bad_names_are_refused_with_the_accepted_forms(string text, string expected) =>
        Assert.Contains(expected, Assert.ThrowsAny<ArgumentException>(() => InputDefenseCatalog.Parse(text)).Message);
}
