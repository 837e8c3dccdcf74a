using System.Text.Json.Nodes;
using ResearchKit.Notebooks.Execution;

namespace ResearchKit.Tests.Notebooks.Execution;

public sealed class DisplayFormatterTests
{
    public sealed class RichThing
    {
        public JsonObject ToDisplayData() => new() { ["text/html"] = "<b>rich</b>" };

        public override string ToString() => "RichThing!";
    }

    private sealed record Point(int X, int Y);

    [Fact]
    public void Primitives_PrintAsCSharpLiteralsInvariantly()
    {
        Assert.Equal("0.1", DisplayFormatter.FormatText(0.1));
        Assert.Equal("-3", DisplayFormatter.FormatText(-3));
        Assert.Equal("true", DisplayFormatter.FormatText(true));
        Assert.Equal("null", DisplayFormatter.FormatText(null));
        Assert.Equal("plain text", DisplayFormatter.FormatText("plain text"));
    }

    [Fact]
    public void Sequences_TuplesAndRecords_PrintReadably()
    {
        Assert.Equal("[1, 2, 3]", DisplayFormatter.FormatText(new[] { 1, 2, 3 }));
        Assert.Equal("(1, \"a\", 2.5)", DisplayFormatter.FormatText((1, "a", 2.5)));
        Assert.Equal("{ \"a\": 1 }", DisplayFormatter.FormatText(new Dictionary<string, int> { ["a"] = 1 }));
        Assert.Equal("Point { X = 1, Y = 2 }", DisplayFormatter.FormatText(new Point(1, 2)));
        Assert.Equal("[[1, 2], [3]]", DisplayFormatter.FormatText(new List<int[]> { new[] { 1, 2 }, new[] { 3 } }));
    }

    [Fact]
    public void LongSequences_AreTruncatedAfter20Items_WithTheCount()
    {
        var text = DisplayFormatter.FormatText(Enumerable.Range(0, 25).ToList());
        Assert.Equal("[" + string.Join(", ", Enumerable.Range(0, 20)) + ", ...] (25 items)", text);
    }

    [Fact]
    public void TwoDimensionalArrays_PrintAsRows()
    {
        Assert.Equal("Int32[2,2]\n  [1, 2]\n  [3, 4]", DisplayFormatter.FormatText(new[,] { { 1, 2 }, { 3, 4 } }));
    }

    [Fact]
    public void ObjectsWithToDisplayData_GiveTheirBundle_PlusTextPlain()
    {
        var bundle = DisplayFormatter.ToMimeBundle(new RichThing());
        Assert.Equal("<b>rich</b>", bundle["text/html"]!.GetValue<string>());
        Assert.Equal("RichThing!", bundle["text/plain"]!.GetValue<string>());
        Assert.Equal(["text/plain"], DisplayFormatter.ToMimeBundle(42).Select(kv => kv.Key));
    }
}
