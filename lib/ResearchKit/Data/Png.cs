namespace ResearchKit.Data;

/// <summary>A managed PNG codec on System.IO.Compression: decodes every colour type, bit depth, filter and Adam7;
/// encodes 8-bit RGB, gray and palette images.</summary>
/// <remarks>Every decoding error is an <see cref="InvalidDataException"/> whose one-line message starts with the
/// file's path, e.g. "data/x.png: CRC mismatch in IDAT chunk".</remarks>
public static partial class Png
{
    /// <summary>Reads and decodes the PNG file at <paramref name="path"/>.</summary>
    public static PngImage Read(string path) => File.Exists(path)
        ? Decode(File.ReadAllBytes(path), path)
        : throw new FileNotFoundException($"{path}: file not found", path);

    /// <summary>Decodes PNG <paramref name="bytes"/>; <paramref name="sourceName"/> (usually the path) starts every error message.</summary>
    public static PngImage Decode(ReadOnlySpan<byte> bytes, string sourceName)
    {
        var chunks = PngChunks.Parse(bytes, sourceName);
        var (s8, s16) = PngScanlines.Decode(chunks.Header, chunks.Idat, sourceName);
        return new PngImage(chunks.Header, s8, s16, chunks.Palette, chunks.Transparency, sourceName);
    }
}
