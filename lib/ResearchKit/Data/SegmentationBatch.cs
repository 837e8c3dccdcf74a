using ResearchKit.Tensors;

namespace ResearchKit.Data;

/// <summary>One training batch: images [N,3,h,w] and labels [N·h·w] (row-major [N,h,w] class ids, void as the ignore index).</summary>
public sealed record SegmentationBatch(Tensor Images, int[] Labels);
