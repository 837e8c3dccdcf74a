using static TorchSharp.torch;

namespace ResearchKit.Tests.Support;

/// <summary>Seeded inputs for model and loss tests.</summary>
internal static class TestTensors
{
    /// <summary>Values uniform in [<paramref name="low"/>, <paramref name="high"/>) from a generator seeded with <paramref name="seed"/>.</summary>
    public static Tensor Uniform(long seed, long[] shape, double low = -1, double high = 1)
    {
        ResearchKit.Engine.TorchRuntime.Initialize();
        var g = new Generator((ulong)seed);
        return rand(shape, generator: g) * (high - low) + low;
    }

    /// <summary>Labels [n,h,w] int64 with value (p mod classes) at flat pixel p.</summary>
    public static Tensor CyclicLabels(long n, long h, long w, long classes) =>
        (arange(n * h * w, ScalarType.Int64) % classes).reshape(n, h, w);

    /// <summary>torch.manual_seed(seed), so the next module built starts from it.</summary>
    public static void Seed(long seed)
    {
        ResearchKit.Engine.TorchRuntime.Initialize();
        manual_seed(seed);
    }
}
