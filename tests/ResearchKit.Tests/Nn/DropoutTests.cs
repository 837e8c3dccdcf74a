using ResearchKit.Nn;
using ResearchKit.Tensors;

namespace ResearchKit.Tests.Nn;

public sealed class DropoutTests
{
    [Fact]
    public void Training_ZeroesAboutPAndScalesSurvivorsByOneOverOneMinusP()
    {
        var drop = new Dropout(0.25, new Rng(1));
        var y = drop.Forward(Tensor.Full(2f, 100_000));
        Assert.All(y.Data, v => Assert.True(v == 0f || Math.Abs(v - 2f / 0.75f) < 1e-6, $"value {v}"));
        Assert.Equal(0.25, y.Data.Count(v => v == 0) / 100_000.0, 0.01);
    }

    [Fact]
    public void Eval_PassesTheInputThrough()
    {
        var drop = new Dropout(0.5, new Rng(1));
        drop.Eval();
        var x = Tensor.Full(3f, 10);
        Assert.Same(x, drop.Forward(x));
    }

    [Fact]
    public void Masks_FollowTheRngState()
    {
        var rng = new Rng(4);
        var state = rng.GetState();
        var drop = new Dropout(0.5, rng);
        var first = drop.Forward(Tensor.Full(1f, 64)).Data;
        rng.SetState(state);
        Assert.Equal(first, drop.Forward(Tensor.Full(1f, 64)).Data);
        Assert.NotEqual(first, drop.Forward(Tensor.Full(1f, 64)).Data);
    }
}
