using ResearchKit.Data;
using ResearchKit.Labels;
using ResearchKit.Models;
using ResearchKit.Training;
using static TorchSharp.torch;

namespace ResearchKit.Tests.Training;

public sealed class EvaluationTests
{
    /// <summary>Logits that are one-hot (10 on the label's class) of the low-resolution labels, zero in the padding: what a
    /// perfect model at that resolution predicts. Records the shape of each input and the mode it ran in.</summary>
    private sealed class LabelEcho(SegmentationSet set) : nn.Module<Tensor, Tensor>("LabelEcho"), ISegmentationModel
    {
        private int _next;
        public int NumClasses => 11;
        public int SizeMultiple => 16;
        public IReadOnlyDictionary<string, Tensor> Features { get; } = new Dictionary<string, Tensor>();
        public List<(long[] Shape, bool Training)> Calls { get; } = [];

        public override Tensor forward(Tensor images)
        {
            Calls.Add((images.shape, training));
            int n = (int)images.shape[0], h = (int)images.shape[2], w = (int)images.shape[3];
            var logits = new float[n * 11 * h * w];
            for (var k = 0; k < n; k++, _next++)
            for (var r = 0; r < set.Height; r++)
            for (var q = 0; q < set.Width; q++)
            {
                var id = set.Labels[_next][r, q];
                if (id < 11) logits[((k * 11 + id) * h + r) * w + q] = 10f;
            }
            return tensor(logits, [n, 11, h, w]);
        }
    }

    [Fact]
    public void PredictingTheLabelsAtFullResolution_Scores100()
    {
        var split = CamVid.Open(DataPaths.CamVid).Split("val");
        var set = SegmentationSet.Load(split, 1, ImageResize.Area, LabelDownsampling.NearestCentre, limit: 2);
        var truth = new[] { split.LoadLabel(0), split.LoadLabel(1) };
        // 360 is not a multiple of 16: the inputs are padded to 368 and the logits cropped back.
        var echo = new LabelEcho(set);
        var score = Evaluation.Run(echo, set, truth, batchSize: 2);
        Assert.Equal(100.0, score.MeanIoU, 9);
        Assert.Equal(100.0, score.PixelAccuracy, 9);
        Assert.Equal(2, score.Images);
        Assert.Equal([2L, 3, 368, 480], Assert.Single(echo.Calls).Shape);
    }

    [Fact]
    public void TheModelRunsInEvalMode_AndGetsItsModeBackAfterwards()
    {
        var split = CamVid.Open(DataPaths.CamVid).Split("val");
        var set = SegmentationSet.Load(split, 8, ImageResize.Area, LabelDownsampling.NearestCentre, limit: 3);
        var truth = Enumerable.Range(0, 3).Select(split.LoadLabel).ToArray();
        var echo = new LabelEcho(set);
        echo.train();
        Evaluation.Run(echo, set, truth, batchSize: 2);
        Assert.Equal([(2L, false), (1L, false)], echo.Calls.Select(c => (c.Shape[0], c.Training))); // batches of 2 and 1
        Assert.True(echo.training);
        var again = new LabelEcho(set);
        again.eval();
        Evaluation.Run(again, set, truth);
        Assert.False(again.training);
    }

    [Fact]
    public void Argmax_TakesTheLowestIdOnTies()
    {
        using var logits = tensor(new float[] { 1, 5, 2, 2, /* class 1 */ 3, 5, 2, 0 }, [1, 2, 2, 2]);
        var prediction = Evaluation.Argmax(logits, 0);
        Assert.Equal((2, 2), (prediction.Height, prediction.Width));
        Assert.Equal([1, 0, 0, 0], prediction.Data);
    }

    [Fact]
    public void Confusion_KeepsTheRequestedPredictionsInOrder_AndCountsLikeRun()
    {
        var split = CamVid.Open(DataPaths.CamVid).Split("val");
        var set = SegmentationSet.Load(split, 4, ImageResize.Area, LabelDownsampling.NearestCentre, limit: 3);
        var truth = split.LoadAllLabels()[..3];
        var (cm, kept) = Evaluation.Confusion(new LabelEcho(set), set, truth, batchSize: 2, keep: [2, 0]);
        Assert.Equal(2, kept.Length);
        Assert.Equal((360, 480), (kept[0].Height, kept[0].Width));
        Assert.Equal(truth.Sum(t => t.Data.LongCount(v => v != CamVid.IgnoreIndex)), cm.Total); // every non-void pixel at full resolution
        var again = Evaluation.Confusion(new LabelEcho(set), set, truth, batchSize: 3, keep: [2]).Predictions[0];
        Assert.Equal(again.Data, kept[0].Data);          // image 2 first, whatever the batch size
        Assert.NotEqual(kept[0].Data, kept[1].Data);
        Assert.Equal(Evaluation.Run(new LabelEcho(set), set, truth, batchSize: 2).MeanIoU, cm.MeanIoU(), 12);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Evaluation.Confusion(new LabelEcho(set), set, truth, keep: [3]));
        Assert.StartsWith("val: prediction index out of 0..2", e.Message);
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
