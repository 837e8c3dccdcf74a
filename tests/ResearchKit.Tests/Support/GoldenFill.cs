using static TorchSharp.torch;

namespace ResearchKit.Tests.Support;

/// <summary>The closed-form parameter fill of data-scripts/goldens_common.py, so no weights need storing.</summary>
/// <remarks>For the k-th tensor of named_parameters() order, flat index i: every 4-D weight (1/√fan_in)·(2u(i,k) − 1);
/// head.bias 0.01·i; any other *.weight (BatchNorm) 1 + 0.1·sin(i + k); any other bias 0.05·cos(i + k).</remarks>
internal static class GoldenFill
{
    public static void Apply(nn.Module model)
    {
        var k = 0;
        using var _ = no_grad();
        foreach (var (name, p) in model.named_parameters())
        {
            var n = (int)p.numel();
            var d = new float[n];
            if (p.dim() == 4)
            {
                var scale = 1.0 / Math.Sqrt(p.shape[1] * p.shape[2] * p.shape[3]);
                for (var i = 0; i < n; i++) d[i] = (float)(scale * (2 * Unit(i, k) - 1));
            }
            else if (name == "head.bias")
                for (var i = 0; i < n; i++) d[i] = (float)(0.01 * i);
            else if (name.EndsWith(".weight"))
                for (var i = 0; i < n; i++) d[i] = (float)(1 + 0.1 * Math.Sin(i + k));
            else
                for (var i = 0; i < n; i++) d[i] = (float)(0.05 * Math.Cos(i + k));
            p.copy_(tensor(d, p.shape));
            k++;
        }
    }

    /// <summary>u(i,k) = fmix32((i + 0x9E3779B9·(k+1)) mod 2³²) / 2³² (murmur3's finaliser).</summary>
    private static double Unit(int i, int k)
    {
        var v = unchecked((uint)i + 0x9E3779B9u * (uint)(k + 1));
        v ^= v >> 16;
        v = unchecked(v * 0x85EBCA6Bu);
        v ^= v >> 13;
        v = unchecked(v * 0xC2B2AE35u);
        v ^= v >> 16;
        return v / 4294967296.0;
    }
}
