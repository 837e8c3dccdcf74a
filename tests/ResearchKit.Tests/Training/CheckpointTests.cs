using ResearchKit.Nn;
using ResearchKit.Optim;
using ResearchKit.Tensors;
using ResearchKit.Tests.Optim;
using ResearchKit.Training;

namespace ResearchKit.Tests.Training;

public sealed class CheckpointTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("rk-ckpt-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string PathOf(string name) => Path.Combine(_dir, name);

    [Fact]
    public void SaveThenLoad_GivesBackEveryPartBitForBit()
    {
        var (model, x, y) = TinyModel.Random(1);
        var adam = new Adam(model.Parameters(), 0.01);
        Train(model, adam, x, y, new Rng(3), 3);
        var rng = new Rng(9);
        rng.NextUInt64();
        var saved = Checkpoint.Capture(model, adam, rng, step: 3, epoch: 1, metadataJson: """{"preset":"Smoke","seed":9}""");
        saved.Save(PathOf("a.ckpt"));

        var loaded = Checkpoint.Load(PathOf("a.ckpt"));
        Assert.Equal((3L, 1L), (loaded.Step, loaded.Epoch));
        Assert.Equal("""{"preset":"Smoke","seed":9}""", loaded.MetadataJson);
        Assert.Equal(["a", "w", "b", "c"], loaded.Parameters.Keys);
        foreach (var (name, p) in model.NamedParameters())
        {
            Assert.Equal(p.Shape, loaded.Parameters[name].Shape);
            Assert.Equal(p.Data, loaded.Parameters[name].Data);
        }
        Assert.Equal(rng.GetState(), loaded.RngState);
        var (expected, actual) = (adam.ExportState(), loaded.Optimizer!);
        Assert.Equal(("adam", 3L, 0.01), (actual.Kind, actual.StepCount, actual.LearningRate));
        for (var i = 0; i < expected.Params.Count; i++)
        {
            Assert.Equal(expected.Params[i].Step, actual.Params[i].Step);
            foreach (var (name, t) in expected.Params[i].Buffers) Assert.Equal(t.Data, actual.Params[i].Buffers[name].Data);
        }
        Assert.Equal(PathOf("a.ckpt"), loaded.SourcePath);
    }

    [Fact]
    public void ResumedRun_GivesBitwiseTheSameLossesAsAnUninterruptedRun()
    {
        var uninterrupted = Run(seed: 1, steps: 10, saveAfter: null, resumeFrom: null);
        var firstPart = Run(seed: 1, steps: 4, saveAfter: PathOf("mid.ckpt"), resumeFrom: null);
        var secondPart = Run(seed: 77, steps: 6, saveAfter: null, resumeFrom: PathOf("mid.ckpt")); // fresh objects, other seed
        Assert.Equal(uninterrupted, firstPart.Concat(secondPart).ToArray());
        Assert.NotEqual(uninterrupted[4..], Run(seed: 77, steps: 6, saveAfter: null, resumeFrom: null)); // the restore matters
    }

    [Fact]
    public void ModelOfAnotherShape_IsRefusedNamingTheLayerAndBothShapes()
    {
        Checkpoint.Capture(new Encoder(16)).Save(PathOf("small.ckpt"));
        var checkpoint = Checkpoint.Load(PathOf("small.ckpt"));
        var model = new Encoder(32);
        var e = Assert.Throws<InvalidDataException>(() => checkpoint.Restore(model));
        Assert.Equal($"{PathOf("small.ckpt")}: does not fit: layer enc1.conv.weight: checkpoint [16,3,3,3], model [32,3,3,3]; " +
            "layer enc1.conv.bias: checkpoint [16], model [32]", e.Message);
        Assert.All(model.Parameters().SelectMany(p => p.Data), v => Assert.Equal(0.5f, v)); // nothing copied
    }

    [Fact]
    public void MissingOptimiserOrRngState_IsRefusedWhenAskedFor()
    {
        var (model, _, _) = TinyModel.Random(1);
        var checkpoint = Checkpoint.Capture(model);
        var e = Assert.Throws<InvalidDataException>(() => checkpoint.Restore(model, new Sgd(model.Parameters(), 0.1), new Rng(1)));
        Assert.Equal("checkpoint: does not fit: the checkpoint holds no optimiser state; the checkpoint holds no RNG state", e.Message);
    }

    [Fact]
    public void TruncatedFile_IsRefusedAsTruncated()
    {
        var bytes = SavedBytes();
        foreach (var keep in new[] { 4, 19, 40, bytes.Length / 2, bytes.Length - 1 })
        {
            File.WriteAllBytes(PathOf("cut.ckpt"), bytes[..keep]);
            var e = Assert.Throws<InvalidDataException>(() => Checkpoint.Load(PathOf("cut.ckpt")));
            Assert.StartsWith($"{PathOf("cut.ckpt")}: truncated checkpoint ({keep} bytes", e.Message);
        }
    }

    [Fact]
    public void NewerVersion_IsRefusedSayingBothVersions()
    {
        var bytes = SavedBytes();
        bytes[8] = 7; // version field, little-endian int32 after the 8 magic bytes
        File.WriteAllBytes(PathOf("v7.ckpt"), bytes);
        var e = Assert.Throws<InvalidDataException>(() => Checkpoint.Load(PathOf("v7.ckpt")));
        Assert.Equal($"{PathOf("v7.ckpt")}: checkpoint format version 7 is newer than this kit's 1; update the kit to read it", e.Message);
    }

    [Fact]
    public void ForeignOrCorruptedFiles_AreRefusedWithTheReason()
    {
        File.WriteAllText(PathOf("notes.txt"), "hello, not a checkpoint");
        Assert.Equal($"{PathOf("notes.txt")}: not a ResearchKit checkpoint (it does not start with the checkpoint magic bytes)",
            Assert.Throws<InvalidDataException>(() => Checkpoint.Load(PathOf("notes.txt"))).Message);
        File.WriteAllBytes(PathOf("empty.ckpt"), []);
        Assert.Contains("not a ResearchKit checkpoint", Assert.Throws<InvalidDataException>(() => Checkpoint.Load(PathOf("empty.ckpt"))).Message);
        var bytes = SavedBytes();
        bytes[40] ^= 0x10;
        File.WriteAllBytes(PathOf("flip.ckpt"), bytes);
        Assert.Contains("corrupted checkpoint (CRC-32", Assert.Throws<InvalidDataException>(() => Checkpoint.Load(PathOf("flip.ckpt"))).Message);
        File.WriteAllBytes(PathOf("long.ckpt"), [.. SavedBytes(), 0]);
        Assert.Contains("1 unexpected bytes after its end", Assert.Throws<InvalidDataException>(() => Checkpoint.Load(PathOf("long.ckpt"))).Message);
    }

    [Fact]
    public void CrashDuringSave_LeavesThePreviousCheckpointIntact_AndNoTempFile()
    {
        var path = PathOf("run.ckpt");
        var model = new Encoder(16);
        Checkpoint.Capture(model, step: 1).Save(path);
        var before = File.ReadAllBytes(path);

        var big = new Encoder(16, extra: 40_000); // several write chunks
        var snapshot = Checkpoint.Capture(big, step: 2);
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
        Assert.Equal([path], Directory.GetFiles(_dir));
    }

    [Fact]
    public void InvalidMetadata_IsRefusedAtCapture()
    {
        var e = Assert.Throws<ArgumentException>(() => Checkpoint.Capture(new Encoder(2), metadataJson: "{oops"));
        Assert.StartsWith("checkpoint: metadata is not valid JSON", e.Message);
    }

    /// <summary>Trains the tiny model with AdamW, a cosine schedule and RNG-drawn input noise (so that the RNG state
    /// matters); optionally saves at the end or starts from a checkpoint. Returns the losses.</summary>
    private static float[] Run(ulong seed, int steps, string? saveAfter, string? resumeFrom)
    {
        var (model, _, _) = TinyModel.Random(seed);
        var (_, x, y) = TinyModel.Random(1); // the data are the same in every run
        var optimizer = new AdamW(model.Parameters(), 0.05, weightDecay: 0.1);
        var schedule = new CosineLr(optimizer, tMax: 10);
        var rng = new Rng(seed + 1000);
        if (resumeFrom is not null)
        {
            var checkpoint = Checkpoint.Load(resumeFrom);
            checkpoint.Restore(model, optimizer, rng);
            schedule.Epoch = (int)checkpoint.Step;
        }
        var losses = new float[steps];
        for (var i = 0; i < steps; i++)
        {
            losses[i] = Train(model, optimizer, x, y, rng, 1);
            schedule.Step();
        }
        if (saveAfter is not null) Checkpoint.Capture(model, optimizer, rng, step: schedule.Epoch).Save(saveAfter);
        return losses;
    }

    private static float Train(TinyModel model, Optimizer optimizer, Tensor[] x, Tensor[] y, Rng rng, int steps)
    {
        var loss = 0f;
        for (var i = 0; i < steps; i++)
        {
            var noisy = x.Select(t =>
            {
                var n = t.Detach();
                for (var k = 0; k < n.Count; k++) n.Data[k] += rng.Normal(0, 0.1f);
                return n;
            }).ToArray();
            optimizer.ZeroGrad();
            var l = model.Loss(noisy, y);
            l.Backward();
            optimizer.Step();
            loss = l.Item();
        }
        return loss;
    }

    private byte[] SavedBytes()
    {
        var (model, _, _) = TinyModel.Random(2);
        Checkpoint.Capture(model, new Sgd(model.Parameters(), 0.1), new Rng(1)).Save(PathOf("good.ckpt"));
        return File.ReadAllBytes(PathOf("good.ckpt"));
    }

    /// <summary>enc1.conv.{weight [C,3,3,3], bias [C]} (values 0.5), optionally a large extra parameter.</summary>
    private sealed class Encoder : Module
    {
        public Encoder(int channels, int extra = 0)
        {
            RegisterModule("enc1", new Block(channels, extra));
        }

        public override Tensor Forward(Tensor input) => input;
    }

    private sealed class Block : Module
    {
        public Block(int channels, int extra)
        {
            RegisterModule("conv", new Weights(channels, extra));
        }

        public override Tensor Forward(Tensor input) => input;
    }

    private sealed class Weights : Module
    {
        public Weights(int channels, int extra)
        {
            RegisterParameter("weight", Tensor.Full(0.5f, channels, 3, 3, 3));
            RegisterParameter("bias", Tensor.Full(0.5f, channels));
            if (extra > 0) RegisterBuffer("extra", Tensor.Full(0.5f, extra));
        }

        public override Tensor Forward(Tensor input) => input;
    }
}
