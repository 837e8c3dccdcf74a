using ResearchKit.Data;
using ResearchKit.Tests.Cli;

namespace ResearchKit.Tests.Cli.Commands;

public sealed class TrainCommandTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("rk-traincli-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Fact]
    public void UnknownModelOrPresetOrSetting_ListsTheValidOnes()
    {
        var r = CliProcess.Run("train", "--model", "deeplab", "--preset", "smoke", "--out", dir);
        Assert.Equal(1, r.ExitCode);
        Assert.Equal("researchkit: unknown model 'deeplab'; valid: unet, deeplabv3plus, dan, srnet", r.Stderr.Trim());
        r = CliProcess.Run("train", "--model", "unet", "--preset", "huge", "--out", dir);
        Assert.Equal("researchkit: unknown preset 'huge'; valid: smoke, quick, paper, full", r.Stderr.Trim());
        r = CliProcess.Run("train", "--model", "unet", "--preset", "smoke", "--set", "lr=0.1", "--out", dir);
        Assert.Equal(1, r.ExitCode);
        Assert.StartsWith("researchkit: --set lr: unknown setting; valid: model, widths, bottleneck, factor,", r.Stderr.Trim());
    }

    [Fact]
    public void SmokeTrainThenEval_WritesTheRunsFiles_AndScoresAsJson()
    {
        var outDir = Path.Combine(dir, "run");
        var r = CliProcess.Run("train", "--model", "unet", "--preset", "smoke", "--set", "epochs=2", "--set", "threads=1", "--out", outDir);
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Contains("epoch 2/2: mean loss", r.Stderr);
        foreach (var f in new[] { "epoch-001.ckpt", "epoch-002.ckpt", "last.ckpt", "final.ckpt", "result.json" })
            Assert.True(File.Exists(Path.Combine(outDir, f)), f);
        var e = CliProcess.Run("eval", "--checkpoint", Path.Combine(outDir, "final.ckpt"), "--data", DataPaths.CamVid, "--split", "val", "--json");
        Assert.True(e.ExitCode == 0, e.Stderr);
        using var json = System.Text.Json.JsonDocument.Parse(e.Stdout);
        Assert.InRange(json.RootElement.GetProperty("miou").GetDouble(), 0, 100);
        Assert.Equal(11, json.RootElement.GetProperty("perClassIoU").GetArrayLength());
        Assert.InRange(json.RootElement.GetProperty("pixelAccuracy").GetDouble(), 0, 100);
        Assert.Equal(101, json.RootElement.GetProperty("images").GetInt32());

        // A folder whose labels are all Unlabelled, and one with a label missing.
        var voidOnly = Path.Combine(dir, "void");
        Directory.CreateDirectory(Path.Combine(voidOnly, "test"));
        Directory.CreateDirectory(Path.Combine(voidOnly, "testannot"));
        var image = CamVid.Open(DataPaths.CamVid).Split("val").ImagePath(0);
        File.Copy(image, Path.Combine(voidOnly, "test", "a.png"));
        Png.Write(Path.Combine(voidOnly, "testannot", "a.png"), Png.EncodeGray(new LabelMap(360, 480, Enumerable.Repeat((byte)11, 360 * 480).ToArray())));
        e = CliProcess.Run("eval", "--checkpoint", Path.Combine(outDir, "final.ckpt"), "--data", voidOnly, "--split", "test");
        Assert.Equal(1, e.ExitCode);
        Assert.Equal($"researchkit: {Path.Combine(voidOnly, "testannot")}: every label is Unlabelled (11); there is nothing to score", e.Stderr.Trim());
        File.Copy(image, Path.Combine(voidOnly, "test", "b.png"));
        e = CliProcess.Run("eval", "--checkpoint", Path.Combine(outDir, "final.ckpt"), "--data", voidOnly, "--split", "test");
        Assert.Equal(1, e.ExitCode);
        Assert.Contains("b.png: label missing for image", e.Stderr);
    }

    [Fact]
    public void DivergingRun_StopsOnTheFirstNonFiniteStep_NamingWhatWentNaN()
    {
        var outDir = Path.Combine(dir, "diverge");
        var r = CliProcess.Run("train", "--model", "unet", "--preset", "smoke", "--set", "learningRate=1e30", "--out", outDir);
        Assert.Equal(1, r.ExitCode);
        var line = r.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1];
        Assert.StartsWith("researchkit: training diverged at epoch 1, batch ", line);
        Assert.Matches("(the gradient of|parameter) [a-z0-9._]+ holds NaN or Inf", line);
        Assert.EndsWith($"{outDir} keeps the checkpoint of epoch 0 and no result", line);
        Assert.False(File.Exists(Path.Combine(outDir, "result.json")));
        Assert.False(File.Exists(Path.Combine(outDir, "final.ckpt")));
    }
}
