using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace ResearchKit.Engine;

/// <summary>The few tensor idioms every part of the kit spells the same way.</summary>
public static class Ops
{
    /// <summary>x [N,C,h,w] -> [N,C,height,width], bilinear with align_corners=false (PyTorch's and mmsegmentation's resize).</summary>
    public static Tensor UpsampleBilinear(Tensor x, long height, long width) =>
        x.shape[2] == height && x.shape[3] == width ? x
            : F.interpolate(x, size: [height, width], mode: InterpolationMode.Bilinear, align_corners: false);

    /// <summary>x [N,C,H,W] cropped to its top-left <paramref name="height"/>×<paramref name="width"/>.</summary>
    public static Tensor CropTopLeft(Tensor x, long height, long width) =>
        x.shape[2] == height && x.shape[3] == width ? x : x[.., .., ..(int)height, ..(int)width];

    /// <summary>Throws an <see cref="ArgumentException"/> "op: what (got [shape])" unless <paramref name="ok"/>.</summary>
    public static void Require(bool ok, string op, string what, Tensor x)
    {
        if (!ok) throw new ArgumentException($"{op}: {what} (got {FormatShape(x.shape)})");
    }

    /// <summary>"[2,3,32,32]".</summary>
    public static string FormatShape(long[] shape) => "[" + string.Join(",", shape) + "]";

    /// <summary>The values of a float tensor, copied to managed memory (row-major, on the CPU).</summary>
    public static float[] ToFloats(Tensor x) => x.detach().cpu().contiguous().to_type(ScalarType.Float32).data<float>().ToArray();
}
