using Nlce.Data;
using Nlce.Evaluation.Sweep;
using Nlce.Tests.Attacks;

namespace Nlce.Tests.Evaluation.Sweep;

public sealed class EvaluationImagesTests
{
    [Fact]
    public void The_split_and_count_choose_images_in_dataset_order_and_the_cache_gives_the_same_tensors()
    {
        using var folder = new TemporaryFolder();
        var request = new EvaluationImages { Dataset = "phantom-lung", PhantomCount = 10, Size = 32, Split = DatasetSplit.Test };
        using var direct = request.Load();
        using var cached = (request with { Cache = folder.Root }).Load();
        using var first = (request with { Count = 1 }).Load();

        // Phantom splits: index mod 10 = 8, 9 are test images.
        Assert.Equal(["phantom-lung-0008", "phantom-lung-0009"], direct.Samples.Select(s => s.Name));
        Assert.Equal((2, 1, 32, 32), (direct.Count, direct.Channels, direct.Height, direct.Width));
        Assert.True(TensorsEqual.Exactly(direct.Images, cached.Images) && TensorsEqual.Exactly(direct.Masks, cached.Masks), "cache and direct read agree");
        Assert.Equal(["phantom-lung-0008"], first.Samples.Select(s => s.Name));
        Assert.True(TensorsEqual.Exactly(first.Images, direct.Images[..1]));
        Assert.Equal("phantom-lung test split, first 1, 10 phantoms, 32²", (request with { Count = 1 }).Describe());
    }

    [Fact]
    public void An_empty_split_is_an_error_naming_the_dataset()
    {
        var error = Assert.Throws<ArgumentException>(() => new EvaluationImages { Dataset = "phantom-lung", PhantomCount = 3, Size = 32 }.Load());
        Assert.Contains("'phantom-lung' has no test images (3 samples in all)", error.Message);
    }

    public static TheoryData<EvaluationImages, string> Bad => new()
    {
        { new EvaluationImages { Dataset = " " }, "Dataset" },
        { new EvaluationImages { Dataset = "phantom-lung", Size = 7 }, "Size" },
        { new EvaluationImages { Dataset = "phantom-lung", Count = 0 }, "Count" },
        { new EvaluationImages { Dataset = "phantom-lung", PhantomCount = 0 }, "PhantomCount" },
        { new EvaluationImages { Dataset = "phantom-lung", Split = (DatasetSplit)5 }, "Split" },
    };

    [Theory]
    [MemberData(nameof(Bad))]
    public void Bad_requests_name_the_field(EvaluationImages request, string field) =>
        Assert.Equal(field, Assert.ThrowsAny<ArgumentException>(() => request.Validate()).ParamName);
}
