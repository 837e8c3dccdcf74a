using System.Text.Json;
using ResearchKit.Engine;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ResearchKit.Training;

/// <summary>A snapshot of a training run: the model's state dict (parameters and buffers by PyTorch name), the
/// optimiser's state, the RNG state, step and epoch, the engine that made it and a JSON metadata block; saved in a
/// versioned binary file, written atomically.</summary>
/// <remarks>Resume: <see cref="Load"/> the file, build fresh model and optimiser objects, <see cref="Restore"/> into them
/// and continue from <see cref="Step"/>; the following losses equal those of a run that never stopped. The file format
/// is described in <see cref="CheckpointFormat"/>.</remarks>
public sealed class Checkpoint
{
    /// <summary>The format version this kit writes and reads.</summary>
    public const int FormatVersion = CheckpointFormat.Version;

    /// <summary>Training steps (optimiser updates) completed when the snapshot was taken.</summary>
    public long Step { get; init; }

    /// <summary>Epochs completed when the snapshot was taken.</summary>
    public long Epoch { get; init; }

    /// <summary>The model's state dict by dotted name, in the model's order (copies).</summary>
    public OrderedDictionary<string, CheckpointTensor> State { get; init; } = new();

    /// <summary>The optimiser's state as TorchSharp saves it, when one was captured.</summary>
    public byte[]? OptimizerState { get; init; }

    /// <summary>torch's global generator state, when it was captured.</summary>
    public byte[]? RngState { get; init; }

    /// <summary>The <see cref="EngineFingerprint"/> of the run that wrote it.</summary>
    public string Engine { get; init; } = "";

    /// <summary>Free-form JSON text (config, commit, metric so far ...); "{}" when empty.</summary>
    public string MetadataJson { get; init; } = "{}";

    /// <summary>The file this checkpoint was loaded from (used in error messages), or null if it was captured.</summary>
    public string? SourcePath { get; private init; }

    /// <summary>A snapshot (copies) of <paramref name="model"/> and, when given, the optimiser and torch's RNG state.</summary>
    /// <param name="metadataJson">Any JSON text; checked to parse.</param>
    public static Checkpoint Capture(nn.Module model, optim.Optimizer? optimizer = null, bool rng = false, long step = 0,
        long epoch = 0, string metadataJson = "{}")
    {
        try
        {
            using var _ = JsonDocument.Parse(metadataJson);
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"checkpoint: metadata is not valid JSON ({e.Message})", e);
        }
        var state = new OrderedDictionary<string, CheckpointTensor>();
        foreach (var (name, t) in model.state_dict()) state.Add(name, CheckpointTensor.Of(t));
        return new Checkpoint
        {
            Step = step, Epoch = epoch, State = state, OptimizerState = optimizer is null ? null : SaveOptimizer(optimizer),
            RngState = rng ? CheckpointTensor.Of(get_rng_state()).Bytes : null, Engine = EngineFingerprint.Current,
            MetadataJson = metadataJson,
        };
    }

    /// <summary>Writes this checkpoint to <paramref name="path"/> atomically: a reader (or a crash) sees the previous
    /// file or the complete new one, never a mix.</summary>
    public void Save(string path) => CheckpointWriter.Save(this, path, afterChunk: null);

    /// <summary>Reads a checkpoint, checking magic, version, length and checksum; throws <see cref="InvalidDataException"/>
    /// naming the file and the problem ("not a ResearchKit checkpoint", "version 7 is newer than this kit's 2", "truncated").</summary>
    public static Checkpoint Load(string path) => CheckpointReader.Read(path);

    /// <summary>Copies the snapshot into <paramref name="model"/> (and the optimiser and RNG when asked), after checking
    /// everything fits; on any mismatch throws <see cref="InvalidDataException"/> listing each one
    /// ("layer enc1.conv1.weight: checkpoint [16,3,3,3], model [32,3,3,3]") and changes nothing.</summary>
    public void Restore(nn.Module model, optim.Optimizer? optimizer = null, bool rng = false)
    {
        var target = model.state_dict();
        var problems = new List<string>();
        foreach (var (name, t) in target)
        {
            if (!State.TryGetValue(name, out var saved)) problems.Add($"layer {name}: missing from the checkpoint");
            else if (!saved.Shape.SequenceEqual(t.shape) || saved.DType != t.dtype)
                problems.Add($"layer {name}: checkpoint {saved.ShapeText} {saved.DType}, model {Ops.FormatShape(t.shape)} {t.dtype}");
        }
        problems.AddRange(State.Keys.Where(k => !target.ContainsKey(k)).Select(k => $"layer {k}: in the checkpoint but not in the model"));
        if (optimizer is not null && OptimizerState is null) problems.Add("the checkpoint holds no optimiser state");
        if (rng && RngState is null) problems.Add("the checkpoint holds no RNG state");
        if (problems.Count > 0)
            throw new InvalidDataException($"{SourcePath ?? "checkpoint"}: does not fit {model.GetName()}: {string.Join("; ", problems.Take(6))}" +
                (problems.Count > 6 ? $"; and {problems.Count - 6} more" : ""));
        using (no_grad())
            foreach (var (name, t) in target)
            {
                using var saved = State[name].ToTensor();
                t.copy_(saved);
            }
        if (optimizer is not null) LoadOptimizer(optimizer, OptimizerState!);
        if (rng)
        {
            using var state = new CheckpointTensor(ScalarType.Byte, [RngState!.Length], RngState).ToTensor();
            set_rng_state(state);
        }
    }

    /// <summary>This checkpoint as read from <paramref name="path"/>.</summary>
    internal Checkpoint WithSource(string path) => new()
    {
        Step = Step, Epoch = Epoch, State = State, OptimizerState = OptimizerState, RngState = RngState, Engine = Engine,
        MetadataJson = MetadataJson, SourcePath = path,
    };

    private static byte[] SaveOptimizer(optim.Optimizer optimizer)
    {
        using var ms = new MemoryStream();
        using (var w = new BinaryWriter(ms, System.Text.Encoding.UTF8, leaveOpen: true)) ((OptimizerHelper)optimizer).save_state_dict(w);
        return ms.ToArray();
    }

    private void LoadOptimizer(optim.Optimizer optimizer, byte[] state)
    {
        try
        {
            using var r = new BinaryReader(new MemoryStream(state));
            ((OptimizerHelper)optimizer).load_state_dict(r);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new InvalidDataException($"{SourcePath ?? "checkpoint"}: the optimiser state does not fit this optimiser ({e.Message})", e);
        }
    }
}
