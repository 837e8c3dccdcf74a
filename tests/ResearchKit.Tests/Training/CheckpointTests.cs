using System.Buffers.Binary;
using System.Text;
using ResearchKit.Data;
using ResearchKit.Engine;
using ResearchKit.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace ResearchKit.Tests.Training;

/// <summary>Checkpoint format 2 on TorchSharp. Bitwise comparisons need torch's global generator and thread count to
/// stay put between runs, so these run alone.</summary>
[Collection(ResearchKit.Tests.Support.ThreadCountCollection.Name)]
public sealed class CheckpointTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("rk-ckpt-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string PathOf(string name) => Path.Combine(_dir, name);

    [Fact]
    public void SaveThenLoad_GivesBackEveryPartBitForBit()
    {
        var model = TinyTraining.Model(seed: 1);
        using var sgd = TinyTraining.Sgd(model);
        TinyTraining.Losses(model, sgd, steps: 3);
        manual_seed(9);
        rand(5).Dispose(); // a generator state that is not a fresh seed's
        var rngState = CheckpointTensor.Of(get_rng_state()).Bytes;
        var saved = Checkpoint.Capture(model, sgd, rng: true, step: 3, epoch: 1, metadataJson: """{"preset":"Smoke","seed":9}""");
        saved.Save(PathOf("a.ckpt"));

        var loaded = Checkpoint.Load(PathOf("a.ckpt"));
        Assert.Equal((3L, 1L), (loaded.Step, loaded.Epoch));
        Assert.Equal("""{"preset":"Smoke","seed":9}""", loaded.MetadataJson);
        Assert.Equal(EngineFingerprint.Current, loaded.Engine);
        Assert.Equal(PathOf("a.ckpt"), loaded.SourcePath);
        // TorchSharp's state dict: the 32 parameters in module order, then the 30 BatchNorm buffers (running mean and
        // variance, batch count of 10 BNs), each once under its registered name.
        Assert.Equal(62, loaded.State.Count);
        Assert.Equal(["enc1.conv1.weight", "enc1.bn1.weight", "enc1.bn1.bias", "enc1.conv2.weight"], loaded.State.Keys.Take(4));
        Assert.Equal(["head.weight", "head.bias", "enc1.bn1.running_mean", "enc1.bn1.running_var", "enc1.bn1.num_batches_tracked"],
            loaded.State.Keys.Skip(30).Take(5));
        Assert.Equal("dec1.bn2.num_batches_tracked", loaded.State.Keys.Last());
        Assert.Equal(model.named_parameters().Select(p => p.name).Concat(model.named_buffers().Select(b => b.name)), loaded.State.Keys);
        foreach (var (name, t) in model.state_dict())
        {
            var expected = CheckpointTensor.Of(t);
            Assert.Equal(expected.DType, loaded.State[name].DType);
            Assert.Equal(expected.Shape, loaded.State[name].Shape);
            Assert.Equal(expected.Bytes, loaded.State[name].Bytes);
        }
        Assert.Equal([3L], loaded.State["enc1.bn1.num_batches_tracked"].ToTensor().data<long>().ToArray()); // three training steps
        Assert.Equal([4L, 4, 1, 1], loaded.State["head.weight"].Shape);
        Assert.Equal(rngState, loaded.RngState);
        Assert.Equal(saved.OptimizerState, loaded.OptimizerState);
        Assert.True(loaded.OptimizerState!.Length > 0);

        // Restored into fresh objects of another seed, every part captures again to the same bytes.
        var fresh = TinyTraining.Model(seed: 5);
        using var freshSgd = TinyTraining.Sgd(fresh);
        loaded.Restore(fresh, freshSgd, rng: true);
        var again = Checkpoint.Capture(fresh, freshSgd, rng: true);
        Assert.Equal(loaded.State.Keys, again.State.Keys);
        Assert.All(loaded.State, e => Assert.Equal(e.Value.Bytes, again.State[e.Key].Bytes));
        Assert.Equal(saved.OptimizerState, again.OptimizerState);
        Assert.Equal(rngState, again.RngState);
    }

    [Fact]
    public void ResumedRun_GivesBitwiseTheSameLossesAsAnUninterruptedRun()
    {
        var uninterrupted = Run(seed: 1, steps: 10, saveAfter: null, resumeFrom: null);
        var firstPart = Run(seed: 1, steps: 4, saveAfter: PathOf("mid.ckpt"), resumeFrom: null);
        var secondPart = Run(seed: 77, steps: 6, saveAfter: null, resumeFrom: PathOf("mid.ckpt")); // fresh objects, other seed
        Assert.Equal(uninterrupted, firstPart.Concat(secondPart).ToArray());
        Assert.Equal(4, Checkpoint.Load(PathOf("mid.ckpt")).Step);
        // Each restored part matters: without it the later losses differ.
        Assert.NotEqual(uninterrupted[4..], Run(seed: 77, steps: 6, saveAfter: null, resumeFrom: null));
        Assert.NotEqual(uninterrupted[4..], Run(seed: 77, steps: 6, saveAfter: null, resumeFrom: PathOf("mid.ckpt"), restoreOptimizer: false));
        Assert.NotEqual(uninterrupted[4..], Run(seed: 77, steps: 6, saveAfter: null, resumeFrom: PathOf("mid.ckpt"), restoreRng: false));
    }

    [Fact]
    public void ModelOfAnotherShape_IsRefusedNamingTheLayerAndBothShapes_AndNothingIsCopied()
    {
        Checkpoint.Capture(new Encoder(16, fill: 0.25f)).Save(PathOf("small.ckpt"));
        var checkpoint = Checkpoint.Load(PathOf("small.ckpt"));
        var model = new Encoder(32, fill: 0.5f);
        var e = Assert.Throws<InvalidDataException>(() => checkpoint.Restore(model));
        Assert.Equal($"{PathOf("small.ckpt")}: does not fit Encoder: layer enc1.conv.weight: checkpoint [16,3,3,3] Float32, model [32,3,3,3] Float32; " +
            "layer enc1.conv.bias: checkpoint [16] Float32, model [32] Float32", e.Message);
        Assert.All(model.parameters().SelectMany(Ops.ToFloats), v => Assert.Equal(0.5f, v));

        // A layer on one side only is named too, and again nothing is copied.
        var same = new Encoder(16, fill: 0.5f);
        e = Assert.Throws<InvalidDataException>(() => Checkpoint.Capture(new Encoder(16, fill: 0.25f, extra: 10)).Restore(same));
        Assert.Equal("checkpoint: does not fit Encoder: layer enc1.extra: in the checkpoint but not in the model", e.Message);
        e = Assert.Throws<InvalidDataException>(() => checkpoint.Restore(new Encoder(16, fill: 0.5f, extra: 10)));
        Assert.Equal($"{PathOf("small.ckpt")}: does not fit Encoder: layer enc1.extra: missing from the checkpoint", e.Message);
        Assert.All(same.parameters().SelectMany(Ops.ToFloats), v => Assert.Equal(0.5f, v));
        checkpoint.Restore(same);
        Assert.All(same.parameters().SelectMany(Ops.ToFloats), v => Assert.Equal(0.25f, v));
    }

    [Fact]
    public void MissingOptimiserOrRngState_IsRefusedWhenAskedFor()
    {
        var model = TinyTraining.Model(seed: 1);
        var checkpoint = Checkpoint.Capture(model);
        Assert.Null(checkpoint.OptimizerState);
        Assert.Null(checkpoint.RngState);
        using var sgd = TinyTraining.Sgd(model);
        var e = Assert.Throws<InvalidDataException>(() => checkpoint.Restore(model, sgd, rng: true));
        Assert.Equal("checkpoint: does not fit UNet: the checkpoint holds no optimiser state; the checkpoint holds no RNG state", e.Message);
    }

    [Fact]
    public void TruncatedFile_IsRefusedAsTruncated()
    {
        var bytes = SavedBytes();
        foreach (var keep in new[] { 4, 19, 40, bytes.Length / 2, bytes.Length - 1 })
        {
            File.WriteAllBytes(PathOf("cut.ckpt"), bytes[..keep]);
            var e = Assert.Throws<InvalidDataException>(() => Checkpoint.Load(PathOf("cut.ckpt")));
            var expected = keep < CheckpointFormat.HeaderBytes
                ? $"{PathOf("cut.ckpt")}: truncated checkpoint ({keep} bytes, shorter than the 20-byte header)"
                : $"{PathOf("cut.ckpt")}: truncated checkpoint ({keep} bytes, the header announces {bytes.Length})";
            Assert.Equal(expected, e.Message);
        }
    }

    [Fact]
    public void NewerVersion_IsRefusedSayingBothVersions()
    {
        var bytes = SavedBytes();
        bytes[8] = 7; // version field, little-endian int32 after the 8 magic bytes
        File.WriteAllBytes(PathOf("v7.ckpt"), bytes);
        var e = Assert.Throws<InvalidDataException>(() => Checkpoint.Load(PathOf("v7.ckpt")));
        Assert.Equal($"{PathOf("v7.ckpt")}: checkpoint format version 7 is newer than this kit's 2; update the kit to read it", e.Message);
        Assert.Equal(2, Checkpoint.FormatVersion);
    }

    [Fact]
    public void ACheckpointOfTheOldHandWrittenEngine_IsRefusedSayingWhereItCameFrom()
    {
        // Format version 1, laid out as the old engine wrote it: step 12, epoch 3, metadata "{}", one parameter
        // head.bias [2] = (0.5, -0.5), no buffers, no optimiser, no RNG state.
        var body = new MemoryStream();
        using (var w = new BinaryWriter(body, Encoding.UTF8, leaveOpen: true))
        {
            w.Write(12L);
            w.Write(3L);
            w.Write("{}");
            w.Write(1);
            w.Write("head.bias");
            w.Write(1);
            w.Write(2);
            w.Write(0.5f);
            w.Write(-0.5f);
            w.Write(0); // buffers
            w.Write((byte)0); // no optimiser
            w.Write(-1); // no RNG state
        }
        File.WriteAllBytes(PathOf("old.ckpt"), Envelope(version: 1, body.ToArray()));
        var e = Assert.Throws<InvalidDataException>(() => Checkpoint.Load(PathOf("old.ckpt")));
        Assert.Equal($"{PathOf("old.ckpt")}: checkpoint format version 1 was written by the kit's old hand-written engine; retrain it with this kit",
            e.Message);
    }

    [Fact]
    public void ForeignOrCorruptedFiles_AreRefusedWithTheReason()
    {
        File.WriteAllText(PathOf("notes.txt"), "hello, not a checkpoint");
        Assert.Equal($"{PathOf("notes.txt")}: not a ResearchKit checkpoint (it does not start with the checkpoint magic bytes)",
            Assert.Throws<InvalidDataException>(() => Checkpoint.Load(PathOf("notes.txt"))).Message);
        File.WriteAllBytes(PathOf("empty.ckpt"), []);
        Assert.Equal($"{PathOf("empty.ckpt")}: not a ResearchKit checkpoint (it does not start with the checkpoint magic bytes)",
            Assert.Throws<InvalidDataException>(() => Checkpoint.Load(PathOf("empty.ckpt"))).Message);
        var bytes = SavedBytes();
        bytes[40] ^= 0x10;
        File.WriteAllBytes(PathOf("flip.ckpt"), bytes);
        Assert.Equal($"{PathOf("flip.ckpt")}: corrupted checkpoint (CRC-32 of the body does not match)",
            Assert.Throws<InvalidDataException>(() => Checkpoint.Load(PathOf("flip.ckpt"))).Message);
        File.WriteAllBytes(PathOf("long.ckpt"), [.. SavedBytes(), 0]);
        Assert.Equal($"{PathOf("long.ckpt")}: checkpoint has 1 unexpected bytes after its end",
            Assert.Throws<InvalidDataException>(() => Checkpoint.Load(PathOf("long.ckpt"))).Message);
        File.WriteAllBytes(PathOf("v0.ckpt"), Envelope(version: 0, []));
        Assert.Equal($"{PathOf("v0.ckpt")}: checkpoint format version 0 is not a valid version",
            Assert.Throws<InvalidDataException>(() => Checkpoint.Load(PathOf("v0.ckpt"))).Message);
    }

    [Fact]
    public void AWellFormedEnvelopeAroundABrokenBody_IsRefusedAsMalformed()
    {
        // Step, epoch, metadata and engine, then the body ends where the tensor count should be; the CRC matches.
        var body = new MemoryStream();
        using (var w = new BinaryWriter(body, Encoding.UTF8, leaveOpen: true))
        {
            w.Write(1L);
            w.Write(1L);
            w.Write("{}");
            w.Write(EngineFingerprint.Current);
        }
        File.WriteAllBytes(PathOf("short.ckpt"), Envelope(Checkpoint.FormatVersion, body.ToArray()));
        var e = Assert.Throws<InvalidDataException>(() => Checkpoint.Load(PathOf("short.ckpt")));
        Assert.StartsWith($"{PathOf("short.ckpt")}: malformed checkpoint body (", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void CrashDuringSave_LeavesThePreviousCheckpointIntact_AndNoTempFile()
    {
        var path = PathOf("run.ckpt");
        Checkpoint.Capture(new Encoder(16, fill: 0.5f), step: 1).Save(path);
        var before = File.ReadAllBytes(path);

        var snapshot = Checkpoint.Capture(new Encoder(16, fill: 0.5f, extra: 40_000), step: 2); // 160 kB: several write chunks
        var chunks = 0;
        var e = Assert.Throws<IOException>(() => CheckpointWriter.Save(snapshot, path, written =>
        {
            if (++chunks == 2) throw new IOException($"simulated crash after {written} bytes");
        }));
        Assert.Equal($"simulated crash after {CheckpointFormat.HeaderBytes + CheckpointWriter.ChunkBytes} bytes", e.Message);
        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Equal(1, Checkpoint.Load(path).Step);
        Assert.Equal([path], Directory.GetFiles(_dir));

        snapshot.Save(path); // and a save that completes replaces it
        Assert.Equal(2, Checkpoint.Load(path).Step);
        Assert.Equal([40_000L], Checkpoint.Load(path).State["enc1.extra"].Shape);
        Assert.Equal([path], Directory.GetFiles(_dir));
    }

    [Fact]
    public void InvalidMetadata_IsRefusedAtCapture()
    {
        var e = Assert.Throws<ArgumentException>(() => Checkpoint.Capture(new Encoder(2, fill: 0.5f), metadataJson: "{oops"));
        Assert.StartsWith("checkpoint: metadata is not valid JSON", e.Message);
    }

    /// <summary>Trains the tiny U-Net with SGD momentum on inputs with noise from torch's generator (so model, optimiser
    /// and RNG state all matter); optionally saves model, optimiser and RNG at the end, or starts by restoring them
    /// (all three unless told otherwise). Returns the losses.</summary>
    private static float[] Run(int seed, int steps, string? saveAfter, string? resumeFrom, bool restoreOptimizer = true, bool restoreRng = true)
    {
        var model = TinyTraining.Model(seed); // seeds torch's generator with `seed`
        using var sgd = TinyTraining.Sgd(model);
        if (resumeFrom is not null)
            Checkpoint.Load(resumeFrom).Restore(model, restoreOptimizer ? sgd : null, restoreRng);
        var losses = TinyTraining.Losses(model, sgd, steps, noise: true);
        if (saveAfter is not null) Checkpoint.Capture(model, sgd, rng: true, step: steps).Save(saveAfter);
        return losses;
    }

    private byte[] SavedBytes()
    {
        var model = TinyTraining.Model(seed: 2);
        using var sgd = TinyTraining.Sgd(model);
        Checkpoint.Capture(model, sgd, rng: true).Save(PathOf("good.ckpt"));
        return File.ReadAllBytes(PathOf("good.ckpt"));
    }

    /// <summary>Magic, <paramref name="version"/>, body length, <paramref name="body"/>, CRC-32 of the body.</summary>
    private static byte[] Envelope(int version, byte[] body)
    {
        var bytes = new byte[CheckpointFormat.HeaderBytes + body.Length + CheckpointFormat.TrailerBytes];
        CheckpointFormat.Magic.CopyTo(bytes);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(8), version);
        BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(12), body.Length);
        body.CopyTo(bytes, CheckpointFormat.HeaderBytes);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(CheckpointFormat.HeaderBytes + body.Length), Crc32.Compute(body));
        return bytes;
    }

    /// <summary>enc1.conv.{weight [C,3,3,3], bias [C]} filled with <c>fill</c>, optionally a buffer enc1.extra of that many values.</summary>
    private sealed class Encoder : nn.Module<Tensor, Tensor>
    {
        public Encoder(int channels, float fill, int extra = 0) : base("Encoder")
        {
            register_module("enc1", new Block(channels, fill, extra));
        }

        public override Tensor forward(Tensor input) => input;
    }

    private sealed class Block : nn.Module<Tensor, Tensor>
    {
        public Block(int channels, float fill, int extra) : base("Block")
        {
            var conv = nn.Conv2d(3, channels, 3);
            using (no_grad())
                foreach (var p in conv.parameters()) p.fill_(fill);
            register_module("conv", conv);
            if (extra > 0) register_buffer("extra", full(extra, fill));
        }

        public override Tensor forward(Tensor input) => input;
    }
}
