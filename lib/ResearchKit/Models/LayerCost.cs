using ResearchKit.Nn;
using ResearchKit.Tensors;

namespace ResearchKit.Models;

/// <summary>One convolution's cost in a forward pass: its name, parameters and multiply-accumulates (1 MAC = 2 FLOP).</summary>
public sealed record LayerCost(string Layer, long Parameters, long Macs)
{
    /// <summary>k²·C_in·C_out·h·w: the MACs of a k×k convolution from C_in to C_out channels producing an h×w map (spectral spec 2.7).</summary>
    public static long ConvMacs(int kernel, int inChannels, int outChannels, int height, int width) =>
        (long)kernel * kernel * inChannels * outChannels * height * width;

    /// <summary>Every <see cref="Conv2d"/> of <paramref name="model"/> over one forward of a zero input [batch,3,height,width],
    /// in module order. The forward runs in eval mode with gradients recorded, so no fused path hides a layer and no
    /// running statistic changes; BN, pooling and resizing are not counted (as bench/README.md's count).</summary>
    public static IReadOnlyList<LayerCost> PerLayer(Module model, int batch, int height, int width)
    {
        var wasTraining = model.Training;
        model.Eval();
        try
        {
            model.Forward(Tensor.Zeros(batch, 3, height, width));
        }
        finally
        {
            model.Train(wasTraining);
        }
        return model.NamedModules().Where(m => m.Value is Conv2d)
            .Select(m => new LayerCost(m.Name, m.Value.ParameterCount(), ((Conv2d)m.Value).LastMacs)).ToList();
    }
}
