using System.Buffers.Binary;
using System.IO.Compression;

namespace ResearchKit.Tests.Plots;

/// <summary>A minimal PNG decoder for tests (8-bit RGB/RGBA, not interlaced): enough to look at what Chromium drew.</summary>
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
        int width = 0, height = 0, channels = 0;
        using var idat = new MemoryStream();
        for (int at = 8; at < png.Length;)
        {
            int length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(at, 4));
            string type = System.Text.Encoding.ASCII.GetString(png, at + 4, 4);
            var body = png.AsSpan(at + 8, length);
            if (type == "IHDR")
            {
                width = BinaryPrimitives.ReadInt32BigEndian(body[..4]);
                height = BinaryPrimitives.ReadInt32BigEndian(body[4..8]);
                Assert.Equal(8, body[8]); // bit depth
                channels = body[9] switch { 2 => 3, 6 => 4, _ => throw new InvalidDataException($"colour type {body[9]}") };
                Assert.Equal(0, body[12]); // not interlaced
            }
            else if (type == "IDAT") idat.Write(body);
            at += 12 + length;
        }
        idat.Position = 0;
        using var inflated = new MemoryStream();
        using (var z = new ZLibStream(idat, CompressionMode.Decompress)) z.CopyTo(inflated);
        return new PngPixels(width, height, ToRgba(Unfilter(inflated.ToArray(), width, height, channels), width, height, channels));
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

    private static byte[] Unfilter(byte[] data, int width, int height, int bpp)
    {
        int stride = width * bpp;
        var pixels = new byte[height * stride];
        for (int y = 0; y < height; y++)
        {
            byte filter = data[y * (stride + 1)];
            for (int x = 0; x < stride; x++)
            {
                int raw = data[y * (stride + 1) + 1 + x];
                int a = x >= bpp ? pixels[y * stride + x - bpp] : 0;
                int b = y > 0 ? pixels[(y - 1) * stride + x] : 0;
                int c = x >= bpp && y > 0 ? pixels[(y - 1) * stride + x - bpp] : 0;
                int predictor = filter switch { 0 => 0, 1 => a, 2 => b, 3 => (a + b) / 2, 4 => Paeth(a, b, c), _ => throw new InvalidDataException($"filter {filter}") };
                pixels[y * stride + x] = (byte)(raw + predictor);
            }
        }
        return pixels;
    }

    private static int Paeth(int a, int b, int c)
    {
        int p = a + b - c, pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }

    private static byte[] ToRgba(byte[] pixels, int width, int height, int channels)
    {
        if (channels == 4) return pixels;
        var rgba = new byte[width * height * 4];
        for (int i = 0, j = 0; i < pixels.Length; i += 3, j += 4)
        {
            rgba[j] = pixels[i];
            rgba[j + 1] = pixels[i + 1];
            rgba[j + 2] = pixels[i + 2];
            rgba[j + 3] = 255;
        }
        return rgba;
    }
}
