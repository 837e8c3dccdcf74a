using System.Text.Json;
using ResearchKit.Nn;
using ResearchKit.Optim;
using ResearchKit.Repro;

namespace ResearchKit.Training;

public static partial class Trainer
{
    private sealed record Meta(string ConfigHash, string Config, EpochRecord[] History, int ScheduleStep);

    private static string Metadata(TrainConfig cfg, List<EpochRecord> history, int scheduleStep = 0) =>
        JsonSerializer.Serialize(new Meta(ConfigHash.Of(cfg), ConfigHash.CanonicalJson(cfg), history.ToArray(), scheduleStep), ConfigHash.Json);

    // Writes epoch-NNN.ckpt and last.ckpt (each atomically): model, optimiser, schedule step and the curves so far.
    private static void Save(TrainConfig cfg, string outDir, Module model, Optimizer optimizer, int epoch, int scheduleStep, List<EpochRecord> history)
    {
        var ckpt = Checkpoint.Capture(model, optimizer, null, scheduleStep, epoch, Metadata(cfg, history, scheduleStep));
        ckpt.Save(Path.Combine(outDir, $"epoch-{epoch:D3}.ckpt"));
        ckpt.Save(Path.Combine(outDir, LastCheckpoint));
    }

    // Restores model, optimiser and schedule from outDir/last.ckpt when it exists; its config must be this one.
    private static List<EpochRecord> Resume(TrainConfig cfg, string outDir, Module model, Optimizer optimizer, LrSchedule schedule, TextWriter log)
    {
        var path = Path.Combine(outDir, LastCheckpoint);
        if (!File.Exists(path)) return [];
        var ckpt = Checkpoint.Load(path);
        var meta = JsonSerializer.Deserialize<Meta>(ckpt.MetadataJson, ConfigHash.Json)
            ?? throw new InvalidDataException($"{path}: no training metadata");
        if (meta.ConfigHash != ConfigHash.Of(cfg))
            throw new InvalidDataException($"{path}: written by config {meta.ConfigHash}, not this run's {ConfigHash.Of(cfg)}; use another --out folder or delete it");
        ckpt.Restore(model, optimizer);
        schedule.Epoch = meta.ScheduleStep;
        log.WriteLine($"train: resuming from {path} after epoch {ckpt.Epoch}");
        return [.. meta.History];
    }
}
