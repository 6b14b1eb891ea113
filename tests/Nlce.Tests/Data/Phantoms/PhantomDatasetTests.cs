using Nlce.Data;
using Nlce.Data.Phantoms;

namespace Nlce.Tests.Data.Phantoms;

public sealed class PhantomDatasetTests
{
    [Theory]
    [InlineData(PhantomKind.Lung, "phantom-lung")]
    [InlineData(PhantomKind.Skin, "phantom-skin")]
    public void Default_dataset_lists_200_samples_split_140_20_40(PhantomKind kind, string spec)
    {
        var dataset = new PhantomDataset(kind);
        Assert.Equal(spec, dataset.Spec);
        Assert.Equal(new PhantomOptions(), dataset.Options);
        Assert.Equal(200, dataset.Samples.Count);
        Assert.Equal($"{spec}-0000", dataset.Samples[0].Name);
        Assert.Equal($"{spec}-0199", dataset.Samples[^1].Name);
        Assert.Equal(140, dataset.Samples.Count(s => s.Split == DatasetSplit.Train));
        Assert.Equal(20, dataset.Samples.Count(s => s.Split == DatasetSplit.Val));
        Assert.Equal(40, dataset.Samples.Count(s => s.Split == DatasetSplit.Test));
        Assert.Equal(200, dataset.Samples.Select(s => s.Name).Distinct().Count());
    }

    [Fact]
    public void Load_renders_the_sample_named_by_the_reference()
    {
        var options = new PhantomOptions { Count = 12, Size = 48, Seed = 4 };
        var dataset = PhantomDataset.Open("phantom-skin", options);
        var reference = dataset.Samples[9];
        var loaded = dataset.Load(reference);
        var generated = new PhantomSkinGenerator(options).Generate(9);
        Assert.Equal(reference.Name, loaded.Name);
        Assert.Equal(reference.Split, loaded.Split);
        Assert.Equal(generated.Image.Pixels, loaded.Image.Pixels);
        Assert.Equal(generated.Mask.Labels, loaded.Mask.Labels);
    }

    [Theory]
    [InlineData("phantom-lung-0012", DatasetSplit.Val)]
    [InlineData("phantom-lung-0003", DatasetSplit.Test)]
    [InlineData("phantom-skin-0003", DatasetSplit.Train)]
    [InlineData("phantom-lung-3", DatasetSplit.Train)]
    [InlineData("phantom-lung--001", DatasetSplit.Train)]
    [InlineData("jsrt-0001", DatasetSplit.Train)]
    public void Load_of_a_sample_from_elsewhere_throws_naming_it(string name, DatasetSplit split)
    {
        var dataset = new PhantomDataset(PhantomKind.Lung, new PhantomOptions { Count = 12, Size = 32 });
        var error = Assert.Throws<ArgumentException>("sample", () => dataset.Load(new SampleRef(name, split)));
        Assert.Contains(name, error.Message);
        Assert.Contains("phantom-lung", error.Message);
    }

    [Fact]
    public void Open_rejects_unknown_specs_listing_the_valid_ones()
    {
        var error = Assert.Throws<ArgumentException>(() => PhantomDataset.Open("phantom-brain"));
        Assert.Contains("phantom-lung, phantom-skin", error.Message);
    }

    [Fact]
    public void Samples_can_be_loaded_in_parallel_with_the_same_result()
    {
        var dataset = new PhantomDataset(PhantomKind.Lung, new PhantomOptions { Count = 6, Size = 40 });
        var sequential = dataset.Samples.Select(dataset.Load).ToList();
        var parallel = dataset.Samples.AsParallel().AsOrdered().Select(dataset.Load).ToList();
        for (int i = 0; i < sequential.Count; i++)
            Assert.Equal(sequential[i].Image.Pixels, parallel[i].Image.Pixels);
    }
}
