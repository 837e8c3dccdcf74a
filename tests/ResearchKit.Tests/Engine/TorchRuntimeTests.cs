using ResearchKit.Engine;
using ResearchKit.Tests.Cli;
using ResearchKit.Tests.Support;
using TorchSharp;
using static TorchSharp.torch;

namespace ResearchKit.Tests.Engine;

/// <summary>libtorch loads after the README's setup, and the setup's fix of its native library is what makes it load.</summary>
public sealed class TorchRuntimeTests
{
    [Fact]
    public void LibTorch_LoadsAfterSetup_AndRunsAConvolution()
    {
        var (version, cuda) = TorchRuntime.Initialize();
        Assert.StartsWith("2.10.", version);
        Assert.False(cuda); // TorchSharp-cpu: the tested path
        using var x = ones(1, 1, 4, 4);
        using var w = ones(1, 1, 3, 3);
        using var y = nn.functional.conv2d(x, w, padding: [1, 1]);
        Assert.Equal([4f, 6, 6, 4, 6, 9, 9, 6, 6, 9, 9, 6, 4, 6, 6, 4], y.data<float>().ToArray());
        Assert.Matches(@"^torchsharp-0\.107\.0\+libtorch-2\.10\.[0-9.]+/train-[0-9]+$", EngineFingerprint.Current);
    }

    [Fact]
    public void EveryCopyOfTheNativeLibrary_NeedsNoStrongGlibcxx3432()
    {
        // The copies this test host and the CLI load; the setup marks the version weak (or the system has it).
        var folders = new[] { AppContext.BaseDirectory, Path.Combine(CliProcess.RepoRoot, "artifacts", "bin", "ResearchKit.Cli", "release") };
        var libs = folders.SelectMany(f => Directory.GetFiles(f, "libLibTorchSharp.so", SearchOption.AllDirectories)).ToArray();
        Assert.NotEmpty(libs);
        foreach (var lib in libs)
        {
            var copy = Path.Combine(Directory.CreateTempSubdirectory("rk-weak-").FullName, "lib.so");
            File.Copy(lib, copy);
            var script = Path.Combine(CliProcess.RepoRoot, "scripts", "weaken_glibcxx.py");
            var output = PythonProcess.Run($"import runpy, sys; sys.argv = [{Quote(script)}, {Quote(copy)}]; runpy.run_path(sys.argv[0], run_name='__main__')");
            Assert.Matches("(already weak|not needed)", output); // "patched" would mean this copy could not have loaded
            Assert.Equal(File.ReadAllBytes(lib), File.ReadAllBytes(copy));
            Directory.Delete(Path.GetDirectoryName(copy)!, recursive: true);
        }
    }

    private static string Quote(string s) => "'" + s.Replace("'", "\\'") + "'";

    [Fact]
    public void ChannelsLast_KeepsValuesAndShape_AndIsRecognised()
    {
        using var x = arange(2 * 3 * 4 * 5, ScalarType.Float32).reshape(2, 3, 4, 5);
        Assert.False(Layout.IsChannelsLast(x));
        using var y = Layout.ChannelsLast(x);
        Assert.True(Layout.IsChannelsLast(y));
        Assert.Equal(x.shape, y.shape);
        Assert.Equal([60L, 1, 15, 3], y.stride());
        Assert.Equal(Golden.Values(x), Golden.Values(y));
        Assert.Same(y, Layout.ChannelsLast(y));
    }

    [Fact]
    public void AnUnknownDevice_OrCudaWithoutAGpu_IsRefusedSayingWhatToChange()
    {
        Assert.Equal(DeviceType.CPU, TorchRuntime.Device(null).type);
        Assert.Equal(DeviceType.CPU, TorchRuntime.Device("CPU").type);
        var e = Assert.Throws<ArgumentException>(() => TorchRuntime.Device("tpu"));
        Assert.Equal("device 'tpu': use cpu or cuda (cuda:N for the N-th GPU)", e.Message);
        e = Assert.Throws<ArgumentException>(() => TorchRuntime.Device("cuda"));
        Assert.Contains("reference a TorchSharp-cuda package", e.Message);
    }
}
