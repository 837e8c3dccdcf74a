using System.Diagnostics;
using ResearchKit.Data;

namespace ResearchKit.Tests.Cli;

/// <summary>`researchkit train` in a real terminal: util-linux `script` gives it a pseudo-terminal, so standard error is
/// not redirected and the Spectre.Console progress bar is drawn.</summary>
public sealed class TrainProgressBarTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("rk-train-tty-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Fact]
    public async Task InATerminal_TrainDrawsAProgressBar_AndPrintsEachEpochAboveIt()
    {
        var transcript = Path.Combine(dir, "tty.txt");
        var command = $"'{CliProcess.Executable}' train --model unet --preset smoke --out '{Path.Combine(dir, "run")}' --data '{DataPaths.CamVid}'";
        var psi = new ProcessStartInfo("script") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "-q", "-e", "-c", command, transcript }) psi.ArgumentList.Add(a);
        psi.Environment["TERM"] = "xterm-256color";
        psi.Environment["COLUMNS"] = "160";
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await p.WaitForExitAsync(timeout.Token); // throws if train under script does not exit within 120 s
        var tty = File.ReadAllText(transcript);
        Assert.True(p.ExitCode == 0, tty + await stdout);
        Assert.Contains("\u001b[", tty);                       // the live display redraws with ANSI escapes
        Assert.Contains("━", tty);                             // the bar itself
        Assert.Contains("100%", tty);
        Assert.Contains("epoch 3/3: mean loss", tty);           // epoch lines print above the bar, whole
        Assert.Contains("train: val mIoU", tty);
        Assert.True(File.Exists(Path.Combine(dir, "run", "result.json")));
    }
}
