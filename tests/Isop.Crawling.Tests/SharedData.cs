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
        // With CI set, the shared data must be there: a measurement that silently skips proves nothing.
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI"))) Assert.Fail($"CI is set, so ../shared/data/{string.Join('/', parts)} must be present beside the repository.");
        Assert.Skip($"../shared/data/{string.Join('/', parts)} is not present beside the repository.");
        return "";
    }
}
