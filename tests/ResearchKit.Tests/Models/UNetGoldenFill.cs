using ResearchKit.Models;

namespace ResearchKit.Tests.Models;

/// <summary>The closed-form parameter fill of data-scripts/goldens_unet.py, so no weights need storing.</summary>
internal static class UNetGoldenFill
{
    public static void Apply(UNet model)
    {
        var k = 0;
        foreach (var (name, p) in model.NamedParameters())
        {
            var d = p.Data;
            if (p.Rank == 4)
            {
                var scale = 1.0 / Math.Sqrt(p.Shape[1] * p.Shape[2] * p.Shape[3]);
                for (var i = 0; i < d.Length; i++) d[i] = (float)(scale * (2 * Unit(i, k) - 1));
            }
            else if (name == "head.bias")
                for (var i = 0; i < d.Length; i++) d[i] = (float)(0.01 * i);
            else if (name.EndsWith(".weight"))
                for (var i = 0; i < d.Length; i++) d[i] = (float)(1 + 0.1 * Math.Sin(i + k));
            else
                for (var i = 0; i < d.Length; i++) d[i] = (float)(0.05 * Math.Cos(i + k));
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
