using ResearchKit.Nn;
using ResearchKit.Tensors;

namespace ResearchKit.Tests.Nn;

public sealed class UpsampleTests
{
    [Fact]
    public void ScaleTwoBilinear_HandComputedRow()
    {
        // align_corners = false: output j samples input (j + 0.5)/2 − 0.5, clamped at 0: [0, 0.25, 0.75, 1] of the way.
        var y = new Upsample(2).Forward(new Tensor([0, 4], 1, 1, 1, 2));
        Assert.Equal([1, 1, 2, 4], y.Shape);
        Assert.Equal([0f, 1, 3, 4, 0, 1, 3, 4], y.Data);
    }

    [Fact]
    public void AlignCornersAndNearestAndFixedSize_GiveTheirValuesAndShapes()
    {
        var aligned = new Upsample(1, 3, UpsampleMode.Bilinear, alignCorners: true).Forward(new Tensor([0, 4], 1, 1, 1, 2));
        Assert.Equal([0f, 2, 4], aligned.Data);
        var nearest = new Upsample(2, UpsampleMode.Nearest).Forward(new Tensor([1, 2], 1, 1, 1, 2));
        Assert.Equal([1f, 1, 2, 2, 1, 1, 2, 2], nearest.Data);
        Assert.Contains("bilinear", Assert.Throws<ArgumentException>(() => new Upsample(2, UpsampleMode.Nearest, alignCorners: true)).Message);
    }
}
