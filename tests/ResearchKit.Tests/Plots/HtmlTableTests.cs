using ResearchKit.Plots;

namespace ResearchKit.Tests.Plots;

public sealed class HtmlTableTests
{
    private static HtmlTable PerClass() => new(
        ["class", "IoU", "pixels"],
        [["road", 90.12345, 1200], ["<sky>", double.NaN, null]],
        caption: "CamVid val");

    [Fact]
    public void Cells_AreFormattedInvariantly()
    {
        var table = PerClass();
        Assert.Equal(["road", "90.12", "1200"], table.Rows[0]);
        Assert.Equal(["<sky>", "NaN", ""], table.Rows[1]);
    }

    [Fact]
    public void Html_EscapesEveryCell()
    {
        Assert.Equal(
            "<table><caption>CamVid val</caption><thead><tr><th>class</th><th>IoU</th><th>pixels</th></tr></thead>" +
            "<tbody><tr><td>road</td><td>90.12</td><td>1200</td></tr><tr><td>&lt;sky&gt;</td><td>NaN</td><td></td></tr></tbody></table>",
            PerClass().ToHtml());
    }

    [Fact]
    public void PlainText_AlignsColumnsWithoutMarkup()
    {
        Assert.Equal(
            "CamVid val\n" +
            "class  IoU    pixels\n" +
            "-----  -----  ------\n" +
            "road   90.12  1200\n" +
            "<sky>  NaN",
            PerClass().ToPlainText());
    }

    [Fact]
    public void DisplayData_HoldsHtmlAndPlainText()
    {
        var table = PerClass();
        var bundle = table.ToDisplayData();
        Assert.Equal(["text/html", "text/plain"], bundle.Select(p => p.Key));
        Assert.Equal(table.ToHtml(), bundle["text/html"]!.GetValue<string>());
        Assert.Equal(table.ToPlainText(), bundle["text/plain"]!.GetValue<string>());
    }

    [Fact]
    public void NumberFormat_IsAppliedToDoublesAndFloats()
    {
        var table = new HtmlTable(["a", "b"], [[1.0 / 3, 2.5f]], numberFormat: "F2");
        Assert.Equal(["0.33", "2.50"], table.Rows[0]);
    }

    [Fact]
    public void TableTrace_CarriesTheSameCells()
    {
        var json = PerClass().ToTableTrace().ToJsonObject();
        Assert.Equal("""[["road","<sky>"],["90.12","NaN"],["1200",""]]""", json["cells"]!["values"]!.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
    }

    [Fact]
    public void RaggedRowsAndNoColumns_AreRejected()
    {
        Assert.Throws<ArgumentException>(() => new HtmlTable([], []));
        var error = Assert.Throws<ArgumentException>(() => new HtmlTable(["a", "b"], [["1"]]));
        Assert.Equal("Table row 0 has 1 cells for 2 columns.", error.Message);
    }
}
