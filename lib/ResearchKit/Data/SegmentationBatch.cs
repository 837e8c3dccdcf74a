using static TorchSharp.torch;

namespace ResearchKit.Data;

/// <summary>One training batch: images [N,3,h,w] float, labels [N,h,w] int64 class ids (void as the ignore index) and,
/// when the set has soft targets, <paramref name="Targets"/> [N,C,h,w] (the loss then uses them instead of the labels).
/// Disposing it frees the tensors at once.</summary>
public sealed record SegmentationBatch(Tensor Images, Tensor Labels, Tensor? Targets = null) : IDisposable
{
    /// <summary>Frees the batch's tensors.</summary>
    public void Dispose()
    {
        Images.Dispose();
        Labels.Dispose();
        Targets?.Dispose();
    }

    /// <summary>The batch on <paramref name="device"/> (itself when it is already there).</summary>
    public SegmentationBatch To(Device device) => Images.device == device ? this
        : new SegmentationBatch(Images.to(device), Labels.to(device), Targets?.to(device));
}
