using Nlce.Data.Phantoms;

namespace Nlce.Tests.Data.Phantoms;

public sealed class PhantomOptionsTests
{
    [Fact]
    public void Defaults_are_200_images_of_256_from_seed_0()
    {
        var options = new PhantomOptions();
        Assert.Equal(200, options.Count);
        Assert.Equal(256, options.Size);
        Assert.Equal(0, options.Seed);
    }

    [Theory]
    [InlineData(1, 32, 0)]
    [InlineData(5, 1024, -7)]
    [InlineData(PhantomOptions.MaxCount, PhantomOptions.MaxSize, int.MaxValue)]
    public void Accepts_values_in_range(int count, int size, int seed)
    {
        var options = new PhantomOptions { Count = count, Size = size, Seed = seed };
        Assert.Equal((count, size, seed), (options.Count, options.Size, options.Seed));
    }

    [Theory]
    [InlineData(0, 256, nameof(PhantomOptions.Count))]
    [InlineData(-3, 256, nameof(PhantomOptions.Count))]
    [InlineData(PhantomOptions.MaxCount + 1, 256, nameof(PhantomOptions.Count))]
    [InlineData(10, 31, nameof(PhantomOptions.Size))]
    [InlineData(10, 0, nameof(PhantomOptions.Size))]
    [InlineData(10, PhantomOptions.MaxSize + 1, nameof(PhantomOptions.Size))]
    public void Rejects_values_out_of_range_naming_the_option(int count, int size, string option)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new PhantomOptions { Count = count, Size = size });
        Assert.Equal(option, error.ParamName);
        Assert.Contains(option + " must be between", error.Message);
    }

    [Fact]
    public void With_expressions_are_validated_too()
    {
        var options = new PhantomOptions();
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => options with { Size = 16 });
        Assert.Equal(nameof(PhantomOptions.Size), error.ParamName);
        Assert.Equal(16, error.ActualValue);
    }

    [Fact]
    public void Equal_values_make_equal_options()
    {
        Assert.Equal(new PhantomOptions { Count = 3, Size = 64, Seed = 9 }, new PhantomOptions { Count = 3, Size = 64, Seed = 9 });
        Assert.NotEqual(new PhantomOptions { Seed = 1 }, new PhantomOptions { Seed = 2 });
    }
}
