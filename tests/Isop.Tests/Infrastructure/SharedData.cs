namespace Isop.Tests.Infrastructure;

/// <summary>The reference data of other projects, in ../shared/data beside the repository (null where absent).</summary>
public static class SharedData
{
    public static string? Find(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Isop.slnx")))
            {
                var path = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "data", relative));
                return File.Exists(path) ? path : null;
            }
        }
        return null;
    }

    /// <summary>The path, or a skip where the data is absent; with CI set, a failure instead.</summary>
    public static string Require(string relative)
    {
        if (Find(relative) is { } path) return path;
        // With CI set, the shared data must be there: a measurement that silently skips proves nothing.
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI"))) Assert.Fail($"CI is set, so ../shared/data/{relative} must be present beside the repository.");
        Assert.Skip($"../shared/data/{relative} is not present beside the repository.");
        return "";
    }
}
