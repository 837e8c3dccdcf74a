using ResearchKit.Data;
using ResearchKit.Experiments.LabelSpectra;
using ResearchKit.Models;
using static TorchSharp.torch;

namespace ResearchKit.Experiments;

/// <summary>Measures NB03–NB05 share: thin-class mIoU and the U-Net's decoder cost on a val image.</summary>
public static class SpectralMeasures
{
    /// <summary>Mean IoU over the thin classes present (NaN entries left out); NaN when none is present.</summary>
    public static double ThinMeanIoU(double[] perClassIoU)
    {
        var present = CamVid.ThinClassIds.Where(c => !double.IsNaN(perClassIoU[c])).ToArray();
        return present.Length == 0 ? double.NaN : present.Average(c => perClassIoU[c]);
    }

    /// <summary>Every conv layer's cost for one <paramref name="height"/>×<paramref name="width"/> val image, padded to
    /// the model's size multiple as <see cref="Training.Evaluation"/> pads it.</summary>
    public static IReadOnlyList<LayerCost> ValImageLayers(nn.Module<Tensor, Tensor> model, int height, int width)
    {
        var m = ((ISegmentationModel)model).SizeMultiple;
        return LayerCost.PerLayer(model, 1, (height + m - 1) / m * m, (width + m - 1) / m * m);
    }

    /// <summary>MACs of the decoder and head among <paramref name="layers"/>: a U-Net's dec* blocks and head, DeepLabV3+'s
    /// low-level projection, fuse1, fuse2 and head.</summary>
    public static long DecoderMacs(IEnumerable<LayerCost> layers) =>
        layers.Where(c => c.Layer.StartsWith("dec", StringComparison.Ordinal) || c.Layer.StartsWith("fuse", StringComparison.Ordinal)
            || c.Layer.StartsWith("low", StringComparison.Ordinal) || c.Layer.StartsWith("head", StringComparison.Ordinal)).Sum(c => c.Macs);
}
