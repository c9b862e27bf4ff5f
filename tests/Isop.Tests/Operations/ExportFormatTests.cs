using Isop.Access;
using Isop.Operations;

namespace Isop.Tests.Operations;

public sealed class ExportFormatTests
{
    [Fact]
    public void The_money_csv_quotes_what_needs_quoting_and_defuses_formulas()
    {
        var row = new MoneyRow("affiliate", "=HYPERLINK(\"http://evil.test\")", Guid.Empty, "Site, with \"quotes\"", ["a.test", "b.test"], null, Tlp.Green,
            DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, "-cmd|' /C calc'!A0", null, null);
        var lines = MoneyTrail.Csv([row]).Split("\r\n");
        Assert.Equal("\"affiliate\",\"'=HYPERLINK(\"\"http://evil.test\"\")\",\"00000000-0000-0000-0000-000000000000\",\"Site, with \"\"quotes\"\"\",\"a.test b.test\",,\"GREEN\",\"1970-01-01T00:00:00.0000000Z\",\"1970-01-01T00:00:00.0000000Z\",\"'-cmd|' /C calc'!A0\",,,", lines[1]);
    }

    [Fact]
    public void The_digest_in_markdown_starts_with_its_tlp_and_escapes_table_cells()
    {
        var to = new DateTimeOffset(2026, 11, 15, 0, 0, 0, TimeSpan.Zero);
        var digest = new Digest(to.AddDays(-7), to, [new NewPlatform(Guid.Empty, "Pipe | Site", ["pipe.test"], to.AddDays(-1), 12)], [], [], [], [], Tlp.Amber);
        var markdown = EmergingThreats.Markdown(digest);
        Assert.StartsWith("**TLP:AMBER**\n\n# Emerging threats, 2026-11-08 to 2026-11-15", markdown, StringComparison.Ordinal);
        Assert.Contains("| Pipe \\| Site | pipe.test | 2026-11-14 | 12 |", markdown, StringComparison.Ordinal);
        var hostile = EmergingThreats.Markdown(digest with { NewPlatforms = [new NewPlatform(Guid.Empty, "x\r**TLP:CLEAR**\u2028<img src=//evil.test>", ["a.test"], to, 1)] });
        Assert.DoesNotContain("\r", hostile, StringComparison.Ordinal);
        Assert.Contains("\\*\\*TLP:CLEAR\\*\\*", hostile, StringComparison.Ordinal);
        Assert.Contains("\\<img src=//evil.test\\>", hostile, StringComparison.Ordinal);
        Assert.Contains("## Fast growers\n\nNone this week.", markdown, StringComparison.Ordinal);
        var named = EmergingThreats.Markdown(digest with { NewPlatforms = [new NewPlatform(Guid.Empty, "Site (range) [x](javascript:y) &lt;b&gt;", ["a.test"], to, 1)] });
        Assert.Contains("| Site (range) \\[x\\](javascript:y) \\&lt;b\\&gt; |", named, StringComparison.Ordinal);
        // Addresses are defanged, so that no cell becomes a link in a GitHub-flavoured renderer.
        var links = EmergingThreats.Markdown(digest with { NewPlatforms = [new NewPlatform(Guid.Empty, "HTTPS://evil.test/login or www.evil-phish.test, ftp://x.test", ["www.site.test"], to, 1)] });
        Assert.Contains("| hxxps\\[:\\]//evil.test/login or www\\[.\\]evil-phish.test, ftp\\[:\\]//x.test | www\\[.\\]site.test |", links, StringComparison.Ordinal);
        Assert.DoesNotContain("://", links, StringComparison.Ordinal);
    }
}
