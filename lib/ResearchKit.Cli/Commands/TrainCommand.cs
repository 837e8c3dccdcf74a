using System.CommandLine;
using ResearchKit.Data;
using ResearchKit.Repro;
using ResearchKit.Training;

namespace ResearchKit.Cli.Commands;

/// <summary>`researchkit train`: trains a model on CamVid by a preset (plus --set overrides) into an output folder.</summary>
internal static class TrainCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = $"Network: {string.Join("|", Enum.GetNames<ModelKind>().Select(n => n.ToLowerInvariant()))}", Required = true };
        var preset = new Option<string>("--preset") { Description = "smoke|quick|paper|full", DefaultValueFactory = _ => "quick" };
        var sets = new Option<string[]>("--set") { Description = "Override a config setting: name=value (repeatable)", AllowMultipleArgumentsPerToken = false };
        var outDir = new Option<string>("--out") { Description = "Folder for per-epoch checkpoints, final.ckpt and result.json (resumes from its last.ckpt)", Required = true };
        var data = new Option<string>("--data") { Description = "CamVid folder (SegNet layout)", DefaultValueFactory = _ => DataPaths.CamVid };
        var device = new Option<string?>("--device") { Description = "cpu (default) or cuda (needs a TorchSharp CUDA package and a GPU)" };
        var cmd = new Command("train", "Train a segmentation model on CamVid; resumable: rerun with the same --out to continue.") { model, preset, sets, outDir, data, device };
        cmd.SetAction(parse =>
        {
            var kind = Named<ModelKind>(parse.GetValue(model)!, "model");
            var cfg = TrainConfig.For(Named<Preset>(parse.GetValue(preset)!, "preset"), kind);
            cfg = ConfigOverrides.Apply(cfg, parse.GetValue(sets) ?? []) with { Device = parse.GetValue(device) };
            var (root, folder) = (parse.GetValue(data)!, parse.GetValue(outDir)!);
            if (Console.IsErrorRedirected) Trainer.Run(cfg, root, folder, Console.Error); // logs and pipes: plain lines
            else SpectreTrainProgress.Run((log, progress) => Trainer.Run(cfg, root, folder, log, progress));
            return 0;
        });
        return cmd;
    }

    /// <summary>The enum value whose lower-case name is <paramref name="text"/>, or an error listing the valid names.</summary>
    internal static T Named<T>(string text, string what) where T : struct, Enum =>
        Enum.GetNames<T>().FirstOrDefault(n => string.Equals(n, text.Replace("-", ""), StringComparison.OrdinalIgnoreCase)) is { } name
            ? Enum.Parse<T>(name)
            : throw new ArgumentException($"unknown {what} '{text}'; valid: {string.Join(", ", Enum.GetNames<T>().Select(n => n.ToLowerInvariant()))}");
}
