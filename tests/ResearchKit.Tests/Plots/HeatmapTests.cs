using System.Text.Json.Nodes;
using ResearchKit.Plots;

namespace ResearchKit.Tests.Plots;

public sealed class HeatmapTests
{
    [Fact]
    public void Z_IsWrittenAsRowsOfColumns()
    {
        var z = new double[,] { { 1, 2, 3 }, { 4, 5, double.NaN } }; // 2 rows, 3 columns
        var json = new Heatmap(z).ToJsonObject();

        var rows = json["z"]!.AsArray();
        Assert.Equal(2, rows.Count);
        Assert.All(rows, row => Assert.Equal(3, row!.AsArray().Count));
        Assert.Equal("[[1,2,3],[4,5,null]]", json["z"]!.ToJsonString());
        Assert.Equal("heatmap", json["type"]!.GetValue<string>());
    }

    [Fact]
    public void CoordinatesColourScaleAndColourBar_AreWritten()
    {
        var heatmap = new Heatmap(new double[2, 3])
        {
            X = [-1, 0, 1],
            Y = [-0.5, 0.5],
            Colorscale = Colorscale.Greys,
            ZMin = -3,
            ZMax = 0,
            ColorbarTitle = "log10 power",
            ShowScale = false,
        };

        var json = heatmap.ToJsonObject();

        Assert.Equal("[-1,0,1]", json["x"]!.ToJsonString());
        Assert.Equal("[-0.5,0.5]", json["y"]!.ToJsonString());
        Assert.Equal("Greys", json["colorscale"]!.GetValue<string>());
        Assert.Equal(-3, json["zmin"]!.GetValue<double>());
        Assert.Equal(0, json["zmax"]!.GetValue<double>());
        Assert.Equal("log10 power", json["colorbar"]!["title"]!["text"]!.GetValue<string>());
        Assert.False(json["showscale"]!.GetValue<bool>());
    }

    [Fact]
    public void DefaultColourScale_IsViridisWithAScale()
    {
        var json = new Heatmap(new double[1, 1]).ToJsonObject();
        Assert.Equal("Viridis", json["colorscale"]!.GetValue<string>());
        Assert.True(json["showscale"]!.GetValue<bool>());
    }

    [Fact]
    public void WrongCoordinateCountsAndEmptyMatrices_AreRejected()
    {
        Assert.Throws<ArgumentException>(() => new Heatmap(new double[0, 3]));
        var error = Assert.Throws<ArgumentException>(() => new Heatmap(new double[2, 3]) { X = [1, 2] }.ToJsonObject());
        Assert.Equal("Heatmap X has 2 values for 3 points.", error.Message);
        Assert.Throws<ArgumentException>(() => new Heatmap(new double[2, 3]) { Y = [1, 2, 3] }.ToJsonObject());
    }

    [Fact]
    public void LargeMatrix_KeepsEveryCellInOrder()
    {
        var z = new double[60, 80];
        for (int r = 0; r < 60; r++)
            for (int c = 0; c < 80; c++) z[r, c] = r * 1000 + c;
        var rows = new Heatmap(z).ToJsonObject()["z"]!.AsArray();
        Assert.Equal(59_079, rows[59]![79]!.GetValue<double>());
        Assert.Equal(12_034, rows[12]![34]!.GetValue<double>());
    }
}
