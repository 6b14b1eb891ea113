using Nlce.Data;
using Nlce.Data.Export;
using Nlce.Data.Phantoms;
using Nlce.Data.Verification;

namespace Nlce.Tests.Data;

public sealed class DatasetVerifierTests
{
    private static string ExportFolder(TemporaryFolder folder, int count = 6)
    {
        DatasetExporter.Export(new PhantomDataset(PhantomKind.Lung, new PhantomOptions { Count = count, Size = 32 }), ExportLayout.Folder, folder.Root);
        return folder.Root;
    }

    [Fact]
    public void A_clean_folder_verifies_clean()
    {
        using var folder = new TemporaryFolder();
        var report = DatasetVerifier.Verify($"folder:{ExportFolder(folder)}");
        Assert.True(report.IsClean);
        Assert.Equal(6, report.SamplesChecked);
    }

    [Fact]
    public void Every_missing_extra_and_unreadable_file_is_listed_by_name()
    {
        using var folder = new TemporaryFolder();
        string root = ExportFolder(folder);
        File.Delete(Path.Combine(root, "masks", "phantom-lung-0001.png"));
        File.Delete(Path.Combine(root, "masks", "phantom-lung-0002.png"));
        File.Copy(Path.Combine(root, "masks", "phantom-lung-0003.png"), Path.Combine(root, "masks", "orphan.png"));
        File.WriteAllText(Path.Combine(root, "images", "notes.txt"), "not an image");
        File.WriteAllBytes(Path.Combine(root, "images", "phantom-lung-0004.png"), [0x89, 0x50, 0x4E, 0x47, 1, 2, 3]);

        var report = DatasetVerifier.Verify($"folder:{root}");
        Assert.False(report.IsClean);
        Assert.Equal(2, report.Missing.Count);
        Assert.Contains(report.Missing, m => m.Contains("phantom-lung-0001.png"));
        Assert.Contains(report.Missing, m => m.Contains("phantom-lung-0002.png"));
        Assert.Contains(report.Extra, e => e.Contains("orphan.png"));
        Assert.Contains(report.Extra, e => e.Contains("notes.txt"));
        Assert.Contains(report.Unreadable, u => u.Contains("phantom-lung-0004.png"));
        Assert.Equal(4, report.SamplesChecked); // 0000, 0003, 0004, 0005
    }

    [Fact]
    public void A_missing_folder_is_reported_not_thrown()
    {
        using var folder = new TemporaryFolder();
        var report = DatasetVerifier.Verify($"folder:{Path.Combine(folder.Root, "nothing")}");
        Assert.Contains(report.Missing, m => m.Contains("nothing"));
    }

    [Fact]
    public void Other_kinds_report_the_readers_problems_and_decode_every_sample()
    {
        using var folder = new TemporaryFolder();
        DatasetExporter.Export(new PhantomDataset(PhantomKind.Skin, new PhantomOptions { Count = 10, Size = 32 }), ExportLayout.Isbi2016, folder.Root);
        Assert.True(DatasetVerifier.Verify($"isbi2016:{folder.Root}").IsClean);
        var corrupt = Directory.GetFiles(folder.Root, "*.jpg", SearchOption.AllDirectories)[0];
        File.WriteAllBytes(corrupt, [1, 2, 3]);
        var report = DatasetVerifier.Verify($"isbi2016:{folder.Root}");
        Assert.False(report.IsClean);
        Assert.Contains(Path.GetFileName(corrupt), string.Join("\n", report.Problems.Concat(report.Unreadable)));
    }
}

public sealed class RegisteredDatasetVerifierTests
{
    [Fact]
    public void A_registered_dataset_is_checked_against_its_manifest_counts()
    {
        using var folder = new TemporaryFolder();
        var phantoms = new PhantomDataset(PhantomKind.Skin, new PhantomOptions { Count = 10, Size = 32 });
        DatasetExporter.Export(phantoms, ExportLayout.Isbi2016, Path.Combine(folder.Root, "isbi2016"));
        var report = DatasetVerifier.Verify("isbi2016", new DatasetOpenOptions(DataRoot: folder.Root));
        Assert.Equal(10, report.SamplesChecked);
        Assert.Empty(report.Unreadable);
        // The manifest expects 900 training and 379 test images: ten phantoms are reported as missing files, by pattern.
        Assert.Contains(report.Missing, m => m.Contains("ISBI2016_ISIC_Part1_Training_Data"));
        Assert.False(report.IsClean);
    }
}
