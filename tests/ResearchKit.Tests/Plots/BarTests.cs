using ResearchKit.Plots;

namespace ResearchKit.Tests.Plots;

public sealed class BarTests
{
    [Fact]
    public void Bar_WritesCategoriesValuesErrorsAndLabels()
    {
        var bar = new Bar(["road", "sky", "car"], [90.1, 85, double.NaN])
        {
            ErrorY = [1, 2, 3],
            Labels = ["90.1", "85.0", "-"],
            Color = "steelblue",
        };

        var json = bar.ToJsonObject();

        Assert.Equal("bar", json["type"]!.GetValue<string>());
        Assert.Equal("""["road","sky","car"]""", json["x"]!.ToJsonString());
        Assert.Equal("[90.1,85,null]", json["y"]!.ToJsonString());
        Assert.Equal("[1,2,3]", json["error_y"]!["array"]!.ToJsonString());
        Assert.Equal("""["90.1","85.0","-"]""", json["text"]!.ToJsonString());
        Assert.Equal("steelblue", json["marker"]!["color"]!.GetValue<string>());
    }

    [Fact]
    public void OneValuePerCategory_IsRequired()
    {
        var error = Assert.Throws<ArgumentException>(() => new Bar(["a", "b"], [1]));
        Assert.Contains("2 categories and 1 values", error.Message);
        Assert.Throws<ArgumentException>(() => new Bar(["a"], [1]) { Labels = ["x", "y"] }.ToJsonObject());
    }
}
