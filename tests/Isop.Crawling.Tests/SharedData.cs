namespace Isop.Crawling.Tests;

/// <summary>Reference data from ../shared/data beside the repository; tests skip where it is absent.</summary>
internal static class SharedData
{
    public static string Path(params string[] parts)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (!File.Exists(System.IO.Path.Combine(dir.FullName, "Isop.slnx"))) continue;
            var path = System.IO.Path.GetFullPath(System.IO.Path.Combine([dir.FullName, "..", "shared", "data", .. parts]));
            if (File.Exists(path)) return path;
            break;
        }
        Assert.Skip($"../shared/data/{string.Join('/', parts)} is not present beside the repository.");
        return "";
    }
}
