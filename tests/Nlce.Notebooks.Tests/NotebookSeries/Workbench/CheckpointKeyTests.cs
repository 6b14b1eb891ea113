using Nlce.Evaluation.Reproduction;
using Nlce.Workbench;

namespace Nlce.Notebooks.Tests.NotebookSeries.Workbench;

public sealed class CheckpointKeyTests
{
    [Fact]
    public void Folder_name_is_readable_file_name_safe_and_stable()
    {
        var key = CheckpointKey.For("unet+nlce", "folder:/data/my lungs", ReproductionProfile.Quick, 7);
        string name = key.FolderName;
        Assert.StartsWith("unet_nlce__folder__data_my_lungs__quick__seed7__", name);
        Assert.All(name, c => Assert.True(char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.', $"'{c}' in {name}"));
        Assert.Equal(name, new CheckpointKey("unet+nlce", "folder:/data/my lungs", "quick", 7).FolderName);
    }

    [Theory]
    [InlineData("folder:/a/b", "folder:/a_b")]
    [InlineData("phantom-lung", "phantom-skin")]
    public void Keys_that_differ_get_different_folders(string spec, string otherSpec)
    {
        Assert.NotEqual(new CheckpointKey("nlcen-r18", spec, "smoke", 0).FolderName, new CheckpointKey("nlcen-r18", otherSpec, "smoke", 0).FolderName);
        Assert.NotEqual(new CheckpointKey("nlcen-r18", spec, "smoke", 0).FolderName, new CheckpointKey("nlcen-r18", spec, "smoke", 1).FolderName);
        Assert.NotEqual(new CheckpointKey("nlcen-r18", spec, "smoke", 0).FolderName, new CheckpointKey("nlcen-r18", spec, "quick", 0).FolderName);
    }

    [Fact]
    public void Long_parts_are_cut_but_keep_the_hash()
    {
        string name = new CheckpointKey("m", "folder:/" + new string('x', 200), "paper", 0).FolderName;
        Assert.True(name.Length < 120, name);
        Assert.Matches("__[0-9a-f]{8}$", name);
    }

    [Theory]
    [InlineData("", "phantom-lung", "smoke", "Model")]
    [InlineData("unet", " ", "smoke", "DatasetSpec")]
    [InlineData("unet", "phantom-lung", "", "Profile")]
    public void Empty_fields_are_refused_by_name(string model, string spec, string profile, string field)
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => new CheckpointKey(model, spec, profile, 0).FolderName);
        Assert.Equal(field, error.ParamName);
    }

    [Fact]
    public void The_cache_puts_checkpoints_and_prepared_data_under_its_root()
    {
        var cache = new WorkbenchCache("relative-cache");
        Assert.True(Path.IsPathRooted(cache.Root));
        var key = new CheckpointKey("unet", "phantom-lung", "smoke", 0);
        Assert.Equal(Path.Combine(cache.Root, "checkpoints", key.FolderName), cache.CheckpointFolder(key));
        Assert.Equal(Path.Combine(cache.Root, "prepared"), cache.PreparedFolder);
        Assert.EndsWith(Path.Combine("nlce", "notebooks"), WorkbenchCache.DefaultFolder);
        Assert.Throws<ArgumentException>(() => new WorkbenchCache(" "));
    }
}
