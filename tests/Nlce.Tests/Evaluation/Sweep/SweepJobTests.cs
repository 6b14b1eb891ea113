using Nlce.Attacks;
using Nlce.Data;
using Nlce.Evaluation.Sweep;

namespace Nlce.Tests.Evaluation.Sweep;

public sealed class SweepJobTests : IDisposable
{
    private readonly TemporaryFolder folder = new();

    [Fact]
    public void A_sweep_file_reads_into_options_images_and_models()
    {
        string path = Write("""
            {
              // comments and trailing commas are allowed
              "models": ["unet=runs/unet.bin", "nlcen-r18=runs/nlcen"],
              "attacks": ["targeted-ifgsm", "pgd"],
              "eps": [2, 8],
              "dataset": "phantom-lung",
              "size": 64,
              "split": "val",
              "count": 5,
              "store": "out/lung.sqlite",
              "batch": 4,
              "seed": 3,
              "defense": "fr",
              "clean": false,
            }
            """);
        var job = SweepJob.Read(path).Validate();

        Assert.Equal([new ModelReference("unet", "runs/unet.bin"), new ModelReference("nlcen-r18", "runs/nlcen")], job.References());
        var options = job.ToOptions();
        Assert.Equal(["targeted-ifgsm", "pgd"], options.Attacks);
        Assert.Equal([2.0, 8.0], options.Epsilons);
        Assert.Equal((false, "fr", 3, 4), (options.IncludeClean, options.Defense, options.Seed, options.BatchSize));
        var images = job.ToImages();
        Assert.Equal(("phantom-lung", 64, DatasetSplit.Val, 5, 3), (images.Dataset, images.Size, images.Split, images.Count, images.Seed));
        Assert.Equal(("out/lung.sqlite", "auto"), (job.Store, job.Device));
    }

    [Fact]
    public void Omitted_fields_take_the_papers_protocol()
    {
        var job = SweepJob.Read(Write("""{ "models": ["unet=w.bin"], "dataset": "phantom-lung", "store": "s.sqlite" }""")).Validate();
        Assert.Equal(TargetedIfgsm.PaperEpsilons, job.ToOptions().Epsilons);
        Assert.Equal(["targeted-ifgsm"], job.ToOptions().Attacks);
        Assert.Equal((256, DatasetSplit.Test, (int?)null, true), (job.Size, job.Split, job.Count, job.Clean));
        Assert.Null(SweepJob.Read(Write("""{ "split": null }""")).Split);
    }

    [Theory]
    [InlineData("""{ "models": [], "epsilons": [2] }""", "epsilons")]
    [InlineData("""{ "size": "big" }""", "$.size")]
    [InlineData("""{ "split": "testing" }""", "$.split")]
    [InlineData("""{ "models": ["unet=w.bin"] """, "not a valid sweep file")]
    [InlineData("null", "JSON null")]
    public void Malformed_files_name_the_file_and_the_field(string json, string expected)
    {
        string path = Write(json);
        var error = Assert.Throws<DataFormatException>(() => SweepJob.Read(path));
        Assert.Contains(path, error.Message);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void A_missing_file_is_named()
    {
        string path = folder.Combine("absent.json");
        Assert.Contains(path, Assert.Throws<DataFormatException>(() => SweepJob.Read(path)).Message);
    }

    public static TheoryData<SweepJob, string> Incomplete => new()
    {
        { new SweepJob { Dataset = "phantom-lung", Store = "s" }, "Models" },
        { new SweepJob { Models = ["unet"], Dataset = "phantom-lung", Store = "s" }, "text" },
        { new SweepJob { Models = ["unet=a", "unet=b"], Dataset = "phantom-lung", Store = "s" }, "Models" },
        { new SweepJob { Models = ["unet=a"], Dataset = "phantom-lung" }, "Store" },
        { new SweepJob { Models = ["unet=a"], Store = "s" }, "Dataset" },
        { new SweepJob { Models = ["unet=a"], Dataset = "phantom-lung", Store = "s", Batch = 0 }, "BatchSize" },
        { new SweepJob { Models = ["unet=a"], Dataset = "phantom-lung", Store = "s", Size = 4 }, "Size" },
        { new SweepJob { Models = ["unet=a"], Dataset = "phantom-lung", Store = "s", Eps = [-1] }, "Epsilons" },
    };

    [Theory]
    [MemberData(nameof(Incomplete))]
    public void Incomplete_jobs_name_what_is_missing(SweepJob job, string field)
    {
        Assert.Equal(field, Assert.ThrowsAny<ArgumentException>(() => job.Validate()).ParamName);
    }

    [Theory]
    [InlineData("unet=runs/w.bin", "unet", "runs/w.bin")]
    [InlineData(" my model = /data/a=b.bin ", "my model", "/data/a=b.bin")]
    public void Model_references_split_at_the_first_equals_sign(string text, string name, string source) =>
        Assert.Equal(new ModelReference(name, source), ModelReference.Parse(text));

    [Theory]
    [InlineData("unet")]
    [InlineData("=w.bin")]
    [InlineData("unet=")]
    [InlineData(" =w.bin")]
    public void Model_references_without_name_or_path_are_refused(string text)
    {
        var error = Assert.Throws<ArgumentException>(() => ModelReference.Parse(text));
        Assert.Contains("expected name=path", error.Message);
    }

    public void Dispose() => folder.Dispose();

    private string Write(string json)
    {
        string path = folder.File($"sweep-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        return path;
    }
}
