using Deedle;
using ResearchKit.Data;
using ResearchKit.Labels;
using ResearchKit.Tables;
using ResearchKit.Training;
using static TorchSharp.torch;

namespace ResearchKit.Experiments.SoftLabelling;

/// <summary>What NB07's step-by-step cells need beside their own visible TorchSharp code: a run's trained network and
/// a table of one label block's targets. The paper's equations are computed in the notebook, not here.</summary>
public static class SoftLabelTrainingSteps
{
    /// <summary>The final network of the run of <paramref name="arm"/> under <see cref="TrainingRuns.Folder"/> (reused
    /// when finished, trained otherwise), in eval mode.</summary>
    public static nn.Module<Tensor, Tensor> Network(TrainConfig arm) => Network(arm, DataPaths.CamVid, TrainingRuns.Folder);

    /// <summary>As <see cref="Network(TrainConfig)"/> with the run under <paramref name="runsFolder"/> on <paramref name="dataRoot"/>.</summary>
    public static nn.Module<Tensor, Tensor> Network(TrainConfig arm, string dataRoot, string runsFolder) =>
        TrainedModel.Load(Path.Combine(TrainingRuns.GetOrTrain(arm, dataRoot, runsFolder, Console.Out).Folder, "final.ckpt")).Model;

    /// <summary>One s×s label block and each rule's target at it: a row per class that the block holds or a target
    /// names (most pixels first, then by id), giving its pixels in the block and every target's T[c,p]; a last row
    /// "void" gives the block's void pixels and each target's missing mass 1 − Σ_c T[c,p].</summary>
    /// <param name="block">[s,s] class ids (void = <paramref name="ignoreIndex"/>).</param>
    /// <param name="targets">Each rule with its target at the block's output pixel, [C].</param>
    public static Frame<int, string> Block(Tensor block, IReadOnlyList<(LabelDownsampling Rule, Tensor Target)> targets,
        int ignoreIndex = CamVid.IgnoreIndex)
    {
        var ids = block.to_type(ScalarType.Int64).flatten().data<long>().ToArray();
        var values = targets.Select(t => t.Target.to_type(ScalarType.Float64).data<double>().ToArray()).ToArray();
        var numClasses = values.Length > 0 ? values[0].Length : CamVid.NumClasses;
        if (values.Any(v => v.Length != numClasses))
            throw new ArgumentException($"block table: every target must hold {numClasses} classes, got {string.Join(", ", values.Select(v => v.Length))}");
        int Pixels(long c) => ids.Count(i => i == c);
        var classes = Enumerable.Range(0, numClasses).Where(c => Pixels(c) > 0 || values.Any(v => v[c] > 0))
            .OrderByDescending(c => Pixels(c)).ThenBy(c => c);
        var rows = classes.Select(c => (IReadOnlyList<object?>)
            [Name(c), Pixels(c), .. values.Select(v => (object?)Math.Round(v[c], 4))]).ToList();
        if (ids.Any(i => i == ignoreIndex) || values.Any(v => v.Sum() < 1 - 1e-6))
            rows.Add([Name(ignoreIndex), Pixels(ignoreIndex), .. values.Select(v => (object?)Math.Round(Math.Max(0, 1 - v.Sum()), 4))]);
        var side = (int)Math.Round(Math.Sqrt(ids.Length));
        return Table.FromRows(["class", $"pixels of the {side}×{side} block", .. targets.Select(t => t.Rule.Name())], rows);
    }

    private static string Name(long c) => c < CamVid.ClassNames.Count ? CamVid.ClassNames[(int)c] : "void";
}
