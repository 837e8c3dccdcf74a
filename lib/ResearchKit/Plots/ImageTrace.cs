using System.Buffers.Binary;
using System.Text.Json.Nodes;
using ResearchKit.Data;

namespace ResearchKit.Plots;

/// <summary>An RGB picture (a PNG, embedded as a data URI) drawn on cartesian axes, one data unit per pixel by default.</summary>
public sealed class ImageTrace : CartesianTrace
{
    private static readonly byte[] PngSignature = [137, 80, 78, 71, 13, 10, 26, 10];

    /// <summary>Wraps encoded PNG bytes (kept, not copied).</summary>
    public ImageTrace(byte[] png)
    {
        if (png.Length < 24 || !png.AsSpan(0, 8).SequenceEqual(PngSignature) || !png.AsSpan(12, 4).SequenceEqual("IHDR"u8))
            throw new ArgumentException($"ImageTrace needs PNG bytes; got {png.Length} bytes without a PNG signature and IHDR header.");
        Png = png;
        PixelWidth = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4));
        PixelHeight = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20, 4));
    }

    /// <summary>Encodes <paramref name="image"/> with <paramref name="encodePng"/> (e.g. ResearchKit.Data.Png.EncodeRgb) and wraps the result.</summary>
    public static ImageTrace FromRgb(RgbImage image, Func<RgbImage, byte[]> encodePng) => new(encodePng(image));

    /// <summary>The encoded picture.</summary>
    public byte[] Png { get; }

    /// <summary>Picture width in pixels, from the PNG header.</summary>
    public int PixelWidth { get; }

    /// <summary>Picture height in pixels, from the PNG header.</summary>
    public int PixelHeight { get; }

    /// <inheritdoc />
    public override string Type => "image";

    /// <summary>X coordinate of the first column's centre (Plotly's default 0).</summary>
    public double? X0 { get; set; }

    /// <summary>Y coordinate of the first row's centre (Plotly's default 0).</summary>
    public double? Y0 { get; set; }

    /// <summary>X distance between columns (Plotly's default 1).</summary>
    public double? DX { get; set; }

    /// <summary>Y distance between rows (Plotly's default 1).</summary>
    public double? DY { get; set; }

    /// <summary>The "data:image/png;base64,..." URI Plotly reads from "source".</summary>
    public string DataUri => "data:image/png;base64," + Convert.ToBase64String(Png);

    /// <inheritdoc />
    protected override void WriteCartesian(JsonObject trace)
    {
        trace["source"] = DataUri;
        if (X0 is { } x0) trace["x0"] = PlotlyJson.Number(x0);
        if (Y0 is { } y0) trace["y0"] = PlotlyJson.Number(y0);
        if (DX is { } dx) trace["dx"] = PlotlyJson.Number(dx);
        if (DY is { } dy) trace["dy"] = PlotlyJson.Number(dy);
    }
}
