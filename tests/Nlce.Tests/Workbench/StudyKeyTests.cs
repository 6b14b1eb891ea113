using System.Security.Cryptography;
using System.Text;
using Nlce.Evaluation.Reproduction;
using Nlce.Workbench;

namespace Nlce.Tests.Workbench;

public sealed class StudyKeyTests
{
    [Fact]
    public void Checkpoint_folder_names_are_unchanged_by_the_shared_naming()
    {
        var key = CheckpointKey.For("unet+nlce", "folder:/a/b", ReproductionProfile.Quick, 3);
        string hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("unet+nlce\nfolder:/a/b\nquick\n3")))[..8];
        Assert.Equal($"unet_nlce__folder__a_b__quick__seed3__{hash}", key.FolderName);
    }

    [Fact]
    public void Study_folders_live_under_studies_and_differ_by_every_part()
    {
        var cache = new WorkbenchCache("/tmp/cache-root");
        var key = StudyKey.For("fig4", "phantom-lung", ReproductionProfile.Smoke, 0);
        string folder = cache.StudyFolder(key);
        Assert.Equal(Path.Combine("/tmp/cache-root", WorkbenchCache.StudiesFolderName, key.FolderName), folder);
        Assert.StartsWith("fig4__phantom-lung__smoke__seed0__", key.FolderName);
        var others = new[] { key with { Study = "fig5" }, key with { DatasetSpec = "phantom-skin" }, key with { Profile = "quick" }, key with { Seed = 1 } };
        Assert.Equal(5, others.Select(k => k.FolderName).Append(key.FolderName).Distinct().Count());
    }

    [Theory]
    [InlineData("", "phantom-lung", "Study")]
    [InlineData("fig4", " ", "DatasetSpec")]
    public void Blank_parts_are_refused(string study, string dataset, string field)
    {
        var error = Assert.Throws<ArgumentException>(() => StudyKey.For(study, dataset, ReproductionProfile.Smoke, 0));
        Assert.Equal(field, error.ParamName);
    }
}
