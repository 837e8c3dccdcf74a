using ResearchKit.Experiments.FeatureTruncation;
using ResearchKit.Experiments.PredictionGrid;
using ResearchKit.Spectral;
using ResearchKit.Training;

namespace ResearchKit.Tests.Experiments.PredictionGrid;

public sealed class PredictionGridConfigTests
{
    // CamVid's label cut-offs as NB01 measures them on the train split (s*(0.95) ≈ 7.5, s*(0.90) ≈ 20).
    private const double S95 = 7.5, S90 = 20;

    [Fact]
    public void Paper_TrainsAtAThird_WithAnArmInsideSStar95_AndOneBeyondSStar90()
    {
        var cfg = PredictionGridConfig.Paper;
        Assert.Equal((3, 112, 160, 12), (cfg.Base.Factor, cfg.Base.CropHeight, cfg.Base.CropWidth, cfg.Base.Epochs));
        Assert.Equal([3, 6, 12, 24], cfg.GridFactors);
        Assert.Contains(cfg.GridFactors.Skip(1), s => s <= S95);
        Assert.Contains(cfg.GridFactors, s => s > S90);
    }

    [Fact]
    public void EveryPaperArm_HasAWholeGridOnItsCropsAndOnTheValImages()
    {
        var cfg = PredictionGridConfig.Paper;
        foreach (var s in cfg.GridFactors)
        {
            var arm = cfg.Arm(s, seed: 0);
            var local = arm.GridFactor ?? 1;
            Assert.Equal(s, local * cfg.Base.Factor);
            Assert.True(cfg.Base.CropHeight % local == 0 && cfg.Base.CropWidth % local == 0, $"s = {s}: crop not a multiple of {local}");
            Assert.True(360 / cfg.Base.Factor % local == 0 && 480 / cfg.Base.Factor % local == 0, $"s = {s}: val image not a multiple of {local}");
        }
    }

    [Fact]
    public void Nb04sPaperStrideTwo_IsTheGridSixOfNb03_InsideSStar95()
    {
        var truncation = FeatureTruncationConfig.Paper;
        Assert.Equal(PredictionGridConfig.Paper.Base, truncation.Base);
        var t2 = truncation.Arm(2, TruncationOperator.AreaDownsample, seed: 0);
        Assert.True(2 * truncation.Base.Factor <= S95);
        Assert.Equal(2, t2.GridFactor);
    }
}
