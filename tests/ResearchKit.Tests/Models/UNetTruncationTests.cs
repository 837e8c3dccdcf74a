using ResearchKit.Autograd;
using ResearchKit.Nn;
using ResearchKit.Models;
using ResearchKit.Repro;
using ResearchKit.Spectral;
using ResearchKit.Tensors;
using ResearchKit.Training;

namespace ResearchKit.Tests.Models;

/// <summary>The U-Net's decoder truncation (stride t) and prediction grid (factor s) of spectral spec 2.7 and NB03/NB04.</summary>
public sealed class UNetTruncationTests
{
    private static UNet Model(int t, int s, TruncationOperator op = TruncationOperator.AreaDownsample) =>
        new(new UNetConfig(3, 5, [4, 8, 8], 16, t, op, s), new Rng(1));

    private static Tensor Input()
    {
        var x = Tensor.Zeros(2, 3, 24, 48);
        new Rng(2).FillUniform(x.Data, -1, 1);
        return x;
    }

    [Theory]
    [InlineData(1, 1, 24)]
    [InlineData(2, 2, 12)]
    [InlineData(4, 4, 6)]
    [InlineData(8, 8, 3)]
    [InlineData(4, 12, 2)]
    public void DecoderRunsAtStrideT_ClassifierOnTheGrid_LogitsBackAtInputSize(int t, int s, int gridHeight)
    {
        var model = Model(t, s);
        var y = model.Forward(Input());
        Assert.Equal([2, 5, 24, 48], y.Shape);
        Assert.Equal([2, 5, gridHeight, 48 / s], model.Features["logits"].Shape);
        Assert.Equal([2, 4, 24 / t, 48 / t], model.Features["dec1"].Shape);          // the finest stage runs at stride t
        Assert.Equal([2, 8, 24 / Math.Max(t, 4), 48 / Math.Max(t, 4)], model.Features["dec3"].Shape);
    }

    [Fact]
    public void EveryTruncation_HasTheSameLayers_SoOneCheckpointLoadsIntoAll()
    {
        var names = Model(1, 1).NamedParameters().Select(p => (p.Name, p.Value.Count)).ToArray();
        foreach (var (t, s) in new[] { (2, 2), (8, 8), (4, 12) })
            Assert.Equal(names, Model(t, s, TruncationOperator.SpectralCrop).NamedParameters().Select(p => (p.Name, p.Value.Count)));
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
        var loss = F.Sum(F.Mul(model.Forward(Input()), model.Forward(Input())));
        loss.Backward();
        Assert.All(model.NamedParameters(), p => Assert.True(p.Value.Grad is not null && p.Value.Grad.Data.Any(v => v != 0), p.Name));
    }

    [Fact]
    public void GridFactors_UseTheLargestDecoderStrideDividingThem()
    {
        Assert.Equal([1, 2, 4, 8, 4, 8, 8], new[] { 1, 2, 4, 8, 12, 24, 40 }.Select(s => UNetConfig.DecoderStrideForGrid(s, 4)));
        Assert.Equal(16, new UNetConfig(3, 11, [16, 32, 64, 128], 256, 8, TruncationOperator.AreaDownsample, 40).SizeMultiple);
        Assert.Throws<ArgumentException>(() => new UNetConfig(3, 11, [4, 8], 16, 3).Validate());
        Assert.Throws<ArgumentException>(() => new UNetConfig(3, 11, [4, 8], 16, 2, TruncationOperator.AreaDownsample, 3).Validate());
    }

    [Fact]
    public void TrainConfigsWithoutTruncation_KeepTheirHash()
    {
        // Pinned: runs under out/runs are found by these hashes (the Quick and Paper baselines of NB00).
        Assert.Equal("408c3781427b76c3", ConfigHash.Of(TrainConfig.Quick));
        Assert.Equal("daf086a15b139e93", ConfigHash.Of(TrainConfig.Paper));
        Assert.NotEqual(ConfigHash.Of(TrainConfig.Quick), ConfigHash.Of(TrainConfig.Quick with { GridFactor = 2, DecoderStride = 2 }));
    }

    [Fact]
    public void GridThatDoesNotDivideTheInput_HasEdgeCellsCutByTheBorder()
    {
        var model = Model(2, 6); // cells of 3 at stride 2 on a 16×40 input: 8×20 → 3×7 cells, the last row and column cut
        var x = Tensor.Zeros(1, 3, 16, 40);
        new Rng(4).FillUniform(x.Data, -1, 1);
        var y = model.Forward(x);
        Assert.Equal([1, 5, 16, 40], y.Shape);
        Assert.Equal([1, 5, 3, 7], model.Features["logits"].Shape);
        Assert.Equal(8, new UNetConfig(3, 11, [4, 8, 8], 16, 2, TruncationOperator.AreaDownsample, 6).SizeMultiple);
    }

    [Fact]
    public void GridMean_AveragesThePixelsEachCellHolds()
    {
        // 1×1×3×5 ramp 0..14 in cells of 2: [[0,1,5,6] [2,3,7,8] [4,9]] / [[10,11] [12,13] [14]].
        var x = new Tensor(Enumerable.Range(0, 15).Select(v => (float)v).ToArray(), 1, 1, 3, 5);
        var y = Truncation.GridMean(x, 2);
        Assert.Equal([1, 1, 2, 3], y.Shape);
        Assert.Equal([3f, 5f, 6.5f, 10.5f, 12.5f, 14f], y.Data);
        var rng = new Random(6);
        ResearchKit.Tests.Autograd.GradCheck.Assert(t => Truncation.GridMean(t[0], 3), [ResearchKit.Tests.Autograd.GradCheck.Random(rng, 1, 2, 7, 5)]);
    }

    [Fact]
    public void PadAndCrop_AreEachOthersAdjoint_InTheGradientCheck()
    {
        var rng = new Random(8);
        ResearchKit.Tests.Autograd.GradCheck.Assert(t => F.PadBottomRight(t[0], 5, 7), [ResearchKit.Tests.Autograd.GradCheck.Random(rng, 1, 2, 3, 4)]);
        ResearchKit.Tests.Autograd.GradCheck.Assert(t => F.CropTopLeft(t[0], 2, 3), [ResearchKit.Tests.Autograd.GradCheck.Random(rng, 1, 2, 3, 4)]);
    }
}
