using ResearchKit.Models;
using ResearchKit.Repro;
using ResearchKit.Spectral;
using ResearchKit.Tests.Support;
using ResearchKit.Training;
using static TorchSharp.torch;

namespace ResearchKit.Tests.Models;

/// <summary>The U-Net's decoder truncation (stride t) and prediction grid (factor s) of spectral spec 2.7 and NB03/NB04.</summary>
public sealed class UNetTruncationTests
{
    private static UNetConfig Config(int t, int s, TruncationOperator op = TruncationOperator.AreaDownsample) =>
        new() { NumClasses = 5, Widths = [4, 8, 8], Bottleneck = 16, DecoderStride = t, SkipOperator = op, GridFactor = s };

    private static UNet Model(int t, int s, TruncationOperator op = TruncationOperator.AreaDownsample)
    {
        TestTensors.Seed(1);
        return new UNet(Config(t, s, op));
    }

    private static Tensor Input() => TestTensors.Uniform(2, [2, 3, 24, 48]);

    [Theory]
    [InlineData(1, 1, 24)]
    [InlineData(2, 2, 12)]
    [InlineData(4, 4, 6)]
    [InlineData(8, 8, 3)]
    [InlineData(4, 12, 2)]
    public void DecoderRunsAtStrideT_ClassifierOnTheGrid_LogitsBackAtInputSize(int t, int s, int gridHeight)
    {
        var model = Model(t, s);
        var y = model.forward(Input());
        Assert.Equal([2L, 5, 24, 48], y.shape);
        Assert.Equal([2L, 5, gridHeight, 48 / s], model.Features["logits"].shape);
        Assert.Equal([2L, 4, 24 / t, 48 / t], model.Features["dec1"].shape);          // the finest stage runs at stride t
        Assert.Equal([2L, 8, 24 / Math.Max(t, 4), 48 / Math.Max(t, 4)], model.Features["dec3"].shape);
    }

    [Fact]
    public void EveryTruncation_HasTheSameLayers_SoOneCheckpointLoadsIntoAll()
    {
        var names = Model(1, 1).named_parameters().Select(p => (p.name, p.parameter.numel())).ToArray();
        foreach (var (t, s) in new[] { (2, 2), (8, 8), (4, 12) })
            Assert.Equal(names, Model(t, s, TruncationOperator.SpectralCrop).named_parameters().Select(p => (p.name, p.parameter.numel())));
    }

    [Fact]
    public void TruncatedDecoder_CostsFewerMacs_TheEncoderTheSame()
    {
        var full = LayerCost.PerLayer(Model(1, 1), 1, 24, 48).ToDictionary(c => c.Layer, c => c.Macs);
        var cut = LayerCost.PerLayer(Model(2, 2), 1, 24, 48).ToDictionary(c => c.Layer, c => c.Macs);
        Assert.Equal(full["enc1.conv1"], cut["enc1.conv1"]);
        Assert.Equal(full["dec1.conv2"], 4 * cut["dec1.conv2"]); // dec1 runs on a quarter of the pixels
        Assert.Equal(full["head"], 4 * cut["head"]);
        Assert.Equal(full["dec2.conv1"], cut["dec2.conv1"]);    // stride 2 is already at t
    }

    [Theory]
    [InlineData(TruncationOperator.AreaDownsample)]
    [InlineData(TruncationOperator.SpectralCrop)]
    public void GradientsReachEveryParameter_ThroughEitherOperator(TruncationOperator op)
    {
        var model = Model(4, 8, op);
        var y = model.forward(Input());
        (y * y).sum().backward();
        Assert.All(model.named_parameters(), p => Assert.True(p.parameter.grad is { } g && g.abs().max().item<float>() > 0, p.name));
    }

    [Fact]
    public void GridFactors_UseTheLargestDecoderStrideDividingThem()
    {
        Assert.Equal([1, 2, 4, 8, 4, 8, 8], new[] { 1, 2, 4, 8, 12, 24, 40 }.Select(s => UNetConfig.DecoderStrideForGrid(s, 4)));
        Assert.Equal(16, (UNetConfig.Reference with { DecoderStride = 8, GridFactor = 40 }).SizeMultiple);
        Assert.Throws<ArgumentException>(() => (Config(1, 1) with { Widths = [4, 8], DecoderStride = 3 }).Validate());
        Assert.Throws<ArgumentException>(() => (Config(1, 1) with { Widths = [4, 8], DecoderStride = 2, GridFactor = 3 }).Validate());
    }

    [Fact]
    public void TrainConfigsWithoutTruncation_HashAsTheyDidBefore_TruncationChangesTheHash()
    {
        // The config's JSON is unchanged by the move to named properties; what the engine changed is kept apart, in the
        // engine fingerprint of TrainingRuns.RunFolder, so runs of the old engine are never reused.
        Assert.Equal(ConfigHash.Of(TrainConfig.Quick with { }), ConfigHash.Of(TrainConfig.Quick));
        Assert.NotEqual(ConfigHash.Of(TrainConfig.Quick), ConfigHash.Of(TrainConfig.Quick with { GridFactor = 2, DecoderStride = 2 }));
        Assert.Equal(ConfigHash.Of(TrainConfig.Quick), ConfigHash.Of(TrainConfig.Quick with { Device = "cuda" }));
    }

    [Fact]
    public void GridThatDoesNotDivideTheInput_HasEdgeCellsCutByTheBorder()
    {
        var model = Model(2, 6); // cells of 3 at stride 2 on a 16×40 input: 8×20 → 3×7 cells, the last row and column cut
        var y = model.forward(TestTensors.Uniform(4, [1, 3, 16, 40]));
        Assert.Equal([1L, 5, 16, 40], y.shape);
        Assert.Equal([1L, 5, 3, 7], model.Features["logits"].shape);
        Assert.Equal(8, Config(2, 6).SizeMultiple);
    }

    [Fact]
    public void GridMean_AveragesThePixelsEachCellHolds_AndItsGradientPassesTheFiniteDifferenceCheck()
    {
        // 1×1×3×5 ramp 0..14 in cells of 2: [[0,1,5,6] [2,3,7,8] [4,9]] / [[10,11] [12,13] [14]].
        var x = arange(15, ScalarType.Float32).reshape(1, 1, 3, 5);
        var y = Truncation.GridMean(x, 2);
        Assert.Equal([1L, 1, 2, 3], y.shape);
        Assert.Equal([3f, 5f, 6.5f, 10.5f, 12.5f, 14f], Golden.Values(y));
        GradCheck.Assert(t => Truncation.GridMean(t, 3), TestTensors.Uniform(6, [1, 2, 7, 5]));
    }
}
