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
