using Nlce.Data;
using Nlce.Training.Checkpoints;
using static TorchSharp.torch;

namespace Nlce.Tests.Training;

public sealed class StateDictFileTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("nlce-statedict-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private string PathOf(string name) => Path.Combine(folder, name);

    [Fact]
    public void Reads_what_Module_save_writes()
    {
        using var model = new TinySegmenter(TinySegmenter.Config1());
        string path = PathOf("model.dat");
        model.save(path);
        using var scope = NewDisposeScope();
        var read = StateDictFile.Read(path);
        var expected = model.state_dict();
        Assert.Equal(expected.Keys, read.Keys);
        foreach (var (key, value) in expected)
        {
            Assert.Equal(value.dtype, read[key].dtype);
            Assert.True(value.equal(read[key]).all().item<bool>(), key);
        }
    }

    [Fact]
    public void Reads_every_supported_element_type_and_scalars_written_by_the_format_itself()
    {
        using var scope = NewDisposeScope();
        var entries = new (string, Tensor)[]
        {
            ("f64", tensor(new[] { 1.5, -2.25 })),
            ("i64.scalar", tensor(42L)),
            ("flags", tensor(new[] { true, false, true })),
            ("u8", tensor(new byte[] { 0, 255 }).reshape(1, 2)),
            ("f16", tensor(new[] { 0.5f, 3f }).to(float16)),
            ("empty", zeros(0, 3)),
        };
        string path = PathOf("types.dat");
        TorchSharpFormatWriter.Write(path, entries);
        var read = StateDictFile.Read(path);
        Assert.Equal(entries.Select(e => e.Item1), read.Keys);
        foreach (var (key, value) in entries)
        {
            Assert.Equal(value.dtype, read[key].dtype);
            Assert.Equal(value.shape, read[key].shape);
            Assert.True(value.equal(read[key]).all().item<bool>(), key);
        }
    }

    [Fact]
    public void A_truncated_file_names_the_entry_it_breaks_off_in()
    {
        using var scope = NewDisposeScope();
        string path = PathOf("truncated.dat");
        TorchSharpFormatWriter.Write(path, [("layer1.weight", ones(4, 4))]);
        using (var stream = File.Open(path, FileMode.Open))
            stream.SetLength(stream.Length - 3);
        var e = Assert.Throws<DataFormatException>(() => StateDictFile.Read(path));
        Assert.Equal("layer1.weight", e.Field);
        Assert.Contains("truncated", e.Message);
        Assert.Contains(path, e.Message);
    }

    [Fact]
    public void An_unsupported_element_type_or_trailing_bytes_are_errors()
    {
        using var scope = NewDisposeScope();
        string path = PathOf("types.dat");
        TorchSharpFormatWriter.Write(path, [("w", ones(2))]);
        var bytes = File.ReadAllBytes(path);
        bytes[3] = 9; // count, key length, 'w', then the element type: 9 is complex64
        File.WriteAllBytes(path, bytes);
        var e = Assert.Throws<DataFormatException>(() => StateDictFile.Read(path));
        Assert.Equal("w", e.Field);
        Assert.Contains("element type code 9", e.Message);

        TorchSharpFormatWriter.Write(path, [("w", ones(2))], trailing: [1, 2]);
        Assert.Contains("2 unexpected byte(s)", Assert.Throws<DataFormatException>(() => StateDictFile.Read(path)).Message);
        Assert.Contains("not found", Assert.Throws<DataFormatException>(() => StateDictFile.Read(PathOf("absent.dat"))).Message);
    }
}
