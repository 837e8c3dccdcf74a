using ResearchKit.Data;
using ResearchKit.Labels;
using ResearchKit.Models;
using ResearchKit.Tensors;
using ResearchKit.Training;

namespace ResearchKit.Tests.Training;

public sealed class EvaluationTests
{
    /// <summary>Logits that are one-hot of the low-resolution labels: what a perfect model at that resolution predicts.</summary>
    private sealed class LabelEcho(SegmentationSet set) : ISegmentationModel
    {
        private int _next;
        public int NumClasses => 11;
        public int SizeMultiple => 16;
        public IReadOnlyDictionary<string, Tensor> Features { get; } = new Dictionary<string, Tensor>();

        public Tensor Forward(Tensor images)
        {
            int n = images.Shape[0], h = images.Shape[2], w = images.Shape[3];
            var logits = Tensor.Zeros(n, 11, h, w);
            for (var k = 0; k < n; k++, _next++)
            for (var r = 0; r < set.Height; r++)
            for (var q = 0; q < set.Width; q++)
            {
                var id = set.Labels[_next][r, q];
                if (id < 11) logits.Data[((k * 11 + id) * h + r) * w + q] = 10f;
            }
            return logits;
        }
    }

    [Fact]
    public void PredictingTheLabelsAtFullResolution_Scores100()
    {
        var split = CamVid.Open(DataPaths.CamVid).Split("val");
        var set = SegmentationSet.Load(split, 1, ImageResize.Area, LabelDownsampling.NearestCentre, limit: 2);
        var truth = new[] { split.LoadLabel(0), split.LoadLabel(1) };
        // 360 is not a multiple of 16: the inputs are padded to 368 and the logits cropped back.
        var score = Evaluation.Run(new LabelEcho(set), set, truth, batchSize: 2);
        Assert.Equal(100.0, score.MeanIoU, 9);
        Assert.Equal(100.0, score.PixelAccuracy, 9);
        Assert.Equal(2, score.Images);
    }

    [Fact]
    public void Argmax_TakesTheLowestIdOnTies()
    {
        var logits = new Tensor([1, 5, 2, 2, /* class 1 */ 3, 5, 2, 0], 1, 2, 2, 2);
        Assert.Equal([1, 0, 0, 0], Evaluation.Argmax(logits, 0).Data);
    }

    [Fact]
    public void Confusion_KeepsTheRequestedPredictionsInOrder_AndCountsLikeRun()
    {
        var split = CamVid.Open(DataPaths.CamVid).Split("val");
        var set = SegmentationSet.Load(split, 4, ImageResize.Area, LabelDownsampling.NearestCentre, limit: 3);
        var truth = split.LoadAllLabels()[..3];
        var (cm, kept) = Evaluation.Confusion(new LabelEcho(set), set, truth, batchSize: 2, keep: [2, 0]);
        Assert.Equal(2, kept.Length);
        Assert.Equal(360, kept[0].Height);
        var again = Evaluation.Confusion(new LabelEcho(set), set, truth, batchSize: 3, keep: [2]).Predictions[0];
        Assert.Equal(again.Data, kept[0].Data);          // image 2 first, whatever the batch size
        Assert.NotEqual(kept[0].Data, kept[1].Data);
        Assert.Equal(Evaluation.Run(new LabelEcho(set), set, truth, batchSize: 2).MeanIoU, cm.MeanIoU(), 12);
        Assert.Throws<ArgumentOutOfRangeException>(() => Evaluation.Confusion(new LabelEcho(set), set, truth, keep: [3]));
    }

    [Theory]
    [InlineData(101, 4, new[] { 0, 25, 50, 75 })]
    [InlineData(8, 4, new[] { 0, 2, 4, 6 })]
    [InlineData(3, 4, new[] { 0, 1, 2 })]
    public void Spread_PicksIndicesEvenlyOverTheSplit(int count, int n, int[] expected)
    {
        Assert.Equal(expected, ResearchKit.Experiments.CamVidBaseline.CamVidBaseline.Spread(count, n));
    }
}
