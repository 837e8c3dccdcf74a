using ResearchKit.Data;

namespace ResearchKit.Tests.Charts;

/// <summary>What Chromium drew, decoded with the kit's own PNG decoder, as RGBA pixels plus blank-picture checks.</summary>
internal sealed class PngPixels
{
    private PngPixels(int width, int height, byte[] rgba)
    {
        Width = width;
        Height = height;
        Rgba = rgba;
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>Pixels [H,W,4] as R,G,B,A.</summary>
    public byte[] Rgba { get; }

    public static bool HasSignature(byte[] png) =>
        png.Length > 8 && png.AsSpan(0, 8).SequenceEqual(new byte[] { 137, 80, 78, 71, 13, 10, 26, 10 });

    public static PngPixels Decode(byte[] png)
    {
        Assert.True(HasSignature(png), "not a PNG");
        var image = Png.Decode(png, "rendered figure");
        Assert.Equal(8, image.BitDepth);
        var rgb = image.ToRgbImage().Data;
        var rgba = new byte[image.Width * image.Height * 4];
        for (int p = 0; p < image.Width * image.Height; p++)
        {
            rgba[4 * p] = rgb[3 * p];
            rgba[4 * p + 1] = rgb[3 * p + 1];
            rgba[4 * p + 2] = rgb[3 * p + 2];
            rgba[4 * p + 3] = image.Channels == 4 ? image.Samples8![4 * p + 3] : (byte)255;
        }
        return new PngPixels(image.Width, image.Height, rgba);
    }

    /// <summary>How many pixels differ from opaque white by more than a little in any channel.</summary>
    public int CountNonWhite()
    {
        int count = 0;
        for (int i = 0; i < Rgba.Length; i += 4)
            if (Rgba[i + 3] > 8 && (Rgba[i] < 245 || Rgba[i + 1] < 245 || Rgba[i + 2] < 245)) count++;
        return count;
    }

    /// <summary>How many distinct RGB colours the picture uses.</summary>
    public int DistinctColours()
    {
        var colours = new HashSet<int>();
        for (int i = 0; i < Rgba.Length; i += 4) colours.Add(Rgba[i] << 16 | Rgba[i + 1] << 8 | Rgba[i + 2]);
        return colours.Count;
    }
}
