using ResearchKit.Data;

namespace ResearchKit.Tests.Spectral;

/// <summary>The hand-specified label maps of the spectral spec's worked examples (section 3).</summary>
internal static class SyntheticLabels
{
    /// <summary>Spec 3.1: 4x4, two classes, void id 2 at (3,0).</summary>
    public static LabelMap FourByFour() => new(4, 4, new byte[]
    {
        0, 0, 1, 1,
        0, 0, 1, 1,
        0, 1, 1, 1,
        2, 1, 1, 1,
    });

    /// <summary>Spec 3.2: 32x32, class 1 a disc, class 2 two corners, class 0 elsewhere.</summary>
    public static LabelMap ThirtyTwo()
    {
        var data = new byte[32 * 32];
        for (var m = 0; m < 32; m++)
        for (var n = 0; n < 32; n++)
        {
            var disc = (m - 11) * (m - 11) + (n - 13) * (n - 13) < 45;
            var corners = (m > 17 && n > 20) || m + n < 10;
            data[m * 32 + n] = disc ? (byte)1 : corners ? (byte)2 : (byte)0;
        }
        return new LabelMap(32, 32, data);
    }
}
