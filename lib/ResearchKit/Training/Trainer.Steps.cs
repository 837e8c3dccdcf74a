using ResearchKit.Data;
using ResearchKit.Losses;
using ResearchKit.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace ResearchKit.Training;

public static partial class Trainer
{
    /// <summary>The network of <paramref name="cfg"/> for <paramref name="numClasses"/> classes, initialised from the
    /// config's seed (torch.manual_seed, then PyTorch's default initialisation); inside a <see cref="MultiExit"/> wrapper
    /// (built from the same random stream after the network) when the config trains with self-regulation.</summary>
    public static nn.Module<Tensor, Tensor> Build(TrainConfig cfg, int numClasses = CamVid.NumClasses)
    {
        Engine.TorchRuntime.Initialize();
        manual_seed(cfg.Seed);
        var network = Network(cfg, numClasses);
        return cfg.SelfRegulation is { MultiExit: true } ? new MultiExit(network, ExitBlocks(cfg.Model), HeadWidth(cfg)) : network;
    }

    /// <summary>The blocks F_1..F_N whose outputs get exits (self-regulation spec §2): SrNet's four blocks; TinyUNet's
    /// enc1, enc2, bottleneck and dec1; DeepLabV3+'s stage1, stage2, stage4 and decoder. F_N feeds the network's own head.</summary>
    public static string[] ExitBlocks(ModelKind model) => model switch
    {
        ModelKind.SrNet => ["block1", "block2", "block3", "block4"],
        ModelKind.UNet => ["enc1", "enc2", "bottleneck", "dec1"],
        ModelKind.DeepLabV3Plus => ["stage1", "stage2", "stage4", "decoder"],
        _ => throw new ArgumentException($"self-regulation: no exits are defined for {model}"),
    };

    private static int HeadWidth(TrainConfig cfg) => cfg.Model == ModelKind.SrNet ? cfg.Bottleneck : new SrNetConfig { NumClasses = 1 }.HeadWidth;

    private static nn.Module<Tensor, Tensor> Network(TrainConfig cfg, int numClasses) => cfg.Model switch
    {
        ModelKind.UNet => new UNet(new UNetConfig
        {
            NumClasses = numClasses, Widths = cfg.Widths, Bottleneck = cfg.Bottleneck, DecoderStride = cfg.DecoderStride ?? 1,
            SkipOperator = cfg.SkipOperator ?? Spectral.TruncationOperator.AreaDownsample, GridFactor = cfg.GridFactor ?? 1,
        }),
        ModelKind.DeepLabV3Plus => new DeepLabV3Plus(new DeepLabV3PlusConfig
        {
            NumClasses = numClasses, Widths = cfg.Widths, OutputStride = cfg.OutputStride, AsppRates = DeepLabV3PlusConfig.RatesFor(cfg.OutputStride),
            AsppChannels = cfg.Bottleneck, DecoderTruncation = cfg.DecoderStride ?? 1,
            Truncation = cfg.SkipOperator ?? Spectral.TruncationOperator.AreaDownsample,
        }),
        ModelKind.Dan => new Dan(new DanConfig { NumClasses = numClasses, Widths = cfg.Widths, FuseChannels = cfg.Bottleneck }),
        ModelKind.SrNet => new SrNet(new SrNetConfig { NumClasses = numClasses, Widths = cfg.Widths, HeadWidth = cfg.Bottleneck }),
        _ => throw new ArgumentOutOfRangeException(nameof(cfg), cfg.Model, "unknown model"),
    };

    /// <summary>One training step (zero grads, forward, loss, backward, optional clipping, optimiser step) inside its own
    /// dispose scope; returns the loss: mean CE over non-void pixels, or with soft targets the soft CE normalised by
    /// target mass (soft-labelling spec 2.4; equal to it on one-hot targets).</summary>
    /// <exception cref="TrainingDivergedException">The loss or a gradient is NaN or Inf; the weights are left as they
    /// were before the step (BatchNorm's running statistics have already seen the batch: a run stops there and keeps the
    /// previous epoch's checkpoint), and the message names the first parameter whose gradient went non-finite.</exception>
    /// <remarks>A <see cref="MultiExit"/> model trains on the self-regulation loss of <paramref name="selfRegulation"/>,
    /// its SR terms only when <paramref name="selfRegulate"/> (after the warm-up).</remarks>
    public static float Step(nn.Module<Tensor, Tensor> model, optim.Optimizer optimizer, SegmentationBatch batch, int ignoreIndex,
        SelfRegulationOptions? selfRegulation = null, bool selfRegulate = true, double? gradClipNorm = null)
    {
        using var scope = NewDisposeScope();
        optimizer.zero_grad();
        var loss = Loss(model, batch, ignoreIndex, selfRegulation, selfRegulate); // [N,C,h,w] -> []
        loss.backward();
        var value = loss.item<float>();
        var grads = model.parameters().Select(p => p.grad).OfType<Tensor>().ToArray();
        // The global L2 norm of the gradients: clipped to the config's bound, and checked either way (NaN or Inf anywhere
        // makes it non-finite), at one host sync per step.
        var norm = gradClipNorm is { } bound ? nn.utils.clip_grad_norm_(model.parameters(), bound)
            : stack(grads.Select(g => g.norm())).norm().item<float>();
        if (!float.IsFinite(value) || !double.IsFinite(norm))
            throw new TrainingDivergedException(Diagnose(model, value));
        optimizer.step();
        return value;
    }

    private static Tensor Loss(nn.Module<Tensor, Tensor> model, SegmentationBatch batch, int ignoreIndex,
        SelfRegulationOptions? selfRegulation, bool selfRegulate)
    {
        if (model is MultiExit multiExit)
        {
            if (batch.Targets is not null) throw new ArgumentException("self-regulation trains on hard labels; soft targets are not supported");
            return SelfRegulationLoss.Compute(multiExit.ForwardExits(batch.Images), batch.Labels, ignoreIndex,
                selfRegulation ?? SelfRegulationOptions.Paper, selfRegulate).Total;
        }
        var logits = model.forward(batch.Images);
        return batch.Targets is { } targets ? SegmentationLosses.SoftCrossEntropy(logits, targets)
            : SegmentationLosses.CrossEntropy(logits, batch.Labels, ignoreIndex);
    }

    // Names what went non-finite: a weight, else the first parameter (in module order) whose gradient is NaN or Inf.
    private static string Diagnose(nn.Module model, float loss)
    {
        foreach (var (name, p) in model.named_parameters())
            if (!p.isfinite().all().item<bool>()) return $"loss {loss}: parameter {name} holds NaN or Inf";
        foreach (var (name, p) in model.named_parameters())
            if (p.grad is { } g && !g.isfinite().all().item<bool>()) return $"loss {loss}: the gradient of {name} holds NaN or Inf";
        return $"loss {loss}: every gradient is finite (the overflow is in the loss reduction)";
    }
}
