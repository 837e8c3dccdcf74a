using ResearchKit.Repro;

namespace ResearchKit.Experiments.SelfRegulation;

/// <summary>The check cells of NB08/NB09: what must hold on any preset (the claims are the verdicts, not assertions).</summary>
public static class SelfRegulationChecks
{
    /// <summary>Every arm trained every seed; the exit-by-exit scoring reproduces the trainer's main-exit mIoU; the
    /// test-time MACs and parameters of every arm equal the Baseline's exactly.</summary>
    public static CheckList Evaluate(SelfRegulationResult r)
    {
        var checks = new CheckList("NB08/NB09 self-regulation");
        checks.Equal("runs", r.Runs.Length, r.Config.Arms.Length * r.Config.Seeds.Length);
        checks.Add("every run has a finite val mIoU", $"lowest {r.Runs.Min(x => x.MeanIoU):0.00}", "finite", r.Runs.All(x => double.IsFinite(x.MeanIoU)));
        var gap = r.Runs.Max(x => Math.Abs(x.ExitMeanIoU[^1] - x.MeanIoU));
        checks.Add("the main exit's score equals the trainer's final mIoU", $"largest gap {gap:0.000000}", "≤ 1e-9", gap <= 1e-9);
        var baseline = r.Of("Baseline");
        if (baseline.Length > 0)
        {
            checks.Add("test-time MACs equal the Baseline's for every arm", string.Join(", ", r.Runs.Select(x => x.TestMacsPerImage).Distinct()),
                baseline[0].TestMacsPerImage.ToString(), r.Runs.All(x => x.TestMacsPerImage == baseline[0].TestMacsPerImage));
            checks.Add("test-time parameters equal the Baseline's for every arm", string.Join(", ", r.Runs.Select(x => x.TestParameters).Distinct()),
                baseline[0].TestParameters.ToString(), r.Runs.All(x => x.TestParameters == baseline[0].TestParameters));
            checks.Add("every multi-exit arm costs more to train than the Baseline", string.Join(", ", r.Runs.Select(x => x.TrainMacsPerImage).Distinct()),
                $"> {baseline[0].TrainMacsPerImage}", r.Runs.Where(x => x.Arm != "Baseline").All(x => x.TrainMacsPerImage > baseline[0].TrainMacsPerImage));
        }
        return checks;
    }
}
