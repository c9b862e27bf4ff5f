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
