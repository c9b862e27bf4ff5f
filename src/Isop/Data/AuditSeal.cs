using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Isop.Data;

/// <summary>
/// Seals the audit chain's head with a key kept outside the database (<c>keys/audit.key</c> in the data folder, readable
/// by the account that runs Isop only), and keeps the last sealed head beside it (<c>keys/audit.anchor</c>). Whoever
/// can rewrite the database but not the key cannot cut the chain's tail and rewrite its head unseen, nor roll the
/// database back to an older, correctly sealed state.
/// </summary>
public sealed class AuditSeal
{
    private readonly byte[] _key;
    private readonly string _anchorPath;
    private static readonly object AnchorLock = new();

    private AuditSeal(byte[] key, string anchorPath)
    {
        _key = key;
        _anchorPath = anchorPath;
    }

    /// <summary>The keys folder the seal's key is in.</summary>
    public string Folder => Path.GetDirectoryName(_anchorPath)!;

    /// <summary>The seal of the keys folder, creating its key on first use (mode 0600 in a 0700 folder).</summary>
    public static AuditSeal Open(string keysDirectory)
    {
        var folder = OperatingSystem.IsWindows()
            ? Directory.CreateDirectory(keysDirectory)
            : Directory.CreateDirectory(keysDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var path = Path.Combine(folder.FullName, "audit.key");
        if (!File.Exists(path))
        {
            var fresh = RandomNumberGenerator.GetBytes(32);
            var temporary = path + "." + Guid.NewGuid().ToString("N");
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            using (var stream = new FileStream(temporary, options))
                stream.Write(fresh);
            // Two processes starting at once: the first key in place wins, the other's is dropped.
            try { File.Move(temporary, path, overwrite: false); }
            catch (IOException) { File.Delete(temporary); }
        }
        var key = File.ReadAllBytes(path);
        if (key.Length != 32) throw new InvalidOperationException($"{path}: expected a 32-byte key, found {key.Length} bytes");
        return new AuditSeal(key, Path.Combine(folder.FullName, "audit.anchor"));
    }

    public string Sign(long sequence, string hash) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes($"isop-audit-head\n{sequence.ToString(CultureInfo.InvariantCulture)}\n{hash}")));

    public bool Verifies(long sequence, string hash, string? seal) =>
        seal is not null && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(sequence, hash)), Encoding.ASCII.GetBytes(seal));

    /// <summary>Records a committed head outside the database; the anchor only moves forward.</summary>
    public void Anchor(long sequence, string hash)
    {
        lock (AnchorLock)
        {
            if (ReadAnchor() is { } known && known.Sequence >= sequence) return;
            var temporary = _anchorPath + "." + Guid.NewGuid().ToString("N");
            File.WriteAllText(temporary, $"{sequence.ToString(CultureInfo.InvariantCulture)} {hash} {Sign(sequence, hash)}\n");
            File.Move(temporary, _anchorPath, overwrite: true);
        }
    }

    /// <summary>The last head this machine sealed, if its seal holds (a forged anchor is ignored, as if absent).</summary>
    public (long Sequence, string Hash)? ReadAnchor()
    {
        try
        {
            var parts = File.ReadAllText(_anchorPath).Split(' ', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 3 && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var sequence) && Verifies(sequence, parts[1], parts[2]))
                return (sequence, parts[1]);
        }
        catch (FileNotFoundException)
        {
        }
        catch (DirectoryNotFoundException)
        {
        }
        return null;
    }
}
