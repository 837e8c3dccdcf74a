using System.Text.Json;
using ResearchKit.Engine;
using ResearchKit.Repro;
using TorchSharp;
using static TorchSharp.torch;

namespace ResearchKit.Training;

public static partial class Trainer
{
    private sealed record Meta(string ConfigHash, string Config, EpochRecord[] History, long ScheduleStep);

    private static string Metadata(TrainConfig cfg, List<EpochRecord> history, long scheduleStep = 0) =>
        JsonSerializer.Serialize(new Meta(ConfigHash.Of(cfg), ConfigHash.CanonicalJson(cfg), history.ToArray(), scheduleStep), ConfigHash.Json);

    // Writes epoch-NNN.ckpt and last.ckpt (each atomically): model, optimiser, RNG, step and the curves so far.
    private static void Save(TrainConfig cfg, string outDir, nn.Module model, optim.Optimizer optimizer, int epoch, long step, List<EpochRecord> history)
    {
        var ckpt = Checkpoint.Capture(model, optimizer, rng: true, step, epoch, Metadata(cfg, history, step));
        ckpt.Save(Path.Combine(outDir, $"epoch-{epoch:D3}.ckpt"));
        ckpt.Save(Path.Combine(outDir, LastCheckpoint));
    }

    // Restores model, optimiser and RNG from outDir/last.ckpt when it exists; its config and engine must be this run's.
    private static List<EpochRecord> Resume(TrainConfig cfg, string outDir, nn.Module model, optim.Optimizer optimizer, TextWriter log)
    {
        var path = Path.Combine(outDir, LastCheckpoint);
        if (!File.Exists(path)) return [];
        var ckpt = Checkpoint.Load(path);
        var meta = JsonSerializer.Deserialize<Meta>(ckpt.MetadataJson, ConfigHash.Json)
            ?? throw new InvalidDataException($"{path}: no training metadata");
        if (meta.ConfigHash != ConfigHash.Of(cfg))
            throw new InvalidDataException($"{path}: written by config {meta.ConfigHash}, not this run's {ConfigHash.Of(cfg)}; use another --out folder or delete it");
        if (ckpt.Engine != EngineFingerprint.Current)
            throw new InvalidDataException($"{path}: written by engine {ckpt.Engine}, not this kit's {EngineFingerprint.Current}; use another --out folder or delete it");
        ckpt.Restore(model, optimizer, rng: true);
        log.WriteLine($"train: resuming from {path} after epoch {ckpt.Epoch}");
        return [.. meta.History];
    }
}
