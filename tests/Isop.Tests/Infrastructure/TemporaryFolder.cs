namespace Isop.Tests.Infrastructure;

/// <summary>A folder of its own under the system's temporary folder, deleted with what it holds when disposed.</summary>
public sealed class TemporaryFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("isop-test-").FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A program the test started may still hold a file for a moment; the system's cleaner takes the rest.
        }
    }
}
