using System.Diagnostics;
using System.Text.Json;
using ResearchKit.Tests.Cli;

namespace ResearchKit.Tests.Cli.Commands;

public sealed class TrainKillResumeTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("rk-kill-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private static readonly string[] Args = ["train", "--model", "unet", "--preset", "smoke", "--set", "epochs=6"];

    [Fact]
    public void KilledMidEpoch_ThenRerun_ResumesAndEndsWithTheUninterruptedNumbers()
    {
        var whole = Path.Combine(dir, "whole");
        var r = CliProcess.Run([.. Args, "--out", whole]);
        Assert.True(r.ExitCode == 0, r.Stderr);

        // SIGKILL once epoch 3's second batch has been reported: mid-epoch, after epoch 2's checkpoint.
        var killed = Path.Combine(dir, "killed");
        var psi = new ProcessStartInfo(CliProcess.Executable) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in Args.Append("--out").Append(killed)) psi.ArgumentList.Add(arg);
        using (var p = Process.Start(psi)!)
        {
            _ = p.StandardOutput.ReadToEndAsync();
            string? line;
            while ((line = p.StandardError.ReadLine()) is not null && !line.StartsWith("epoch 3/6 batch 2/")) { }
            Assert.NotNull(line);
            p.Kill(); // SIGKILL on Linux: no handler runs
            p.WaitForExit();
        }
        Assert.False(File.Exists(Path.Combine(killed, "result.json")));
        Assert.True(File.Exists(Path.Combine(killed, "epoch-002.ckpt")));

        var resumed = CliProcess.Run([.. Args, "--out", killed]);
        Assert.True(resumed.ExitCode == 0, resumed.Stderr);
        Assert.Contains("resuming from", resumed.Stderr);
        Assert.DoesNotContain("epoch 1/6 batch", resumed.Stderr);
        using var a = JsonDocument.Parse(File.ReadAllText(Path.Combine(whole, "result.json")));
        using var b = JsonDocument.Parse(File.ReadAllText(Path.Combine(killed, "result.json")));
        Assert.Equal(Losses(a), Losses(b));
        Assert.Equal(a.RootElement.GetProperty("final").GetProperty("perClassIoU").GetRawText(),
            b.RootElement.GetProperty("final").GetProperty("perClassIoU").GetRawText());
    }

    private static double[] Losses(JsonDocument d) =>
        d.RootElement.GetProperty("epochs").EnumerateArray().Select(e => e.GetProperty("meanLoss").GetDouble()).ToArray();
}
