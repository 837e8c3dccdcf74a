using System.Security.Cryptography;
using ResearchKit.Data;

namespace ResearchKit.Tests.Cli.Commands;

/// <summary>Bad input to `researchkit train` and `eval`: one line naming the file and the problem, exit code 1, and no
/// file of an earlier run changed.</summary>
public sealed class TrainBadInputTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("rk-badinput-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    // A SegNet-layout folder with 4 train and 4 val images copied from CamVid.
    private string SmallCamVid(string name)
    {
        var root = Path.Combine(dir, name);
        var camvid = CamVid.Open(DataPaths.CamVid);
        foreach (var split in new[] { "train", "val" })
        {
            Directory.CreateDirectory(Path.Combine(root, split));
            Directory.CreateDirectory(Path.Combine(root, split + "annot"));
            var source = camvid.Split(split);
            for (var i = 0; i < 4; i++)
            {
                File.Copy(source.ImagePath(i), Path.Combine(root, split, source.Names[i]));
                File.Copy(source.LabelPath(i), Path.Combine(root, split + "annot", source.Names[i]));
            }
        }
        return root;
    }

    private static string LastLine(string stderr) => stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1];

    private static Dictionary<string, string> Hashes(string folder) => Directory.GetFiles(folder)
        .ToDictionary(f => Path.GetFileName(f), f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))));

    [Fact]
    public void CorruptImage_AndLabelOutOfRange_AreNamedInOneLine()
    {
        var data = SmallCamVid("corrupt");
        var image = Directory.GetFiles(Path.Combine(data, "train"))[1];
        File.WriteAllBytes(image, [0x89, 0x50, 0x4E, 0x47, 1, 2, 3]);
        var r = CliProcess.Run("train", "--model", "unet", "--preset", "smoke", "--data", data, "--out", Path.Combine(dir, "run1"));
        Assert.Equal(1, r.ExitCode);
        Assert.StartsWith($"researchkit: {image}: ", LastLine(r.Stderr));
        Assert.DoesNotContain("   at ", r.Stderr);

        data = SmallCamVid("range");
        var label = Directory.GetFiles(Path.Combine(data, "valannot"))[2];
        Png.Write(label, Png.EncodeGray(new LabelMap(360, 480, Enumerable.Repeat((byte)20, 360 * 480).ToArray())));
        r = CliProcess.Run("train", "--model", "unet", "--preset", "smoke", "--data", data, "--out", Path.Combine(dir, "run2"));
        Assert.Equal(1, r.ExitCode);
        Assert.StartsWith($"researchkit: {label}: ", LastLine(r.Stderr));
        Assert.Contains("20", LastLine(r.Stderr));
        Assert.False(File.Exists(Path.Combine(dir, "run2", "result.json")));
    }

    [Fact]
    public void AnotherModelsCheckpoint_AndATruncatedOne_AreRefused_AndNothingIsOverwritten()
    {
        var run = Path.Combine(dir, "unet");
        var r = CliProcess.Run("train", "--model", "unet", "--preset", "smoke", "--set", "epochs=1", "--out", run);
        Assert.True(r.ExitCode == 0, r.Stderr);
        var before = Hashes(run);

        r = CliProcess.Run("train", "--model", "srnet", "--preset", "smoke", "--set", "epochs=1", "--out", run);
        Assert.Equal(1, r.ExitCode);
        Assert.StartsWith($"researchkit: {Path.Combine(run, "last.ckpt")}: written by config ", LastLine(r.Stderr));
        Assert.Equal(before, Hashes(run));

        var truncated = Path.Combine(dir, "truncated.ckpt");
        var bytes = File.ReadAllBytes(Path.Combine(run, "final.ckpt"));
        File.WriteAllBytes(truncated, bytes[..(bytes.Length / 2)]);
        r = CliProcess.Run("eval", "--checkpoint", truncated, "--json");
        Assert.Equal(1, r.ExitCode);
        Assert.Equal($"researchkit: {truncated}: truncated checkpoint ({bytes.Length / 2} bytes, the header announces {bytes.Length})", r.Stderr.Trim());
        Assert.Equal("", r.Stdout);
        Assert.Equal(before, Hashes(run));
    }
}
