using Deedle;
using ResearchKit.Display;
using ResearchKit.Repro;
using ResearchKit.Tables;

namespace ResearchKit.Tests.Tables;

public sealed class TableDisplayTests
{
    private static Frame<int, string> Arms() => Table.FromRows(["arm", "seed", "mIoU", "soft"],
    [
        ["hard <nearest>", 0, 51.4321, false],
        ["soft, \"area\"", 1, 52.25, true],
        ["missing", null, null, null],
    ]);

    [Fact]
    public void FromRows_GivesEachColumnOneType_AndNullIsMissing()
    {
        var frame = Arms();
        Assert.Equal(["arm", "seed", "mIoU", "soft"], frame.ColumnKeys);
        Assert.Equal(3, frame.RowCount);
        Assert.Equal(52.25, frame.GetColumn<double>("mIoU")[1]);
        Assert.Equal(1L, frame.GetColumn<long>("seed")[1]);
        Assert.True(frame.GetColumn<bool>("soft")[1]);
        Assert.False(frame.GetColumn<double>("mIoU").TryGet(2).HasValue);
    }

    [Fact]
    public void FromRows_RejectsARowOfTheWrongLength_AndRepeatedColumns()
    {
        var e = Assert.Throws<ArgumentException>(() => Table.FromRows(["a", "b"], [[1, 2], [3]]));
        Assert.Equal("Table row 1 has 1 cells for 2 columns.", e.Message);
        Assert.Contains("a repeats", Assert.Throws<ArgumentException>(() => Table.FromRows(["a", "a"], [])).Message);
    }

    [Fact]
    public void Html_EscapesCells_FormatsNumbersInvariantly_AndHidesTheOrdinalIndex()
    {
        string html = TableDisplay.ToHtml(Arms(), "arms & seeds");
        Assert.Contains("<caption style=\"text-align:left\">arms &amp; seeds</caption>", html);
        Assert.Contains("<td>hard &lt;nearest&gt;</td><td>0</td><td>51.43</td><td>no</td>", html);
        Assert.Contains("<td>missing</td><td></td><td></td><td></td>", html);
        Assert.DoesNotContain("<th></th>", html);
    }

    [Fact]
    public void Csv_QuotesAndKeepsFullPrecision_AndAKeyedFrameKeepsItsKeys()
    {
        var lines = TableDisplay.ToCsv(Arms()).Split('\n');
        Assert.Equal("arm,seed,mIoU,soft", lines[0]);
        Assert.Equal("hard <nearest>,0,51.4321,false", lines[1]);
        Assert.Equal("\"soft, \"\"area\"\"\",1,52.25,true", lines[2]);
        Assert.Equal("missing,,,", lines[3]);

        var keyed = Arms().IndexRows<string>("arm");
        Assert.StartsWith(",seed,mIoU,soft\nhard <nearest>,0,", TableDisplay.ToCsv(keyed));
        Assert.Contains("<th>hard &lt;nearest&gt;</th>", TableDisplay.ToHtml(keyed));
    }

    [Fact]
    public void RichDisplay_ShowsAnyFrameAsHtmlCsvAndText_AndLeavesOtherValuesAlone()
    {
        var bundle = RichDisplay.ToDisplayData(Arms().IndexRows<string>("arm"));
        Assert.NotNull(bundle);
        Assert.Equal(["text/html", "text/csv", "text/plain"], bundle.Select(p => p.Key));
        Assert.Null(RichDisplay.ToDisplayData("just text"));
    }

    [Fact]
    public void CheckList_DisplaysItsSummaryAboveTheTable()
    {
        var bundle = new CheckList("demo").Equal("k", 24, 24).Equal("n", 1, 2).ToDisplayData();
        Assert.Contains("demo: 1 of 2 checks hold</caption>", bundle["text/html"]!.GetValue<string>());
        Assert.Equal("check,measured,expected,holds\nk,24,24,yes\nn,1,2,NO\n", bundle["text/csv"]!.GetValue<string>());
    }
}
