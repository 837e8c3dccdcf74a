using ResearchKit.Autograd;
using ResearchKit.Nn;
using ResearchKit.Optim;
using ResearchKit.Tensors;

namespace ResearchKit.Tests.Nn;

public sealed class LayerStackTests
{
    private static Sequential Block(ulong seed)
    {
        var rng = new Rng(seed);
        return new Sequential(new Conv2d(3, 4, 3, rng, padding: 1, bias: false), new BatchNorm2d(4), new ReLU(),
            new MaxPool2d(2), new Dropout(0.2, rng), new Upsample(2), new Conv2d(4, 2, 1, rng));
    }

    [Fact]
    public void ConvBnReluBlock_HasPyTorchsStateNames_AndTrainsWithSgd()
    {
        var net = Block(1);
        Assert.Equal(["0.weight", "1.weight", "1.bias", "1.running_mean", "1.running_var", "1.num_batches_tracked",
            "6.weight", "6.bias"], net.StateDict().Keys);
        var x = Tensor.Zeros(2, 3, 8, 8);
        new Rng(9).FillNormal(x.Data, 0, 1);
        var sgd = new Sgd(net.Parameters(), 0.05, momentum: 0.9);
        float first = 0, last = 0;
        for (var step = 0; step < 20; step++)
        {
            sgd.ZeroGrad();
            var y = net.Forward(x);                          // [2,2,8,8]
            var loss = F.Mean(F.Mul(y, y));                  // pull the output to 0
            loss.Backward();
            sgd.Step();
            if (step == 0) first = loss.Item();
            last = loss.Item();
        }
        Assert.Equal([2, 2, 8, 8], net.Forward(x).Shape);
        Assert.True(last < 0.5 * first, $"loss {first} -> {last}");
    }

    [Fact]
    public void EvalMode_IsDeterministic_TrainingModeDrawsNewDropoutMasks()
    {
        var net = Block(2);
        var x = Tensor.Full(0.3f, 1, 3, 4, 4);
        using var _ = GradMode.Disable();
        Assert.NotEqual(net.Forward(x).Data, net.Forward(x).Data);
        net.Eval();
        Assert.Equal(net.Forward(x).Data, net.Forward(x).Data);
    }
}
