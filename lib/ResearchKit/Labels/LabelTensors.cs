using ResearchKit.Data;
using static TorchSharp.torch;

namespace ResearchKit.Labels;

/// <summary>Label maps and soft targets as TorchSharp tensors and back, for worked examples in notebooks.</summary>
public static class LabelTensors
{
    /// <summary>The class ids of <paramref name="label"/> as [H,W] int64 (void keeps its id).</summary>
    public static Tensor ToTensor(this LabelMap label)
    {
        ArgumentNullException.ThrowIfNull(label);
        using var bytes = tensor(label.Data, [label.Height, label.Width]);
        return bytes.to(ScalarType.Int64);
    }

    /// <summary>The targets T of <paramref name="map"/> as [C,H,W] float32.</summary>
    public static Tensor ToTensor(this SoftLabelMap map)
    {
        ArgumentNullException.ThrowIfNull(map);
        return tensor(map.Data, [map.NumClasses, map.Height, map.Width]);
    }

    /// <summary>The label map of class ids <paramref name="ids"/> [H,W] (any integer type, values 0..255).</summary>
    public static LabelMap ToLabelMap(Tensor ids)
    {
        if (ids.dim() != 2 || !is_integral(ids.dtype))
            throw new ArgumentException($"label tensors: class ids must be an integer [H,W] tensor, got {ids.dtype} [{string.Join(",", ids.shape)}]");
        using var wide = ids.to(ScalarType.Int64);
        long lo = ids.numel() == 0 ? 0 : wide.min().item<long>(), hi = ids.numel() == 0 ? 0 : wide.max().item<long>();
        if (lo < 0 || hi > 255) throw new ArgumentException($"label tensors: class ids must lie in 0..255, got {lo}..{hi}");
        using var bytes = ids.to(ScalarType.Byte).cpu().contiguous();
        return new LabelMap((int)ids.shape[0], (int)ids.shape[1], bytes.data<byte>().ToArray());
    }
}
