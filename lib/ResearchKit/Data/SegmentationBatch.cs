using ResearchKit.Tensors;

namespace ResearchKit.Data;

/// <summary>One training batch: images [N,3,h,w], labels [N·h·w] (row-major [N,h,w] class ids, void as the ignore index)
/// and, when the set has soft targets, <paramref name="Targets"/> [N,C,h,w] (the loss then uses them instead of the labels).</summary>
public sealed record SegmentationBatch(Tensor Images, int[] Labels, Tensor? Targets = null);
