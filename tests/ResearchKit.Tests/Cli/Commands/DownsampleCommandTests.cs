using ResearchKit.Data;
using ResearchKit.Tests.Labels;

namespace ResearchKit.Tests.Cli.Commands;

public sealed class DownsampleCommandTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("rk-downsample-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private string Inputs()
    {
        var inputs = Path.Combine(dir, "in");
        Directory.CreateDirectory(inputs);
        Png.Write(Path.Combine(inputs, "a.png"), Png.EncodeGray(LabelDownsamplerTests.EightByEight()));
        Png.Write(Path.Combine(inputs, "b.png"), Png.EncodeGray(new LabelMap(8, 8, new byte[64])));
        return inputs;
    }

    [Fact]
    public void SoftBox_WritesFloat32NpyOfShapeCHW_ThatNumpyLoadsWithTheSpecFractions()
    {
        var outDir = Path.Combine(dir, "out");
        var r = CliProcess.Run("downsample", Inputs(), "--factor", "4", "--method", "soft-box", "--num-classes", "4", "--ignore-index", "11", "--out", outDir);
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Contains("wrote 2 float32 .npy [4,2,2]", r.Stdout);
        Assert.Equal(["a.npy", "b.npy"], Directory.GetFiles(outDir).Select(Path.GetFileName).Order());
        // numpy itself reads the file: dtype, shape, C order, values (spec 3.1: TL 0:15/16 2:1/16, BR 1:3/4).
        var printed = Numpy($"a = numpy.load('{Path.Combine(outDir, "a.npy")}'); " +
                            "print(a.dtype, a.shape, a.flags['C_CONTIGUOUS'], repr(float(a[0,0,0])), repr(float(a[2,0,0])), repr(float(a[1,1,1])), repr(float(a.sum())))");
        Assert.Equal($"float32 (4, 2, 2) True 0.9375 0.0625 0.75 3.75", printed);
    }

    [Fact]
    public void Majority_WritesPngClassIdsNamedLikeTheInput()
    {
        var outDir = Path.Combine(dir, "out");
        var r = CliProcess.Run("downsample", Path.Combine(Inputs(), "a.png"), "--factor", "4", "--method", "majority", "--num-classes", "4", "--ignore-index", "11", "--out", outDir);
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Equal(new byte[] { 0, 1, 0, 1 }, Png.Read(Path.Combine(outDir, "a.png")).ToLabelMap().Data);
    }

    [Fact]
    public void UnknownMethod_ExitsOneListingTheValidMethods()
    {
        var r = CliProcess.Run("downsample", Inputs(), "--factor", "4", "--method", "bicubic", "--num-classes", "4", "--out", Path.Combine(dir, "out"));
        Assert.Equal(1, r.ExitCode);
        Assert.Equal("researchkit: unknown down-sampling method 'bicubic'; valid: soft-box, soft-bilinear, soft-bilinear-aa, nearest-centre, nearest-top-left, majority",
            r.Stderr.Trim());
    }

    [Fact]
    public void FactorThatDoesNotDivideTheSize_ExitsOneNamingTheFile_AndWritesNothing()
    {
        var outDir = Path.Combine(dir, "out");
        var r = CliProcess.Run("downsample", Inputs(), "--factor", "3", "--method", "soft-box", "--num-classes", "4", "--ignore-index", "11", "--out", outDir);
        Assert.Equal(1, r.ExitCode);
        Assert.Equal($"researchkit: {Path.Combine(dir, "in", "a.png")}: factor 3 does not divide its size 8x8", r.Stderr.Trim());
        Assert.False(Directory.Exists(outDir));
    }

    [Fact]
    public void OutOfRangeId_ExitsOneNamingTheFile_AndWritesNothing()
    {
        var inputs = Inputs();
        var outDir = Path.Combine(dir, "out");
        var r = CliProcess.Run("downsample", inputs, "--factor", "4", "--method", "soft-box", "--num-classes", "3", "--ignore-index", "11", "--out", outDir);
        Assert.Equal(1, r.ExitCode);
        Assert.Contains(Path.Combine(inputs, "a.png"), r.Stderr);
        Assert.Single(r.Stderr.Trim().Split('\n'));
        Assert.False(Directory.Exists(outDir));
    }

    private static string Numpy(string code) => PythonProcess.Run("import numpy; " + code);
}
