using Nlce.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace Nlce.Tests.Runtime;

public sealed class NativeRuntimeTests
{
    [Fact]
    public void Loads_libtorch_and_runs_a_conv_forward_and_backward()
    {
        var info = TorchRuntime.EnsureLoaded();
        Assert.Equal(TorchBackend.Cpu, info.Backend);
        Assert.True(File.Exists(info.BridgePath), info.BridgePath);

        using var scope = NewDisposeScope();
        manual_seed(1);
        var conv = nn.Conv2d(3, 4, 3, padding: 1);
        var x = randn(2, 3, 8, 8, requires_grad: true);
        var y = conv.call(x);
        Assert.Equal(new long[] { 2, 4, 8, 8 }, y.shape);
        y.square().sum().backward();
        Assert.NotNull(x.grad);
        Assert.True(x.grad!.abs().sum().item<float>() > 0f);
        Assert.True(conv.weight!.grad!.abs().sum().item<float>() > 0f);
    }

    [Fact]
    public void Conv_matches_a_hand_computed_value()
    {
        TorchRuntime.EnsureLoaded();
        using var scope = NewDisposeScope();
        // 1×1×3×3 input 1..9, 2×2 kernel of ones, no bias: each output is the sum of a 2×2 window.
        var x = arange(1, 10, dtype: float32).reshape(1, 1, 3, 3);
        var w = ones(1, 1, 2, 2);
        var y = nn.functional.conv2d(x, w);
        Assert.Equal(new[] { 12f, 16f, 24f, 28f }, y.flatten().data<float>().ToArray());
    }

    [Fact]
    public void Bridge_patch_is_applied_only_when_the_system_libstdcxx_lacks_the_version()
    {
        var info = TorchRuntime.EnsureLoaded();
        string? libStdCxx = LibStdCxxProbe.Locate();
        Assert.NotNull(libStdCxx);
        bool lacks = !LibStdCxxProbe.Defines(libStdCxx!, TorchRuntime.TolerableMissingVersion);
        Assert.Equal(lacks, info.BridgePatched);
        Assert.True(LibStdCxxProbe.Defines(libStdCxx!, "GLIBCXX_3.4"), "every libstdc++ defines GLIBCXX_3.4");
    }

    [Fact]
    public void Patched_bridge_marks_exactly_the_missing_requirement_weak_and_leaves_the_original_alone()
    {
        var info = TorchRuntime.EnsureLoaded();
        string original = Path.Combine(Path.GetDirectoryName(typeof(torch).Assembly.Location)!, "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
        byte[] bytes = File.ReadAllBytes(original);
        byte[] before = (byte[])bytes.Clone();
        int changed = ElfVersionRequirementPatcher.MarkRequirementWeak(bytes, TorchRuntime.TolerableMissingVersion);
        Assert.Equal(1, changed);
        int differing = bytes.Zip(before).Count(p => p.First != p.Second);
        Assert.Equal(1, differing); // one flag byte (vna_flags low byte gains VER_FLG_WEAK)
        Assert.Equal(before, File.ReadAllBytes(original));
        Assert.Equal(0, ElfVersionRequirementPatcher.MarkRequirementWeak((byte[])before.Clone(), "GLIBCXX_9.9.99"));
        if (info.BridgePatched)
            Assert.Equal(bytes, File.ReadAllBytes(info.BridgePath));
    }

    [Theory]
    [InlineData(new byte[] { 1, 2, 3 })]
    [InlineData(new byte[] { 0x7f, (byte)'E', (byte)'L', (byte)'F', 1, 1, 0, 0 })]
    public void Patcher_rejects_bytes_that_are_not_elf64_little_endian(byte[] head)
    {
        var image = new byte[128];
        head.CopyTo(image, 0);
        Assert.Throws<FormatException>(() => ElfVersionRequirementPatcher.MarkRequirementWeak(image, "GLIBCXX_3.4.32"));
    }
}

public sealed class ComputeDeviceTests
{
    [Theory]
    [InlineData("cpu")]
    [InlineData(" CPU ")]
    public void Cpu_resolves_to_the_cpu(string spec) => Assert.Equal(DeviceType.CPU, ComputeDevice.Resolve(spec).type);

    [Fact]
    public void Auto_is_cuda_exactly_when_cuda_is_available()
    {
        var expected = TorchRuntime.EnsureLoaded().CudaAvailable ? DeviceType.CUDA : DeviceType.CPU;
        Assert.Equal(expected, ComputeDevice.Resolve("auto").type);
    }

    [Theory]
    [InlineData("gpu")]
    [InlineData("cuda:x")]
    [InlineData("cuda:-1")]
    [InlineData("")]
    public void Unknown_device_names_are_rejected_with_the_choices(string spec)
    {
        var e = Assert.Throws<ArgumentException>(() => ComputeDevice.Resolve(spec));
        Assert.Contains("cuda", e.Message);
    }

    [Fact]
    public void Cuda_without_cuda_is_an_error_not_a_cpu_fallback()
    {
        TorchRuntime.EnsureLoaded();
        if (torch.cuda.is_available())
            return; // this check is about CPU-only hosts
        var e = Assert.Throws<ArgumentException>(() => ComputeDevice.Resolve("cuda"));
        Assert.Contains("not available", e.Message);
    }
}

[Collection(GlobalTorchStateCollection.Name)]
public sealed class DeterminismTests
{
    [Fact]
    public void Same_seed_gives_identical_numbers_and_another_seed_does_not()
    {
        Determinism.SeedAll(42);
        var a = torch.randn(64).data<float>().ToArray();
        Determinism.SeedAll(42);
        var b = torch.randn(64).data<float>().ToArray();
        Determinism.SeedAll(43);
        var c = torch.randn(64).data<float>().ToArray();
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void Derived_seeds_are_stable_and_differ_by_purpose()
    {
        Assert.Equal(Determinism.Derive(7, "shuffle"), Determinism.Derive(7, "shuffle"));
        Assert.NotEqual(Determinism.Derive(7, "shuffle"), Determinism.Derive(7, "augment"));
        Assert.NotEqual(Determinism.Derive(7, "shuffle"), Determinism.Derive(8, "shuffle"));
        Assert.InRange(Determinism.Derive(long.MaxValue, "x"), 0, int.MaxValue);
    }

    [Fact]
    public void Thread_count_is_settable_and_validated()
    {
        Determinism.SetThreads(1);
        Assert.Equal(1, torch.get_num_threads());
        Determinism.SetThreads(2);
        Assert.Equal(2, torch.get_num_threads());
        Assert.Throws<ArgumentOutOfRangeException>(() => Determinism.SetThreads(0));
    }
}

public sealed class NativeRuntimeErrorTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("  ")]
    public void The_host_backend_without_a_libtorch_folder_says_what_to_set(string? value)
    {
        var e = Assert.Throws<NativeRuntimeException>(() => TorchRuntime.HostLibTorchFolder(value));
        Assert.Contains(TorchBackendInfo.LibTorchDirVariable, e.Message);
        Assert.Contains("host", e.Message);
    }

    [Fact]
    public void A_libtorch_folder_that_does_not_exist_is_named()
    {
        var e = Assert.Throws<NativeRuntimeException>(() => TorchRuntime.HostLibTorchFolder("/no/such/libtorch"));
        Assert.Contains("/no/such/libtorch", e.Message);
    }

    [Fact]
    public void A_folder_without_libtorch_names_the_missing_file_and_the_backend()
    {
        using var folder = new TemporaryFolder();
        var e = Assert.Throws<NativeRuntimeException>(() => TorchRuntime.LibTorchFiles(TorchBackend.Host, folder.Root));
        Assert.Contains(Path.Combine(folder.Root, "libc10.so"), e.Message);
        Assert.Contains("'host'", e.Message);
    }

    [Fact]
    public void Cuda_libraries_are_optional_and_the_load_order_follows_dependencies()
    {
        using var folder = new TemporaryFolder();
        foreach (var name in new[] { "libtorch.so", "libc10.so", "libtorch_cpu.so" })
            File.WriteAllBytes(folder.File(name), []);
        var files = TorchRuntime.LibTorchFiles(TorchBackend.Host, folder.Root);
        Assert.Equal(["c10", "torch_cpu", "torch"], files.Select(f => f.Name));
        File.WriteAllBytes(folder.File("libc10_cuda.so"), []);
        File.WriteAllBytes(folder.File("libtorch_cuda.so"), []);
        Assert.Equal(["c10", "torch_cpu", "c10_cuda", "torch_cuda", "torch"], TorchRuntime.LibTorchFiles(TorchBackend.Host, folder.Root).Select(f => f.Name));
    }
}
