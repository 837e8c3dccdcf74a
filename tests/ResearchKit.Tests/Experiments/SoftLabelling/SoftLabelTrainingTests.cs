using System.Text.Json;
using ResearchKit.Charts;
using ResearchKit.Claims;
using ResearchKit.Data;
using ResearchKit.Experiments.SoftLabelling;
using ResearchKit.Labels;
using ResearchKit.Repro;
using ResearchKit.Training;

namespace ResearchKit.Tests.Experiments.SoftLabelling;

/// <summary>NB07 on Smoke (three 3-epoch runs at 45×60). Training sets the global thread count, so these run alone.</summary>
[Collection(ResearchKit.Tests.Support.ThreadCountCollection.Name)]
public sealed class SoftLabelTrainingTests : IDisposable
{
    private readonly string runs = Directory.CreateTempSubdirectory("rk-nb07-").FullName;

    public void Dispose() => Directory.Delete(runs, recursive: true);

    [Theory]
    [InlineData(2, 192, 240)]
    [InlineData(4, 96, 128)]
    [InlineData(8, 48, 64)]
    [InlineData(1, 368, 480)]
    public void Arms_TrainOnWholeImagesPaddedToAMultipleOf16(int s, int cropHeight, int cropWidth)
    {
        var arm = SoftLabelTrainingConfig.Full.Arm(s, LabelDownsampling.SoftBox, 2);
        Assert.Equal((s, cropHeight, cropWidth, LabelDownsampling.SoftBox, 2), (arm.Factor, arm.CropHeight, arm.CropWidth, arm.LabelRule, arm.Seed));
        Assert.Null(arm.MinScale);
        Assert.Equal(arm.Epochs, arm.EvalEvery);
        Assert.Throws<ArgumentException>(() => SoftLabelTrainingConfig.Paper.Arm(7, LabelDownsampling.SoftBox, 0));
    }

    [Fact]
    public void Paper_CapsSamplesAt96x128_SoOnlyFactorTwoIsCropped()
    {
        Assert.Equal((96, 128), (SoftLabelTrainingConfig.Paper.Arm(2, LabelDownsampling.NearestCentre, 0).CropHeight, SoftLabelTrainingConfig.Paper.Arm(2, LabelDownsampling.NearestCentre, 0).CropWidth));
        Assert.Equal((96, 128), (SoftLabelTrainingConfig.Paper.Arm(4, LabelDownsampling.NearestCentre, 0).CropHeight, SoftLabelTrainingConfig.Paper.Arm(4, LabelDownsampling.NearestCentre, 0).CropWidth));
        Assert.Equal((48, 64), (SoftLabelTrainingConfig.Paper.Arm(8, LabelDownsampling.NearestCentre, 0).CropHeight, SoftLabelTrainingConfig.Paper.Arm(8, LabelDownsampling.NearestCentre, 0).CropWidth));
        // Quick keeps whole images: its s = 4 runs are the Quick ones already trained.
        Assert.Null(SoftLabelTrainingConfig.Quick.MaxCropHeight);
        Assert.NotEqual(ConfigHash.Of(SoftLabelTrainingConfig.Paper), ConfigHash.Of(SoftLabelTrainingConfig.Paper with { MaxCropHeight = 64 }));
    }

    [Fact]
    public void SmokeRun_TrainsEveryArm_SharesRunsByHash_AndDrawsItsFigures()
    {
        var cfg = SoftLabelTrainingConfig.Smoke;
        var r = SoftLabelTraining.Run(cfg, DataPaths.CamVid, runs, TextWriter.Null);
        Assert.Equal(3, r.Runs.Length);
        Assert.Empty(r.ReferenceRuns);
        Assert.All(r.Runs, x => Assert.False(x.Reused));
        Assert.Equal(3, r.Runs.Select(x => x.ConfigHash).Distinct().Count());
        Assert.True(SoftLabelTrainingChecks.Evaluate(r).AllPass, SoftLabelTrainingChecks.Evaluate(r).ToString());
        var verdict = SoftLabelTrainingVerdict.Of(r);
        Assert.Equal(Outcome.Inconclusive, verdict.Outcome);
        var gain = verdict.Leaves().Single(v => v.Estimate is not null);
        Assert.StartsWith("S2/S4: soft-box beats nearest-centre at s = 8:", gain.Claim);
        Assert.Equal(r.Runs.Single(x => x.Rule == LabelDownsampling.SoftBox).MeanIoU - r.Runs.Single(x => x.Rule == LabelDownsampling.NearestCentre).MeanIoU,
            gain.Estimate!.Mean, 12);
        Assert.Contains("one seed gives no interval", gain.Evidence);
        // One factor and no soft-bilinear-aa: the trends and that rule's claim are untested, not failed; and the Smoke
        // networks learn none of the rare classes, so S3 is untested too.
        Assert.Equal(4, verdict.Leaves().Count(v => v.Evidence.StartsWith("untested")));
        Assert.StartsWith("untested: neither", verdict.Leaves().Single(v => v.Claim.StartsWith("S3")).Evidence);
        Assert.Equal(r.Manifest.ConfigHash, ConfigHash.Of(cfg));

        var again = SoftLabelTraining.Run(cfg, DataPaths.CamVid, runs, TextWriter.Null);
        Assert.All(again.Runs, x => Assert.True(x.Reused));
        Assert.Equal(r.Runs.Select(x => x.MeanIoU), again.Runs.Select(x => x.MeanIoU));

        var fig1 = ChartDisplay.FigureJson(SoftLabelTrainingFigures.MeanIoUByFactor(r));
        Assert.Equal(3, fig1["data"]!.AsArray().Count);
        Assert.Equal("val mIoU", (string)fig1["layout"]!["yaxis"]!["title"]!["text"]!);
        var fig2 = ChartDisplay.FigureJson(SoftLabelTrainingFigures.ClassGain(r));
        Assert.Equal(r.ClassesByShare().Select(c => r.ClassNames[c]), fig2["data"]![0]!["x"]!.AsArray().Select(x => (string)x!));
        var fig3 = ChartDisplay.FigureJson(SoftLabelTrainingFigures.MeanIoUVsTime(r));
        Assert.All(fig3["data"]!.AsArray(), t => Assert.True((double)t!["x"]![0]! > 0));

        var back = JsonSerializer.Deserialize<SoftLabelTrainingResult>(JsonSerializer.Serialize(r, ConfigHash.Json), ConfigHash.Json)!;
        Assert.Equal(r.Runs.Select(x => x.MeanIoU), back.Runs.Select(x => x.MeanIoU));
        Assert.Equal(r.TrainPixels, back.TrainPixels);
    }

    // Constructed runs (no training): s = 2, 4, 8; nearest-centre at 50, 45, 40 plus a per-seed offset shared by every rule
    // (so paired differences are the gaps); soft-box 1.0 and 2.0 above it at s = 2 and 4, soft-bilinear-aa 0.5 and 1.5,
    // and each soft rule at s = 8 above it by the given per-seed gaps. Expected intervals: scipy,
    // mean ± stats.t.ppf(0.975, n − 1) · sd(ddof=1) / √n of the per-seed gaps.

    [Fact]
    public void Verdict_OneSeed_IsInconclusive_EvenWhenEveryConditionHoldsOnTheMeans()
    {
        var v = SoftLabelTrainingVerdict.Of(Constructed([0], box: [3.0], aa: [2.4]));
        Assert.Equal(Outcome.Inconclusive, v.Outcome);
        Assert.Equal("8 parts: 6 reproduced, 2 inconclusive", v.Evidence);
        var gains = Gains(v);
        Assert.All(gains, g => Assert.False(g.Estimate!.HasInterval));
        Assert.Equal(3.0, gains[0].Estimate!.Mean, 9);
        Assert.Equal(2.4, gains[1].Estimate!.Mean, 9);
        Assert.All(gains, g => Assert.Contains("one seed gives no interval", g.Evidence));
    }

    [Fact]
    public void Verdict_ThreePairedSeedsWithRealGainsAtTheLargestS_IsReproduced()
    {
        var v = SoftLabelTrainingVerdict.Of(Constructed([0, 1, 2], box: [2.5, 3.0, 3.5], aa: [2.2, 2.4, 2.6]));
        Assert.True(v.Outcome == Outcome.Reproduced, v.ToTable().ToString());
        Assert.Equal("8 parts: 8 reproduced", v.Evidence);
        var (box, aa) = (Gains(v)[0].Estimate!, Gains(v)[1].Estimate!);
        Assert.True(box.Paired);
        Assert.Equal(3, box.Seeds);
        Assert.Equal(1.75793114407812, box.Lower, 9);
        Assert.Equal(4.24206885592188, box.Upper, 9);
        Assert.Equal(1.90317245763125, aa.Lower, 9);
        Assert.Equal(2.89682754236875, aa.Upper, 9);
        Assert.StartsWith("S2/S4: soft-box beats nearest-centre at s = 8: val mIoU, soft-box − nearest-centre > 0", Gains(v)[0].Claim);
    }

    [Fact]
    public void Verdict_NearestCentreReallyAboveASoftRuleAtTheLargestS_IsContradicted()
    {
        var v = SoftLabelTrainingVerdict.Of(Constructed([0, 1, 2], box: [-2.5, -3.0, -3.5], aa: [2.2, 2.4, 2.6]));
        Assert.Equal(Outcome.Contradicted, v.Outcome);
        var box = Gains(v)[0];
        Assert.Equal(Outcome.Contradicted, box.Outcome);
        Assert.Equal(-4.24206885592188, box.Estimate!.Lower, 9);
        Assert.Equal(-1.75793114407812, box.Estimate.Upper, 9);
        Assert.Contains("wrong side of 0", box.Evidence);
        // The conditions on means that fail with it (soft-box below at s = 8, its gap shrinking) are inconclusive, not contradicted.
        var means = v.Leaves().Where(x => x.Claim.StartsWith("S2/S4: soft-box") && x.Estimate is null).ToArray();
        Assert.Equal([Outcome.Inconclusive, Outcome.Inconclusive], means.Select(x => x.Outcome));
        Assert.Contains("1 of 3 checks fail: s = 8 (−3.00)", means[0].Evidence);
    }

    [Fact]
    public void Verdict_ARealGainSmallerThanOneMeanIoU_IsContradicted()
    {
        var v = SoftLabelTrainingVerdict.Of(Constructed([0, 1, 2], box: [0.2, 0.25, 0.3], aa: [2.2, 2.4, 2.6]));
        Assert.Equal(Outcome.Contradicted, v.Outcome);
        Assert.Equal(0.125793114407812, Gains(v)[0].Estimate!.Lower, 9);
        Assert.Equal(0.374206885592188, Gains(v)[0].Estimate!.Upper, 9);
        Assert.Contains("rules out an effect of 1.0", Gains(v)[0].Evidence);
    }

    [Fact]
    public void Verdict_ThreeSeedsWithAWideSpread_IsInconclusive_AndSaysHowManySeedsWouldDecide()
    {
        var v = SoftLabelTrainingVerdict.Of(Constructed([0, 1, 2], box: [-1.0, 3.0, 7.0], aa: [2.2, 2.4, 2.6]));
        Assert.Equal(Outcome.Inconclusive, v.Outcome);
        Assert.Equal("8 parts: 7 reproduced, 1 inconclusive", v.Evidence);
        var box = Gains(v)[0];
        Assert.Equal(3.0, box.Estimate!.Mean, 9);
        Assert.Equal(-6.93655084737501, box.Estimate.Lower, 9);
        Assert.Equal(12.936550847375, box.Estimate.Upper, 9);
        // scipy: 3 − t(0.975, n − 1) · 4 / √n is −0.075 at n = 9 and +0.139 at n = 10.
        Assert.Equal(10, box.SeedsToDecide);
    }

    [Fact]
    public void Verdict_AConditionFailingOnTheMeansOnly_LeavesItInconclusive()
    {
        var v = SoftLabelTrainingVerdict.Of(Constructed([0, 1, 2], box: [2.5, 3.0, 3.5], aa: [2.2, 2.4, 2.6], rareGain: -1));
        Assert.Equal(Outcome.Inconclusive, v.Outcome);
        var s3 = v.Leaves().Single(x => x.Claim.StartsWith("S3"));
        Assert.Equal(Outcome.Inconclusive, s3.Outcome);
        Assert.Contains("rarest vs others (+2.00 vs +3.00)", s3.Evidence);
    }

    [Fact]
    public void Verdict_RareClassesThatNoArmLearns_LeaveS3Untested_NotReproduced()
    {
        // As in NB07's Quick and Paper runs: IoU 0 on every rare class in both arms would make "+0.00 beats the others'
        // −x" pass vacuously.
        var r = Constructed([0, 1, 2], box: [2.5, 3.0, 3.5], aa: [2.2, 2.4, 2.6]);
        r = r with { Runs = r.Runs.Select(x => x with { PerClassIoU = x.PerClassIoU.Select((v, c) => CamVid.ThinClassIds.Contains(c) ? 0 : v - 1).ToArray() }).ToArray() };
        var s3 = SoftLabelTrainingVerdict.Of(r).Leaves().Single(x => x.Claim.StartsWith("S3"));
        Assert.Equal(Outcome.Inconclusive, s3.Outcome);
        Assert.Equal("untested: neither soft-box nor nearest-centre learns them (IoU 0 in both arms)", s3.Evidence);
    }

    [Fact]
    public void Verdict_S3AveragesOnlyTheRareClassesAnArmLearns()
    {
        // Rare classes 2, 6, 7, 9 at IoU 0 in both arms, Bicyclist (10) 2.0 vs 2.5; every other class −0.2. Counting the
        // unlearned ones as +0.00 gains would give a rare mean of −0.10 > −0.20 (a pass); the learned one alone is −0.50.
        var r = Constructed([0, 1, 2], box: [2.5, 3.0, 3.5], aa: [2.2, 2.4, 2.6]);
        double[] Iou(LabelDownsampling rule) => Enumerable.Range(0, 11).Select(c => c is 2 or 6 or 7 or 9 ? 0
            : c == 10 ? (rule == LabelDownsampling.SoftBox ? 2.0 : 2.5) : rule == LabelDownsampling.SoftBox ? 39.8 : 40.0).ToArray();
        r = r with { Runs = r.Runs.Select(x => x with { PerClassIoU = Iou(x.Rule) }).ToArray() };
        var s3 = SoftLabelTrainingVerdict.Of(r).Leaves().Single(x => x.Claim.StartsWith("S3"));
        Assert.Equal(Outcome.Inconclusive, s3.Outcome);
        Assert.Contains("(Bicyclist)", s3.Claim);
        Assert.Contains("rarest vs others (−0.50 vs −0.20)", s3.Evidence);
    }

    [Fact]
    public void Verdict_WithoutNearestCentre_IsRefusedWithTheRulesNamed()
    {
        var r = Constructed([0, 1, 2], box: [2.5, 3.0, 3.5], aa: [2.2, 2.4, 2.6]);
        var e = Assert.Throws<ArgumentException>(() => SoftLabelTrainingVerdict.Of(r with { Config = r.Config with { Rules = [LabelDownsampling.SoftBox] } }));
        Assert.Equal("NB07 verdict: needs nearest-centre and soft-box among the rules (got soft-box)", e.Message);
    }

    private static Verdict[] Gains(Verdict v) => v.Leaves().Where(x => x.Estimate is not null).ToArray();

    /// <summary>The constructed runs of the comment above the verdict tests (no s = 1 reference runs).</summary>
    internal static SoftLabelTrainingResult Constructed(int[] seeds, double[] box, double[] aa, double rareGain = 3)
    {
        var cfg = SoftLabelTrainingConfig.Paper with { Seeds = seeds, Rules = [LabelDownsampling.NearestCentre, LabelDownsampling.SoftBox, LabelDownsampling.SoftBilinearAA] };
        var runs = new List<SoftLabelRun>();
        foreach (var (s, i) in new[] { (2, 0), (4, 1), (8, 2) })
            foreach (var (seed, k) in seeds.Select((x, k) => (x, k)))
            {
                var nc = 50 - 5 * i + 0.3 * (seed - 1);
                runs.Add(Run(s, LabelDownsampling.NearestCentre, seed, nc, rareGain: 0));
                runs.Add(Run(s, LabelDownsampling.SoftBox, seed, nc + (i < 2 ? 1.0 + i : box[k]), rareGain: i == 2 ? rareGain : 0));
                runs.Add(Run(s, LabelDownsampling.SoftBilinearAA, seed, nc + (i < 2 ? 0.5 + i : aa[k]), rareGain: 0));
            }
        var train = new long[] { 30, 25, 2, 33, 5, 10, 1, 1, 6, 1, 1 };
        return new SoftLabelTrainingResult(cfg, RunManifest.Start("t", cfg, 0).Stop(), CamVid.ClassNames.ToArray(), train, train, [.. runs], []);
    }

    // Per-class IoU = mIoU everywhere, plus rareGain on the five rarest classes (ids 6, 7, 9, 10, 2 by the shares above).
    private static SoftLabelRun Run(int s, LabelDownsampling rule, int seed, double miou, double rareGain) =>
        new(s, rule, seed, $"{s}-{rule}-{seed}", "test", false, miou,
            Enumerable.Range(0, 11).Select(c => miou + (c is 2 or 6 or 7 or 9 or 10 ? rareGain : 0)).ToArray(), 1.0 * s, 100);
}
