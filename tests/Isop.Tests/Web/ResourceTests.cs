using System.Xml.Linq;

namespace Isop.Tests.Web;

public sealed class ResourceTests
{
    private static HashSet<string> Keys(string file)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, "src", "Isop", "Web", file);
            if (File.Exists(path)) return [.. XDocument.Load(path).Root!.Elements("data").Select(d => (string)d.Attribute("name")!)];
        }
        throw new FileNotFoundException(file);
    }

    private static DirectoryInfo Source()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (Directory.Exists(Path.Combine(dir.FullName, "src", "Isop", "Pages"))) return new DirectoryInfo(Path.Combine(dir.FullName, "src", "Isop"));
        throw new DirectoryNotFoundException("src/Isop");
    }

    [Fact]
    public void Every_text_the_pages_and_kind_labels_show_has_an_entry()
    {
        var english = Keys("SharedResource.resx");
        var source = Source();
        var pages = new DirectoryInfo(Path.Combine(source.FullName, "Pages"));
        var used = new HashSet<string>(StringComparer.Ordinal);
        var key = new System.Text.RegularExpressions.Regex("\\b[Ll]\\[\"((?:[^\"\\\\]|\\\\.)*)\"");
        foreach (var file in pages.EnumerateFiles("*.cshtml", SearchOption.AllDirectories).Concat(pages.EnumerateFiles("*.cs", SearchOption.AllDirectories)))
            foreach (System.Text.RegularExpressions.Match m in key.Matches(File.ReadAllText(file.FullName))) used.Add(m.Groups[1].Value);
        var label = new System.Text.RegularExpressions.Regex("=> \"([^\"]+)\"");
        foreach (System.Text.RegularExpressions.Match m in label.Matches(File.ReadAllText(Path.Combine(source.FullName, "Web", "KindLabels.cs")))) used.Add(m.Groups[1].Value);
        Assert.True(used.Count > 100, $"{used.Count} texts found");
        Assert.Empty(used.Except(english).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("SharedResource.fr.resx")]
    [InlineData("SharedResource.ko.resx")]
    public void Every_english_text_has_its_translation(string file)
    {
        var english = Keys("SharedResource.resx");
        var translated = Keys(file);
        Assert.Empty(english.Except(translated));
        Assert.Empty(translated.Except(english));
    }
}
