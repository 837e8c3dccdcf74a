using ResearchKit.Engine;
using TorchSharp.Modules;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace ResearchKit.Models;

/// <summary>A multi-exit architecture around a segmentation network (self-regulation spec §2): exits on blocks 1..N−1,
/// the network's own head as exit N, a class-presence Linear (C → C on GAP of the exit's logits) per exit and a 1×1
/// projection P_b (C_b → C_1) per block b ≥ 2. Everything it adds exists only in training: <see cref="forward"/> is the
/// wrapped network's forward, bit for bit.</summary>
/// <remarks>The wrapped network is built first from the same random stream, so its weights start as the single-exit
/// Baseline's; the added modules are registered after it ("main.*" first).</remarks>
public sealed class MultiExit : NamedModule, ISegmentationModel
{
    private readonly ISegmentationModel _main;
    private readonly string[] _blocks;
    private readonly ExitHead[] _heads;
    private readonly Conv2d[] _presence, _projections;

    /// <summary>Exits on the features <paramref name="blocks"/> (F_1..F_N by name; F_N feeds the network's own head) of
    /// <paramref name="main"/>, with heads of <paramref name="headWidth"/> hidden channels.</summary>
    public MultiExit(nn.Module<Tensor, Tensor> main, string[] blocks, int headWidth) : base("MultiExit")
    {
        _main = main as ISegmentationModel ?? throw new ArgumentException($"multi-exit: {main.GetType().Name} is not a segmentation model");
        if (blocks.Length < 2) throw new ArgumentException("multi-exit: needs at least two blocks (a shallow teacher and the main exit)");
        register_module("main", main);
        _blocks = blocks;
        var channels = BlockChannels(main, blocks);
        int n = blocks.Length, c = _main.NumClasses;
        _heads = new ExitHead[n - 1];
        for (var b = 0; b < n - 1; b++) register_module($"exit{b + 1}", _heads[b] = new ExitHead(channels[b], headWidth, c));
        _presence = new Conv2d[n];
        for (var b = 0; b < n; b++) register_module($"presence{b + 1}", _presence[b] = nn.Conv2d(c, c, 1));
        _projections = new Conv2d[n - 1];
        for (var b = 1; b < n; b++) register_module($"project{b + 1}", _projections[b - 1] = nn.Conv2d(channels[b], channels[0], 1));
    }

    /// <summary>The wrapped network: the whole test-time model.</summary>
    public nn.Module<Tensor, Tensor> Main => (nn.Module<Tensor, Tensor>)_main;

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
    public override Tensor forward(Tensor input) => Main.call(input);

    /// <summary>The training forward: every exit's logits at the input size, presence probabilities, features and projections.</summary>
    public MultiExitOutput ForwardExits(Tensor images)
    {
        var main = Main.call(images); // [N,C,H,W]
        var features = _blocks.Select(b => _main.Features[b]).ToArray();
        long h = images.shape[2], w = images.shape[3];
        var n = _blocks.Length;
        var native = new Tensor[n];
        var logits = new Tensor[n];
        for (var b = 0; b < n - 1; b++)
        {
            native[b] = _heads[b].call(features[b]); // [N,C,h_b,w_b]
            logits[b] = Ops.UpsampleBilinear(native[b], h, w);
        }
        (native[n - 1], logits[n - 1]) = (_main.Features["logits"], main);
        var presence = native.Select(Presence).ToArray();
        var projected = Enumerable.Range(1, n - 1).Select(b => Ops.UpsampleBilinear(_projections[b - 1].call(features[b]),
            features[0].shape[2], features[0].shape[3])).ToArray();
        return new MultiExitOutput(logits, presence, features, projected);
    }

    // q_b = sigmoid(Linear_b(GAP(Z_b))): [N,C,h,w] -> [N,C,1,1] -> [N,C].
    private Tensor Presence(Tensor z, int b) =>
        _presence[b].call(F.adaptive_avg_pool2d(z, [1, 1])).flatten(1).sigmoid();

    // Channels of each named feature, read from one no-grad eval forward of a small zero image.
    private static int[] BlockChannels(nn.Module<Tensor, Tensor> main, string[] blocks)
    {
        var model = (ISegmentationModel)main;
        var was = main.training;
        main.eval();
        try
        {
            using var scope = NewDisposeScope();
            using (no_grad()) model.forward(zeros(1, 3, 2 * model.SizeMultiple, 2 * model.SizeMultiple));
            return blocks.Select(b => model.Features.TryGetValue(b, out var f) ? (int)f.shape[1]
                : throw new ArgumentException($"multi-exit: the network has no feature '{b}'; it has {string.Join(", ", model.Features.Keys)}")).ToArray();
        }
        finally
        {
            main.train(was);
        }
    }
}
