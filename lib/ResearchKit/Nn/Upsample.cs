using ResearchKit.Autograd;
using ResearchKit.Tensors;

namespace ResearchKit.Nn;

/// <summary>Resizes [N,C,H,W] images (torch.nn.Upsample) by an integer scale factor or to a fixed size.</summary>
/// <remarks>Only integer scale factors are offered: then out/in is exactly the factor, so the kit's size-based ops
/// sample the same positions as torch's scale-based ones.</remarks>
public sealed class Upsample : Module
{
    /// <summary>Scales height and width by <paramref name="scaleFactor"/> (U-Net's ×2: <c>new Upsample(2)</c>).</summary>
    public Upsample(int scaleFactor, UpsampleMode mode = UpsampleMode.Bilinear, bool alignCorners = false)
    {
        if (scaleFactor <= 0) throw new ArgumentOutOfRangeException(nameof(scaleFactor), scaleFactor, "upsample layer: scale factor must be positive");
        (ScaleFactor, Mode, AlignCorners) = (scaleFactor, mode, alignCorners);
        CheckMode();
    }

    /// <summary>Resizes to <paramref name="height"/> × <paramref name="width"/> whatever the input size.</summary>
    public Upsample(int height, int width, UpsampleMode mode = UpsampleMode.Bilinear, bool alignCorners = false)
    {
        if (height <= 0 || width <= 0) throw new ArgumentException($"upsample layer: size {height}x{width} must be positive");
        (Size, Mode, AlignCorners) = ((height, width), mode, alignCorners);
        CheckMode();
    }

    /// <summary>The integer scale factor, or null when a fixed <see cref="Size"/> is used.</summary>
    public int? ScaleFactor { get; }

    /// <summary>The fixed output size, or null when a <see cref="ScaleFactor"/> is used.</summary>
    public (int Height, int Width)? Size { get; }

    /// <summary>Interpolation.</summary>
    public UpsampleMode Mode { get; }

    /// <summary>Bilinear only: whether corner pixels are aligned (torch's align_corners).</summary>
    public bool AlignCorners { get; }

    /// <summary>[N,C,H,W] -> [N,C,outH,outW].</summary>
    public override Tensor Forward(Tensor input)
    {
        ShapeChecks.Rank("upsample", input, 4);
        var (h, w) = Size ?? (input.Shape[2] * ScaleFactor!.Value, input.Shape[3] * ScaleFactor!.Value);
        return Mode == UpsampleMode.Bilinear ? F.UpsampleBilinear(input, h, w, AlignCorners) : F.UpsampleNearest(input, h, w);
    }

    private void CheckMode()
    {
        if (Mode == UpsampleMode.Nearest && AlignCorners)
            throw new ArgumentException("upsample layer: align corners only applies to bilinear mode");
    }
}
