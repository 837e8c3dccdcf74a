using ResearchKit.Data;
using ResearchKit.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace ResearchKit.Tests.Training;

/// <summary>A 2-level U-Net (widths 4-8, bottleneck 16, 4 classes) trained on one fixed 2×8×8 batch: enough for the
/// checkpoint and determinism tests, in milliseconds per step.</summary>
internal static class TinyTraining
{
    public const int NumClasses = 4;

    /// <summary>Labels equal to this are void (as CamVid's 11 after its 11 classes).</summary>
    public const int IgnoreIndex = 4;

    /// <summary>Smoke's optimiser and schedule settings on the tiny network.</summary>
    public static TrainConfig Config(int seed) => TrainConfig.Smoke with { Widths = [4, 8], Bottleneck = 16, Seed = seed };

    /// <summary>The tiny U-Net initialised from <paramref name="seed"/>.</summary>
    public static nn.Module<Tensor, Tensor> Model(int seed) => Trainer.Build(Config(seed), NumClasses);

    /// <summary>torch.optim.SGD with momentum 0.9 (so the optimiser carries state from step to step).</summary>
    public static optim.Optimizer Sgd(nn.Module<Tensor, Tensor> model) => optim.SGD(model.parameters(), 0.05, momentum: 0.9);

    /// <summary>images [2,3,8,8] = 0.5 + 0.5·sin(0.37·i); labels [2,8,8] = (5i + i/7) mod 5, so every fifth-ish pixel is void.</summary>
    public static SegmentationBatch Batch()
    {
        var images = Enumerable.Range(0, 2 * 3 * 8 * 8).Select(i => 0.5f + 0.5f * MathF.Sin(0.37f * i)).ToArray();
        var labels = Enumerable.Range(0, 2 * 8 * 8).Select(i => (long)((5 * i + i / 7) % 5)).ToArray();
        return new SegmentationBatch(tensor(images, [2, 3, 8, 8]), tensor(labels, [2, 8, 8]));
    }

    /// <summary>The losses of <paramref name="steps"/> <see cref="Trainer.Step"/>s on <see cref="Batch"/>; with
    /// <paramref name="noise"/>, each step's images get 0.1·N(0,1) noise drawn from torch's global generator, so the
    /// losses depend on its state too.</summary>
    public static float[] Losses(nn.Module<Tensor, Tensor> model, optim.Optimizer optimizer, int steps, bool noise = false)
    {
        using var batch = Batch();
        var losses = new float[steps];
        for (var i = 0; i < steps; i++)
        {
            using var scope = NewDisposeScope();
            var images = noise ? batch.Images + 0.1 * randn(batch.Images.shape) : batch.Images;
            losses[i] = Trainer.Step(model, optimizer, new SegmentationBatch(images, batch.Labels), IgnoreIndex);
        }
        return losses;
    }
}
