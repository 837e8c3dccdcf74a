using static TorchSharp.torch;

namespace ResearchKit.Data;

/// <summary>A batch in managed memory, before it becomes tensors: images [N,3,h,w], labels [N,h,w], soft targets [N,C,h,w].</summary>
public sealed record HostBatch(int Count, int NumClasses, int Height, int Width, float[] Images, long[] Labels, float[]? Targets)
{
    /// <summary>The batch as CPU tensors (float32 images and targets, int64 labels).</summary>
    public SegmentationBatch ToTensors() => new(
        tensor(Images, [Count, 3, Height, Width]),
        tensor(Labels, [Count, Height, Width]),
        Targets is null ? null : tensor(Targets, [Count, NumClasses, Height, Width]));
}
