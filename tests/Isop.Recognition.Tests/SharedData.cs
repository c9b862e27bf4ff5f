namespace Isop.Recognition.Tests;

/// <summary>The reference data of other projects, in ../shared/data beside the repository.</summary>
internal static class SharedData
{
    public static string? Find(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Isop.slnx")))
            {
                var path = Path.Combine(dir.FullName, "..", "shared", "data", relative);
                return File.Exists(path) || Directory.Exists(path) ? Path.GetFullPath(path) : null;
            }
        }
        return null;
    }

    /// <summary>Skips with a clear message where the shared data is absent (the skip is counted in the run's summary).</summary>
    public static string Require(string relative)
    {
        var path = Find(relative);
        if (path is not null) return path;
        // With CI set, the shared data must be there: a measurement that silently skips proves nothing.
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI"))) Assert.Fail($"CI is set, so ../shared/data/{relative} must be present beside the repository.");
        Assert.Skip($"../shared/data/{relative} is not present beside the repository: this measurement needs it.");
        return "";
    }
}
