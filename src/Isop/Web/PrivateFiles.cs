namespace Isop.Web;

/// <summary>
/// Temporary files that only the account running Isop may read. A package, an export or an upload waiting in the
/// temporary folder may hold RED material, and that folder is shared with every local account (a file is created
/// readable by all of them unless it says otherwise).
/// </summary>
internal static class PrivateFiles
{
    /// <summary>A new, unused path in the temporary folder: <c>{prefix}-{random}{extension}</c>.</summary>
    public static string TemporaryPath(string prefix, string extension) => Path.Combine(Path.GetTempPath(), $"{prefix}-{Guid.NewGuid():N}{extension}");

    /// <summary>Creates a file that does not exist yet, readable and writable by this account only.</summary>
    public static FileStream Create(string path, FileAccess access = FileAccess.Write, FileOptions options = FileOptions.None, int bufferSize = 4096)
    {
        var o = new FileStreamOptions { Mode = FileMode.CreateNew, Access = access, Share = FileShare.None, Options = options, BufferSize = bufferSize };
        if (!OperatingSystem.IsWindows()) o.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        return new FileStream(path, o);
    }
}
