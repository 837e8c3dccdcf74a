using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace ResearchKit.Notebooks.Reports;

/// <summary>Just enough Markdown for notebook prose in the HTML pages: headings, paragraphs, block quotes, bullet
/// lists, **bold**, *italic*, `code` and [links](url). Everything is HTML-escaped first, so no raw HTML passes through.</summary>
public static partial class MarkdownLite
{
    /// <summary>The HTML for <paramref name="markdown"/>.</summary>
    public static string ToHtml(string markdown)
    {
        var sb = new StringBuilder();
        var paragraph = new List<string>();
        var inList = false;
        void Flush()
        {
            if (paragraph.Count > 0) sb.Append("<p>").Append(Inline(string.Join(" ", paragraph))).Append("</p>\n");
            paragraph.Clear();
        }
        void EndList()
        {
            if (inList) sb.Append("</ul>\n");
            inList = false;
        }
        foreach (var raw in markdown.Replace("\r\n", "\n").Split('\n'))
        {
            var line = raw.TrimEnd();
            var heading = Heading().Match(line);
            var bullet = Bullet().Match(line);
            if (line.Length == 0) { Flush(); EndList(); }
            else if (heading.Success)
            {
                Flush(); EndList();
                var level = heading.Groups[1].Length;
                sb.Append($"<h{level}>{Inline(heading.Groups[2].Value)}</h{level}>\n");
            }
            else if (line.StartsWith('>')) { Flush(); EndList(); sb.Append($"<blockquote>{Inline(line.TrimStart('>', ' '))}</blockquote>\n"); }
            else if (bullet.Success)
            {
                Flush();
                if (!inList) sb.Append("<ul>\n");
                inList = true;
                sb.Append($"<li>{Inline(bullet.Groups[1].Value)}</li>\n");
            }
            else if (inList && raw.StartsWith("  ")) sb.Insert(sb.Length - "</li>\n".Length, " " + Inline(line.Trim()));
            else { EndList(); paragraph.Add(line); }
        }
        Flush();
        EndList();
        return sb.ToString();
    }

    /// <summary>Escapes <paramref name="text"/>, then applies code, bold, italic and link spans (code spans are not re-styled).</summary>
    public static string Inline(string text)
    {
        var parts = text.Split('`');
        var sb = new StringBuilder();
        for (var i = 0; i < parts.Length; i++)
        {
            var enc = WebUtility.HtmlEncode(parts[i].Replace("\\*", "\u0001"));
            if (i % 2 == 1 && i < parts.Length - 1) { sb.Append("<code>").Append(enc.Replace("\u0001", "\\*")).Append("</code>"); continue; }
            if (i % 2 == 1) sb.Append('`'); // an unmatched backtick stays literal
            enc = Bold().Replace(enc, "<b>$1</b>");
            enc = Italic().Replace(enc, "<i>$1</i>");
            enc = Link().Replace(enc, "<a href=\"$2\">$1</a>");
            sb.Append(enc.Replace("\u0001", "*"));
        }
        return sb.ToString();
    }

    [GeneratedRegex(@"^(#{1,6})\s+(.*)$")]
    private static partial Regex Heading();

    [GeneratedRegex(@"^\s*[-*]\s+(.*)$")]
    private static partial Regex Bullet();

    [GeneratedRegex(@"\*\*(.+?)\*\*")]
    private static partial Regex Bold();

    [GeneratedRegex(@"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])")]
    private static partial Regex Italic();

    [GeneratedRegex(@"\[([^\]]+)\]\(([^)\s]+)\)")]
    private static partial Regex Link();
}
