using ResearchKit.Data;

namespace ResearchKit.Cli;

/// <summary>The kernelspec's logo: a small street scene drawn as a CamVid label map in CamVid's own colours (sky,
/// building, tree, pavement, road, a pole and a car), so the kernel's icon is what its notebooks segment.</summary>
internal static class KernelLogo
{
    // One class id per cell of a 16×16 scene; scaled up by nearest neighbour to each logo size.
    private static readonly string[] Scene =
    [
        "0000000000000000",
        "0000000000000000",
        "1111000000055500",
        "1111100000555550",
        "1111102000555550",
        "1111102000055500",
        "1111102000005000",
        "1111102000005000",
        "1111102000005000",
        "4444442444444444",
        "4444442444444444",
        "3333333333888833",
        "3333333338888883",
        "3333333338888883",
        "3333333333b33b33",
        "3333333333333333",
    ];

    /// <summary>The files Jupyter looks for next to kernel.json: logo-32x32.png and logo-64x64.png.</summary>
    public static IReadOnlyDictionary<string, byte[]> Files() => new Dictionary<string, byte[]>
    {
        ["logo-32x32.png"] = Png(32),
        ["logo-64x64.png"] = Png(64),
    };

    /// <summary>The logo as a size×size palette PNG.</summary>
    public static byte[] Png(int size)
    {
        var ids = new byte[size * size];
        for (var y = 0; y < size; y++)
            for (var x = 0; x < size; x++)
            {
                var c = Scene[y * Scene.Length / size][x * Scene.Length / size];
                ids[y * size + x] = c == 'b' ? (byte)11 : (byte)(c - '0'); // 'b': the car's wheels, in void black
            }
        return Data.Png.EncodePalette(new LabelMap(size, size, ids), CamVid.Palette);
    }
}
