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

    /// <summary>cat(parts, dim 1) [N,ΣC,H,W], every part brought to channels-last first (a no-op for those already in it).</summary>
    /// <remarks>Mixed layouts in one concatenation feeding a convolution gave NaN input gradients in libtorch 2.10's
    /// convolution backward (seen with a SpectralCrop skip in a channels-last U-Net), so the networks never mix them.</remarks>
    public static Tensor CatChannels(params Tensor[] parts) => cat(parts.Select(Layout.ChannelsLast).ToArray(), 1);

    /// <summary>x [N,C,H,W] cropped to its top-left <paramref name="height"/>×<paramref name="width"/>.</summary>
    public static Tensor CropTopLeft(Tensor x, long height, long width) =>
        x.shape[2] == height && x.shape[3] == width ? x : x[.., .., ..(int)height, ..(int)width];

    /// <summary>Every submodule of <paramref name="module"/> with its dotted name, in PyTorch's named_modules() order
    /// (pre-order over registered children). TorchSharp 0.107's own named_modules() lists breadth-first and adds each
    /// child's private module fields again under their field names, so a hook on each entry would fire twice.</summary>
    public static IEnumerable<(string Name, nn.Module Module)> NamedModules(nn.Module module, string prefix = "")
    {
        foreach (var (name, child) in module.named_children())
        {
            var full = prefix.Length == 0 ? name : prefix + "." + name;
            yield return (full, child);
            foreach (var inner in NamedModules(child, full)) yield return inner;
        }
    }

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
