using ResearchKit.Autograd;
using ResearchKit.Nn;
using ResearchKit.Tensors;

namespace ResearchKit.Models;

/// <summary>A multi-exit architecture around a segmentation network (self-regulation spec §2): exits on blocks 1..N−1,
/// the network's own head as exit N, a class-presence Linear (C → C on GAP of the exit's logits) per exit and a 1×1
/// projection P_b (C_b → C_1) per block b ≥ 2. Everything it adds exists only in training: <see cref="Forward"/> is the
/// wrapped network's forward, bit for bit.</summary>
/// <remarks>The wrapped network is built first from the same random stream, so its weights start as the single-exit
/// Baseline's; the added modules are registered after it ("main.*" first).</remarks>
public sealed class MultiExit : Module, ISegmentationModel
{
    private readonly ISegmentationModel _main;
    private readonly string[] _blocks;
    private readonly ExitHead[] _heads;
    private readonly Conv2d[] _presence, _projections;

    /// <summary>Exits on the features <paramref name="blocks"/> (F_1..F_N by name; F_N feeds the network's own head) of
    /// <paramref name="main"/>, with heads of <paramref name="headWidth"/> hidden channels.</summary>
    public MultiExit(Module main, string[] blocks, int headWidth, Rng rng)
    {
        _main = main as ISegmentationModel ?? throw new ArgumentException($"multi-exit: {main.GetType().Name} is not a segmentation model");
        if (blocks.Length < 2) throw new ArgumentException("multi-exit: needs at least two blocks (a shallow teacher and the main exit)");
        RegisterModule("main", main);
        _blocks = blocks;
        var channels = BlockChannels(main, blocks);
        int n = blocks.Length, c = _main.NumClasses;
        _heads = Enumerable.Range(0, n - 1).Select(b => RegisterModule($"exit{b + 1}", new ExitHead(channels[b], headWidth, c, rng))).ToArray();
        _presence = Enumerable.Range(0, n).Select(b => RegisterModule($"presence{b + 1}", new Conv2d(c, c, 1, rng))).ToArray();
        _projections = Enumerable.Range(1, n - 1).Select(b => RegisterModule($"project{b + 1}", new Conv2d(channels[b], channels[0], 1, rng))).ToArray();
    }

    /// <summary>The wrapped network: the whole test-time model.</summary>
    public Module Main => (Module)_main;

    /// <summary>N, the number of exits.</summary>
    public int Exits => _blocks.Length;

    /// <summary>The block feature names F_1..F_N.</summary>
    public IReadOnlyList<string> Blocks => _blocks;

    /// <inheritdoc />
    public int NumClasses => _main.NumClasses;

    /// <inheritdoc />
    public int SizeMultiple => _main.SizeMultiple;

    /// <inheritdoc />
    public IReadOnlyDictionary<string, Tensor> Features => _main.Features;

    /// <summary>The wrapped network's logits: the test-time path only.</summary>
    public override Tensor Forward(Tensor input) => _main.Forward(input);

    /// <summary>The training forward: every exit's logits at the input size, presence probabilities, features and projections.</summary>
    public MultiExitOutput ForwardExits(Tensor images)
    {
        var main = _main.Forward(images); // [N,C,H,W]
        var features = _blocks.Select(b => _main.Features[b]).ToArray();
        int h = images.Size(2), w = images.Size(3), n = _blocks.Length;
        var native = new Tensor[n];
        var logits = new Tensor[n];
        for (var b = 0; b < n - 1; b++)
        {
            native[b] = _heads[b].Forward(features[b]); // [N,C,h_b,w_b]
            logits[b] = F.UpsampleBilinear(native[b], h, w, alignCorners: false);
        }
        (native[n - 1], logits[n - 1]) = (_main.Features["logits"], main);
        var presence = native.Select((z, b) => Presence(z, b)).ToArray();
        var projected = Enumerable.Range(1, n - 1).Select(b => F.UpsampleBilinear(_projections[b - 1].Forward(features[b]),
            features[0].Size(2), features[0].Size(3), alignCorners: false)).ToArray();
        return new MultiExitOutput(logits, presence, features, projected);
    }

    // q_b = sigmoid(Linear_b(GAP(Z_b))): [N,C,h,w] -> [N,C,1,1] -> [N,C].
    private Tensor Presence(Tensor z, int b)
    {
        var pooled = _presence[b].Forward(F.GlobalAvgPool2d(z));
        return F.Sigmoid(F.Reshape(pooled, [pooled.Size(0), pooled.Size(1)]));
    }

    // Channels of each named feature, read from one no-grad eval forward of a small zero image.
    private static int[] BlockChannels(Module main, string[] blocks)
    {
        var model = (ISegmentationModel)main;
        var was = main.Training;
        main.Eval();
        try
        {
            using (GradMode.Disable()) model.Forward(Tensor.Zeros(1, 3, 2 * model.SizeMultiple, 2 * model.SizeMultiple));
            return blocks.Select(b => model.Features.TryGetValue(b, out var f) ? f.Size(1)
                : throw new ArgumentException($"multi-exit: the network has no feature '{b}'; it has {string.Join(", ", model.Features.Keys)}")).ToArray();
        }
        finally
        {
            main.Train(was);
        }
    }
}
