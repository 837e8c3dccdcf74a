using ResearchKit.Data;
using ResearchKit.Plots;

namespace ResearchKit.Tests.Plots;

public sealed class ImageTraceTests
{
    [Fact]
    public void Png_BecomesADataUriSource_AndItsSizeIsReadFromTheHeader()
    {
        var trace = new ImageTrace(TinyPng.RedBlue2x1) { X0 = 0.5, DX = 2 };
        var json = trace.ToJsonObject();

        Assert.Equal("image", json["type"]!.GetValue<string>());
        Assert.Equal("data:image/png;base64," + Convert.ToBase64String(TinyPng.RedBlue2x1), json["source"]!.GetValue<string>());
        Assert.Equal((2, 1), (trace.PixelWidth, trace.PixelHeight));
        Assert.Equal(0.5, json["x0"]!.GetValue<double>());
        Assert.Equal(2, json["dx"]!.GetValue<double>());
        Assert.Null(json["y0"]);
    }

    [Fact]
    public void FromRgb_EncodesWithTheGivenEncoder()
    {
        var image = new RgbImage(1, 2, [255, 0, 0, 0, 0, 255]);
        RgbImage? seen = null;
        var trace = ImageTrace.FromRgb(image, img => { seen = img; return TinyPng.RedBlue2x1; });

        Assert.Same(image, seen);
        Assert.Equal(TinyPng.RedBlue2x1, trace.Png);
    }

    [Fact]
    public void BytesThatAreNotAPng_AreRejected()
    {
        var error = Assert.Throws<ArgumentException>(() => new ImageTrace(new byte[40]));
        Assert.Contains("PNG signature", error.Message);
    }
}
