using ResearchKit.Tensors;

namespace ResearchKit.Nn;

/// <summary>Weight initialisations as torch.nn.init computes them (same bounds and fans), drawn from an <see cref="Rng"/>.</summary>
/// <remarks>Each fills the tensor's values in memory order, in place, outside any graph.</remarks>
public static class Init
{
    /// <summary>(fan_in, fan_out) of a weight as torch's _calculate_fan_in_and_fan_out: size(1)·receptive field and
    /// size(0)·receptive field, the receptive field being the product of the dimensions after the first two.</summary>
    public static (int FanIn, int FanOut) Fans(IReadOnlyList<int> shape)
    {
        if (shape.Count < 2)
            throw new ArgumentException($"init: fan in and fan out need at least 2 dimensions, got {ShapeChecks.Format(shape)}");
        var receptive = 1;
        for (var d = 2; d < shape.Count; d++) receptive *= shape[d];
        return (shape[1] * receptive, shape[0] * receptive);
    }

    /// <summary>The gain torch.nn.init.calculate_gain("leaky_relu", a) gives: √(2 / (1 + a²)); a = 0 is ReLU's √2.</summary>
    public static double LeakyReluGain(double a) => Math.Sqrt(2.0 / (1 + a * a));

    /// <summary>Fills with draws uniform in [<paramref name="low"/>, <paramref name="high"/>] (torch.nn.init.uniform_).</summary>
    public static void Uniform(Tensor t, Rng rng, float low, float high) => rng.FillUniform(t.Data, low, high);

    /// <summary>Fills with normal draws (torch.nn.init.normal_).</summary>
    public static void Normal(Tensor t, Rng rng, float mean, float std) => rng.FillNormal(t.Data, mean, std);

    /// <summary>Fills with <paramref name="value"/> (torch.nn.init.constant_).</summary>
    public static void Constant(Tensor t, float value) => Array.Fill(t.Data, value);

    /// <summary>torch.nn.init.kaiming_uniform_(t, a, mode, "leaky_relu"): U(−b, b) with b = gain·√(3 / fan), fan =
    /// fan_in (or fan_out when <paramref name="fanOut"/>), gain = √(2/(1+a²)). Returns b.</summary>
    /// <remarks>PyTorch's Conv and Linear layers use a = √5, which makes b = 1/√fan_in.</remarks>
    public static float KaimingUniform(Tensor t, Rng rng, double a = 0, bool fanOut = false)
    {
        var bound = (float)(Math.Sqrt(3.0) * (LeakyReluGain(a) / Math.Sqrt(Fan(t, fanOut)))); // torch's order of operations
        Uniform(t, rng, -bound, bound);
        return bound;
    }

    /// <summary>torch.nn.init.kaiming_normal_(t, a, mode, "leaky_relu"): N(0, std²) with std = gain/√fan. Returns std.</summary>
    public static float KaimingNormal(Tensor t, Rng rng, double a = 0, bool fanOut = false)
    {
        var std = (float)(LeakyReluGain(a) / Math.Sqrt(Fan(t, fanOut)));
        Normal(t, rng, 0, std);
        return std;
    }

    /// <summary>The bound PyTorch's Conv/Linear reset_parameters uses for the bias: 1/√fan_in of the weight (0 if fan_in is 0).</summary>
    public static float BiasBound(IReadOnlyList<int> weightShape)
    {
        var fanIn = Fans(weightShape).FanIn;
        return fanIn > 0 ? (float)(1.0 / Math.Sqrt(fanIn)) : 0f;
    }

    private static int Fan(Tensor t, bool fanOut)
    {
        var (fanIn, fanOutValue) = Fans(t.Shape);
        return fanOut ? fanOutValue : fanIn;
    }
}
