using ResearchKit.Engine;
using ResearchKit.Models;
using ResearchKit.Tests.Support;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace ResearchKit.Tests.Models;

public sealed class ConvBnTests
{
    [Fact]
    public void StridedOneByOne_OnChannelsLastInput_TrainsAndEqualsTheStridedConv()
    {
        // libtorch 2.10 corrupts the heap in the backward of a strided 1×1 conv on channels-last input; ConvBn samples
        // first and convolves at stride 1. Same weights, same state dict keys, same outputs as conv2d(stride 2).
        TestTensors.Seed(3);
        var layer = new ConvBn(8, 16, 1, stride: 2, relu: false);
        Assert.Equal(["conv.weight", "bn.weight", "bn.bias"], layer.named_parameters().Select(p => p.name));
        var weight = layer.named_parameters().First().parameter;
        for (var step = 0; step < 3; step++)
        {
            using var scope = NewDisposeScope();
            var x = Layout.ChannelsLast(TestTensors.Uniform(step, [4, 8, 15, 24])).requires_grad_(true);
            layer.eval();
            using (no_grad())
            {
                var expected = F.conv2d(x, weight, strides: [2, 2]);
                var bn = layer.named_children().Single(m => m.name == "bn").module;
                var actual = layer.call(x);
                Assert.Equal([4L, 16, 8, 12], actual.shape);
                Assert.True(actual.allclose(((TorchSharp.Modules.BatchNorm2d)bn).call(expected), 1e-5, 1e-6));
            }
            layer.train();
            layer.call(x).square().mean().backward();
            Assert.True(x.grad!.isfinite().all().item<bool>());
        }
    }
}
