using ResearchKit.Charts;
using ResearchKit.Experiments.FeatureTruncation;
using ResearchKit.Models;
using ResearchKit.Tests.Support;
using static ResearchKit.Tests.Support.JsonArrays;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace ResearchKit.Tests.Experiments.FeatureTruncation;

/// <summary>NB04's worked example: the skip feature it takes from a network, and its figure's plotly JSON.</summary>
public sealed class FeatureTruncationExampleTests
{
    [Fact]
    public void SkipFeature_IsEnc1OfTheForwardPaddedToTheSizeMultiple_CroppedBackToTheImage_InDouble()
    {
        TestTensors.Seed(3);
        var model = new UNet(new UNetConfig { NumClasses = 11, Widths = [4, 8], Bottleneck = 16 }); // size multiple 4
        var image = TestTensors.Uniform(5, [1, 3, 6, 10]);                                          // 6×10: padded to 8×12
        var feature = FeatureTruncationExample.SkipFeature(model, image.data<float>().ToArray(), 6, 10);
        Assert.Equal([1L, 4, 6, 10], feature.shape);
        Assert.Equal(ScalarType.Float64, feature.dtype);
        Assert.True(model.training); // the caller's mode is restored
        model.eval();
        using (no_grad()) model.forward(F.pad(image, [0, 2, 0, 2]));
        var expected = model.Features["enc1"][.., .., ..6, ..10].to(ScalarType.Float64);
        Assert.Equal(0.0, (feature - expected).abs().max().item<double>());
    }

    [Fact]
    public void Figure_DrawsTheCropAndBothTruncationsOnOneColourScale_RowZeroAtTheTop()
    {
        var x = arange(16, dtype: ScalarType.Float64).reshape(4, 4);
        var spectral = tensor(new[] { 1.5, 2.5, 9.5, 10.5 }).reshape(2, 2);
        var area = tensor(new[] { -1.0, 2.5, 9.5, 10.5 }).reshape(2, 2);
        var fig = ChartDisplay.FigureJson(FeatureTruncationExample.Figure(x, spectral, area, 2));
        var data = fig["data"]!.AsArray();
        Assert.Equal(["heatmap", "heatmap", "heatmap"], data.Select(t => t!["type"]!.GetValue<string>()));
        Assert.All(data, t => Assert.Equal((-1.0, 15.0), (t!["zmin"]!.GetValue<double>(), t["zmax"]!.GetValue<double>())));
        Assert.Equal([false, false, true], data.Select(t => t!["showscale"]!.GetValue<bool>()));
        Assert.Equal([4.0, 5, 6, 7], Numbers(data[0]!["z"]![1]));
        Assert.Equal([-1.0, 2.5], Numbers(data[2]!["z"]![0]));
        var layout = fig["layout"]!;
        Assert.Equal("reversed", layout["yaxis"]!["autorange"]!.GetValue<string>());
        Assert.Equal("x3", layout["yaxis3"]!["scaleanchor"]!.GetValue<string>());
        Assert.Equal(["enc1 crop 4×4", "SpectralCrop, t = 2", "AreaDownsample, t = 2"],
            layout["annotations"]!.AsArray().Select(a => a!["text"]!.GetValue<string>()));
    }
}
