using Isop.Cli;

namespace Isop.Tests.Cli;

/// <summary>Record text shown in a terminal table: nothing in it reaches the terminal as a control sequence.</summary>
public sealed class CellsTests
{
    [Fact]
    public void Controls_and_direction_overrides_are_shown_escaped_and_markup_is_inert()
    {
        Assert.Equal("\\x1b]]0;PWNED\\x07\\x1b[[2J Show", Cells.Of("\u001b]0;PWNED\u0007\u001b[2J Show"));
        Assert.Equal("a\\x9bb\\x7fc\\u202egnp.exe", Cells.Of("a\u009bb\u007fc\u202egnp.exe"));
        Assert.Equal("[[red]]x[[/]] 새주소", Cells.Of("[red]x[/] 새주소"));
        Assert.Equal("one\ntwo\\x0athree", Cells.Lines(["one", "two\nthree"]));
        Assert.Equal("", Cells.Of(null));
    }
}
