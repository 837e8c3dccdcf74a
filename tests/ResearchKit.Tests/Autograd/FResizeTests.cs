using ResearchKit.Autograd;
using ResearchKit.Tensors;

namespace ResearchKit.Tests.Autograd;

public sealed class FResizeTests
{
    [Fact]
    public void Bilinear_WithoutAlignCorners_MapsPixelCentres_AndClampsBelowZero()
    {
        // Width 2 -> 4: sources −0.25 (clamped to 0), 0.25, 0.75, 1.25 (capped at the last pixel).
        var y = F.UpsampleBilinear(new Tensor([1, 2], 1, 1, 1, 2), 1, 4, alignCorners: false);
        Assert.Equal([1f, 1.25f, 1.75f, 2f], y.Data);
    }

    [Fact]
    public void Bilinear_WithAlignCorners_MapsCornersOntoCorners()
    {
        var y = F.UpsampleBilinear(new Tensor([1, 2], 1, 1, 1, 2), 1, 4, alignCorners: true);
        float[] expected = [1f, 4f / 3, 5f / 3, 2f];
        for (var i = 0; i < 4; i++) Assert.Equal(expected[i], y.Data[i], 1e-6);
    }

    [Fact]
    public void Bilinear_Backward_ConservesGradientMass()
    {
        var x = GradCheck.Random(new Random(1), 2, 3, 5, 7);
        x.RequiresGrad = true;
        F.Sum(F.UpsampleBilinear(x, 10, 14, alignCorners: false)).Backward();
        Assert.Equal(2 * 3 * 10 * 14, x.Grad!.Data.Sum(), 2); // each output spreads weights that sum to 1
    }

    [Fact]
    public void BilinearDoubling_OnWideRows_MatchesTheSeparableDefinition_ForwardAndBackward()
    {
        // Width 37 -> 74 takes the vector ×2 path; the reference is the PyTorch rule written out per output pixel.
        var rng = new Random(12);
        int h = 3, w = 37, oh = 6, ow = 74;
        var x = GradCheck.Random(rng, 1, 2, h, w);
        var g = GradCheck.Random(rng, 1, 2, oh, ow);
        x.RequiresGrad = true;
        var y = F.UpsampleBilinear(x, oh, ow, alignCorners: false);
        F.Sum(F.Mul(y, g)).Backward();
        var expectedGrad = new double[x.Count];
        static (int I0, int I1, double L1) Src(int o, int input)
        {
            var src = Math.Max(input / (2.0 * input) * (o + 0.5) - 0.5, 0);
            var i0 = Math.Min((int)Math.Floor(src), input - 1);
            return (i0, Math.Min(i0 + 1, input - 1), src - i0);
        }
        for (var p = 0; p < 2; p++)
            for (var oy = 0; oy < oh; oy++)
                for (var ox = 0; ox < ow; ox++)
                {
                    var (y0, y1, ly) = Src(oy, h);
                    var (x0, x1, lx) = Src(ox, w);
                    (int Index, double Weight)[] taps = [(y0 * w + x0, (1 - ly) * (1 - lx)), (y0 * w + x1, (1 - ly) * lx), (y1 * w + x0, ly * (1 - lx)), (y1 * w + x1, ly * lx)];
                    var o = (p * oh + oy) * ow + ox;
                    Assert.Equal(taps.Sum(t => t.Weight * x.Data[p * h * w + t.Index]), y.Data[o], 1e-5);
                    foreach (var (i, wt) in taps) expectedGrad[p * h * w + i] += wt * g.Data[o];
                }
        for (var i = 0; i < x.Count; i++) Assert.Equal(expectedGrad[i], x.Grad!.Data[i], 1e-5);
    }

    [Fact]
    public void Nearest_TakesFloorOfDstTimesInOverOut()
    {
        var x = new Tensor([1, 2, 3], 1, 1, 1, 3);
        x.RequiresGrad = true;
        var y = F.UpsampleNearest(x, 1, 5); // scale 0.6: sources 0, 0, 1, 1, 2
        Assert.Equal([1f, 1, 2, 2, 3], y.Data);
        F.Sum(y).Backward();
        Assert.Equal([2f, 2, 1], x.Grad!.Data);
    }

    [Fact]
    public void Resizes_PassFiniteDifferenceChecks()
    {
        var rng = new Random(8);
        GradCheck.Assert(t => F.UpsampleBilinear(t[0], 6, 8, false), [GradCheck.Random(rng, 1, 2, 3, 4)]);
        GradCheck.Assert(t => F.UpsampleBilinear(t[0], 5, 3, true), [GradCheck.Random(rng, 1, 2, 3, 4)]);
        GradCheck.Assert(t => F.UpsampleBilinear(t[0], 2, 3, false), [GradCheck.Random(rng, 1, 2, 5, 7)]);
        GradCheck.Assert(t => F.UpsampleNearest(t[0], 7, 5), [GradCheck.Random(rng, 1, 2, 3, 4)]);
    }

    [Fact]
    public void Resizes_CheckTheirArguments()
    {
        Assert.Equal("upsample_bilinear2d: output size 0x4 must be positive (shapes [1,1,2,2])",
            Assert.Throws<ArgumentException>(() => F.UpsampleBilinear(Tensor.Zeros(1, 1, 2, 2), 0, 4, false)).Message);
        Assert.Equal("upsample_nearest2d: input must have 4 dimensions, got [2,2]",
            Assert.Throws<ArgumentException>(() => F.UpsampleNearest(Tensor.Zeros(2, 2), 4, 4)).Message);
    }
}
