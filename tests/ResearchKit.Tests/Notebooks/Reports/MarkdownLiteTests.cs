using ResearchKit.Notebooks.Reports;

namespace ResearchKit.Tests.Notebooks.Reports;

public sealed class MarkdownLiteTests
{
    [Fact]
    public void HeadingsQuotesListsAndParagraphs_BecomeTheirHtmlBlocks()
    {
        var html = MarkdownLite.ToHtml("# 01 - Title\n\n> a quote\n\nline one\nline two\n\n- first\n  continued\n- second\n");
        Assert.Equal("<h1>01 - Title</h1>\n<blockquote>a quote</blockquote>\n<p>line one line two</p>\n" +
                     "<ul>\n<li>first continued</li>\n<li>second</li>\n</ul>\n", html);
    }

    [Fact]
    public void InlineSpans_AreStyled_AndRawHtmlIsEscaped()
    {
        Assert.Equal("<b>Reproduced if</b> E(s) &gt; <i>share</i>, see <code>FftNorm.Backward</code> and <a href=\"u.md\">spec</a>",
            MarkdownLite.Inline("**Reproduced if** E(s) > *share*, see `FftNorm.Backward` and [spec](u.md)"));
        Assert.Equal("&lt;script&gt;x&lt;/script&gt;", MarkdownLite.Inline("<script>x</script>"));
        Assert.Equal("s*(τ) and K*", MarkdownLite.Inline(@"s\*(τ) and K\*"));
        Assert.Equal("<code>a*b*c</code> 2*3*4", MarkdownLite.Inline("`a*b*c` 2*3*4"));
    }
}
