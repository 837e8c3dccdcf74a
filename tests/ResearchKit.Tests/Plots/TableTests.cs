using ResearchKit.Plots;

namespace ResearchKit.Tests.Plots;

public sealed class TableTests
{
    [Fact]
    public void Cells_AreWrittenColumnByColumn()
    {
        var table = new Table(["class", "IoU"], [["road", "90.1"], ["sky", "85.0"]]);
        var json = table.ToJsonObject();

        Assert.Equal("table", json["type"]!.GetValue<string>());
        Assert.Equal("""["class","IoU"]""", json["header"]!["values"]!.ToJsonString());
        Assert.Equal("""[["road","sky"],["90.1","85.0"]]""", json["cells"]!["values"]!.ToJsonString());
        Assert.Null(json["domain"]);
    }

    [Fact]
    public void RaggedRows_AreRejected()
    {
        var error = Assert.Throws<ArgumentException>(() => new Table(["a", "b"], [["1", "2"], ["3"]]));
        Assert.Equal("Table row 1 has 1 cells for 2 columns.", error.Message);
    }
}
