using System.Text.Json;
using ResearchKit.Data;
using ResearchKit.Repro;
using ResearchKit.Training;

namespace ResearchKit.Experiments;

/// <summary>Training runs shared by the notebooks: one folder per config hash under &lt;out&gt;/runs, reused when finished.</summary>
/// <remarks>A run found finished (result.json of the same config hash and engine fingerprint, and final.ckpt) is reused
/// rather than retrained; its manifest names the commit that trained it. A run found half done resumes from its last
/// checkpoint. The folder name carries the engine fingerprint (<see cref="Engine.EngineFingerprint.Short"/>), so a run
/// of another engine (the old hand-written one wrote folders without it) is never reused or resumed, and never
/// overwritten either. RESEARCHKIT_NO_CACHE=1 retrains from scratch.</remarks>
public static class TrainingRuns
{
    /// <summary>&lt;out&gt;/runs.</summary>
    public static string Folder => Path.Combine(RepoPaths.Out, "runs");

    /// <summary>The run folder of <paramref name="cfg"/> under <paramref name="runsFolder"/>:
    /// train-&lt;model&gt;-&lt;config hash&gt;-e&lt;engine fingerprint&gt;.</summary>
    public static string RunFolder(TrainConfig cfg, string runsFolder) =>
        Path.Combine(runsFolder, $"train-{cfg.Model.ToString().ToLowerInvariant()}-{ConfigHash.Of(cfg)}-e{Engine.EngineFingerprint.Short}");

    /// <summary>The finished run of <paramref name="cfg"/>: reused from its folder, or trained (resumed) now on
    /// <paramref name="dataRoot"/> with progress to <paramref name="log"/>. Reused is true when nothing was trained.</summary>
    public static (TrainResult Result, string Folder, bool Reused) GetOrTrain(TrainConfig cfg, string dataRoot, string runsFolder, TextWriter log)
    {
        var folder = RunFolder(cfg, runsFolder);
        if (TryReuse(cfg, folder) is { } done) return (done, folder, true);
        if (NoCache && Directory.Exists(folder)) Directory.Delete(folder, recursive: true); // no cache means no resume either
        return (Trainer.Run(cfg, dataRoot, folder, log), folder, false);
    }

    /// <summary>As <see cref="GetOrTrain(TrainConfig, string, string, TextWriter)"/> on <see cref="DataPaths.CamVid"/>
    /// into <see cref="Folder"/>, progress to standard output (a notebook cell's stream).</summary>
    public static (TrainResult Result, string Folder, bool Reused) GetOrTrain(TrainConfig cfg) =>
        GetOrTrain(cfg, DataPaths.CamVid, Folder, Console.Out);

    /// <summary>The checkpoint written after epoch <paramref name="epoch"/> (1-based) of the run in <paramref name="folder"/>.</summary>
    public static string EpochCheckpoint(string folder, int epoch) => Path.Combine(folder, $"epoch-{epoch:D3}.ckpt");

    private static bool NoCache => Environment.GetEnvironmentVariable("RESEARCHKIT_NO_CACHE") == "1";

    private static TrainResult? TryReuse(TrainConfig cfg, string folder)
    {
        var resultPath = Path.Combine(folder, "result.json");
        if (NoCache || !File.Exists(resultPath)) return null;
        try
        {
            var result = JsonSerializer.Deserialize<TrainResult>(File.ReadAllText(resultPath), ConfigHash.Json);
            return result is not null && result.Manifest.ConfigHash == ConfigHash.Of(cfg) && result.Engine == Engine.EngineFingerprint.Current
                && File.Exists(Path.Combine(folder, "final.ckpt")) ? result : null;
        }
        catch (JsonException)
        {
            return null; // an unreadable result is retrained (resuming from the folder's last checkpoint)
        }
    }
}
