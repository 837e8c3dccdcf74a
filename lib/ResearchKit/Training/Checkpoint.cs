using System.Text.Json;
using ResearchKit.Nn;
using ResearchKit.Optim;
using ResearchKit.Tensors;

namespace ResearchKit.Training;

/// <summary>A snapshot of a training run: the model's parameters and buffers by name, the optimiser state, the RNG
/// state, step and epoch, and a free-form JSON metadata block; saved in a versioned binary file, written atomically.</summary>
/// <remarks>Resume: <see cref="Load"/> the file, build fresh model/optimiser/RNG objects, <see cref="Restore"/> into them
/// and continue from <see cref="Step"/>; the following losses equal those of a run that never stopped. The file format
/// is described in <see cref="CheckpointFormat"/>.</remarks>
public sealed class Checkpoint
{
    /// <summary>The format version this kit writes and the newest it reads.</summary>
    public const int FormatVersion = CheckpointFormat.Version;

    /// <summary>Training steps (optimiser updates) completed when the snapshot was taken.</summary>
    public long Step { get; init; }

    /// <summary>Epochs completed when the snapshot was taken.</summary>
    public long Epoch { get; init; }

    /// <summary>Trainable parameters by dotted name, in the model's order (copies).</summary>
    public OrderedDictionary<string, Tensor> Parameters { get; init; } = new();

    /// <summary>Buffers (running statistics ...) by dotted name, in the model's order (copies).</summary>
    public OrderedDictionary<string, Tensor> Buffers { get; init; } = new();

    /// <summary>The optimiser's state, when one was captured.</summary>
    public OptimizerState? Optimizer { get; init; }

    /// <summary>The RNG's state (<see cref="Rng.GetState"/>), when one was captured.</summary>
    public byte[]? RngState { get; init; }

    /// <summary>Free-form JSON text (config, commit, metric so far ...); "{}" when empty.</summary>
    public string MetadataJson { get; init; } = "{}";

    /// <summary>The file this checkpoint was loaded from (used in error messages), or null if it was captured.</summary>
    public string? SourcePath { get; private init; }

    /// <summary>A snapshot (copies) of <paramref name="model"/> and, when given, the optimiser and RNG states.</summary>
    /// <param name="metadataJson">Any JSON text; checked to parse.</param>
    public static Checkpoint Capture(Module model, Optimizer? optimizer = null, Rng? rng = null, long step = 0,
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
        var parameters = new OrderedDictionary<string, Tensor>();
        foreach (var (name, p) in model.NamedParameters()) parameters.Add(name, p.Detach());
        var buffers = new OrderedDictionary<string, Tensor>();
        foreach (var (name, b) in model.NamedBuffers()) buffers.Add(name, b.Detach());
        return new Checkpoint
        {
            Step = step, Epoch = epoch, Parameters = parameters, Buffers = buffers,
            Optimizer = optimizer?.ExportState(), RngState = rng?.GetState(), MetadataJson = metadataJson,
        };
    }

    /// <summary>Writes this checkpoint to <paramref name="path"/> atomically: a reader (or a crash) sees the previous
    /// file or the complete new one, never a mix.</summary>
    public void Save(string path) => CheckpointWriter.Save(this, path, afterChunk: null);

    /// <summary>Reads a checkpoint, checking magic, version, length and checksum; throws <see cref="InvalidDataException"/>
    /// naming the file and the problem ("not a ResearchKit checkpoint", "version 7 is newer than this kit's 1", "truncated").</summary>
    public static Checkpoint Load(string path) => CheckpointReader.Read(path);

    /// <summary>Copies the snapshot into <paramref name="model"/> (and the optimiser and RNG when given), after checking
    /// everything fits; on any mismatch throws <see cref="InvalidDataException"/> listing each one
    /// ("layer enc1.conv.weight: checkpoint [16,3,3,3], model [32,3,3,3]") and changes nothing.</summary>
    public void Restore(Module model, Optimizer? optimizer = null, Rng? rng = null)
    {
        var state = new Dictionary<string, Tensor>();
        foreach (var (name, t) in Parameters) state[name] = t;
        foreach (var (name, t) in Buffers) state[name] = t;
        var problems = model.CheckStateDict(state, strict: true, source: "checkpoint");
        if (optimizer is not null)
        {
            if (Optimizer is null) problems.Add("the checkpoint holds no optimiser state");
            else problems.AddRange(optimizer.CheckState(Optimizer).Select(p => "optimiser: " + p));
        }
        if (rng is not null && RngState is null) problems.Add("the checkpoint holds no RNG state");
        if (problems.Count > 0)
            throw new InvalidDataException($"{SourcePath ?? "checkpoint"}: does not fit: {string.Join("; ", problems)}");
        model.CopyStateFrom(state);
        if (optimizer is not null) optimizer.ImportState(Optimizer!);
        rng?.SetState(RngState);
    }

    /// <summary>This checkpoint as read from <paramref name="path"/>.</summary>
    internal Checkpoint WithSource(string path) => new()
    {
        Step = Step, Epoch = Epoch, Parameters = Parameters, Buffers = Buffers, Optimizer = Optimizer,
        RngState = RngState, MetadataJson = MetadataJson, SourcePath = path,
    };
}
