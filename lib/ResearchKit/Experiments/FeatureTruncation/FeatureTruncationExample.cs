using Plotly.NET;
using ResearchKit.Charts;
using ResearchKit.Data;
using ResearchKit.Engine;
using ResearchKit.Models;
using ResearchKit.Training;
using static TorchSharp.torch;
using CSChart = Plotly.NET.CSharp.Chart;
using F = TorchSharp.torch.nn.functional;

namespace ResearchKit.Experiments.FeatureTruncation;

/// <summary>NB04's worked example: a real feature map for the truncation operators to act on, and its picture.</summary>
public static class FeatureTruncationExample
{
    /// <summary>The feature a decoder truncated at t &gt; 1 brings to stride t first: enc1, TinyUNet's stride-1 skip.</summary>
    public const string Feature = "enc1";

    /// <summary><see cref="Feature"/> of val image <paramref name="valIndex"/> at the training resolution, [1,C,H,W] float64,
    /// from the trained t = 1 TinyUNet of <paramref name="cfg"/>'s first seed (its run reused; trained now if missing).</summary>
    public static Tensor SkipFeature(FeatureTruncationConfig cfg, int valIndex = 0)
    {
        var arm = cfg.Arm(1, cfg.Operators[0], cfg.Seed);
        var (_, folder, _) = TrainingRuns.GetOrTrain(arm);
        var (_, model) = TrainedModel.Load(Path.Combine(folder, "final.ckpt"));
        var val = SegmentationSet.Load(CamVid.Open(DataPaths.CamVid).Split("val"), arm.Factor, arm.ImageResize, arm.LabelRule, valIndex + 1);
        return SkipFeature((ISegmentationModel)model, val.Images[valIndex], val.Height, val.Width);
    }

    /// <summary><see cref="Feature"/> of <paramref name="model"/> (eval mode, no gradients) for one normalised image
    /// [3·H·W], zero-padded at the bottom and right to the model's size multiple as the evaluation pads it, cropped back
    /// to H×W: [1,C,H,W] float64, detached.</summary>
    public static Tensor SkipFeature(ISegmentationModel model, float[] image, int height, int width)
    {
        var module = (nn.Module)model;
        var wasTraining = module.training;
        int m = model.SizeMultiple, ph = (height + m - 1) / m * m, pw = (width + m - 1) / m * m;
        module.eval();
        try
        {
            using var scope = NewDisposeScope();
            using var _ = no_grad();
            var x = F.pad(tensor(image, [1, 3, height, width]), [0, pw - width, 0, ph - height]); // [1,3,H',W']
            model.forward(x);
            if (!model.Features.TryGetValue(Feature, out var feature))
                throw new ArgumentException($"feature truncation example: the model has no {Feature} feature (TinyUNet has; got {model.GetType().Name})");
            return Ops.CropTopLeft(feature, height, width).to(ScalarType.Float64).contiguous().MoveToOuterDisposeScope();
        }
        finally
        {
            module.train(wasTraining);
        }
    }

    /// <summary>One feature crop <paramref name="x"/> [n,n] and its two truncations [n/t,n/t] as heatmaps side by side,
    /// on one colour scale, row 0 at the top as in an image.</summary>
    public static GenericChart Figure(Tensor x, Tensor spectralCrop, Tensor areaDownsample, int t)
    {
        var maps = new[] { x, spectralCrop, areaDownsample }.Select(Rows).ToArray();
        double lo = maps.Min(z => z.Min(r => r.Min())), hi = maps.Max(z => z.Max(r => r.Max()));
        var panels = maps.Select((z, i) => CSChart.Heatmap<double, double, double, string>(z, ColorScale: StyleParam.Colorscale.Viridis,
            ShowScale: i == 2, UseDefaults: false).Traces(("zmin", lo), ("zmax", hi)));
        string[] titles = [$"{Feature} crop {x.shape[0]}×{x.shape[1]}", $"SpectralCrop, t = {t}", $"AreaDownsample, t = {t}"];
        var chart = CSChart.Grid(panels, 1, 3, SubPlotTitles: titles, XGap: 0.08);
        for (var col = 1; col <= 3; col++)
            chart = chart.Axis(ChartParts.XRef(1, col, 3), more: [("visible", false)])
                .Axis(ChartParts.YRef(1, col, 3), more: [("visible", false), ("autorange", "reversed"), ("scaleanchor", ChartParts.XRef(1, col, 3))]);
        return ChartStyle.Apply(chart, $"One channel of {Feature} and what each operator keeps of it at t = {t}", width: 1000, height: 420);
    }

    // [h,w] -> rows of doubles, rounded to 1e-4 to keep the figure small.
    private static double[][] Rows(Tensor z)
    {
        using var d = z.to(ScalarType.Float64).cpu().contiguous();
        var values = d.data<double>().ToArray();
        int h = (int)d.shape[0], w = (int)d.shape[1];
        return Enumerable.Range(0, h).Select(i => values.Skip(i * w).Take(w).Select(v => Math.Round(v, 4)).ToArray()).ToArray();
    }
}
