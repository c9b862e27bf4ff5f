using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace Isop.Awareness;

/// <summary>A challenge for a tip: the token, how many leading zero bits the proof needs, and its time window.</summary>
public sealed record TipChallengeView(string Token, int Difficulty, string Algorithm, DateTimeOffset NotBefore, DateTimeOffset ExpiresAt);

/// <summary>
/// Spam resistance without a third party: a tip carries a token this server signed (so it cannot be made up), used
/// once, sent no sooner than a person could have filled the form and no later than an hour after, and a proof of
/// work: a number that makes SHA-256 of "token:number" begin with <see cref="PublicSettings.TipDifficulty"/> zero bits
/// (a fraction of a second for a browser, a cost for whoever sends thousands).
/// </summary>
public sealed class TipChallenge(PublicSettings settings, TimeProvider time)
{
    public const string Algorithm = "sha256-leading-zero-bits";
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);
    private const int MaxRemembered = 200_000;

    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);
    // Tokens used, by their signed random part (one token has one spelling, but the set is keyed by bytes all the same),
    // and the same in order of expiry, so that forgetting the expired ones never scans the set.
    private readonly ConcurrentDictionary<Guid, DateTimeOffset> _used = new();
    private readonly ConcurrentQueue<(DateTimeOffset Expires, Guid Token)> _expiry = new();

    public TipChallengeView Issue()
    {
        var now = time.GetUtcNow();
        Span<byte> raw = stackalloc byte[8 + 16 + 16];
        BinaryPrimitives.WriteInt64BigEndian(raw, now.ToUnixTimeMilliseconds());
        RandomNumberGenerator.Fill(raw[8..24]);
        Span<byte> mac = stackalloc byte[32];
        HMACSHA256.HashData(_key, raw[..24], mac);
        mac[..16].CopyTo(raw[24..]);
        return new TipChallengeView(Base64Url(raw), settings.TipDifficulty, Algorithm, now + settings.TipMinDelay, now + Lifetime);
    }

    /// <summary>Checks a token and its proof, and uses the token up; the problem names the field at fault.</summary>
    public bool TryUse(string? token, string? solution, out string field, out string problem)
    {
        (field, problem) = ("token", "");
        if (string.IsNullOrEmpty(token)) return Fail(out problem, "required: ask GET /api/public/v1/tips/challenge for one");
        // Base64 leaves spare bits in the last character: only the one spelling this server writes is a token.
        if (token.Length != 54 || !TryDecode(token, out var raw) || Base64Url(raw) != token) return Fail(out problem, "not a token this server gave");
        Span<byte> mac = stackalloc byte[32];
        HMACSHA256.HashData(_key, raw.AsSpan(0, 24), mac);
        if (!CryptographicOperations.FixedTimeEquals(mac[..16], raw.AsSpan(24, 16))) return Fail(out problem, "not a token this server gave");
        var issued = DateTimeOffset.FromUnixTimeMilliseconds(BinaryPrimitives.ReadInt64BigEndian(raw));
        var now = time.GetUtcNow();
        if (now < issued + settings.TipMinDelay) return Fail(out problem, $"sent too soon: wait {settings.TipMinDelay.TotalSeconds:0} seconds after asking for the token");
        if (now > issued + Lifetime) return Fail(out problem, "expired (a token lasts an hour): ask for a new one");
        field = "solution";
        if (string.IsNullOrEmpty(solution)) return Fail(out problem, $"required: a number n such that SHA-256 of \"token:n\" begins with {settings.TipDifficulty} zero bits");
        if (solution.Length > 20 || !solution.All(char.IsAsciiDigit)) return Fail(out problem, "expected a decimal number of at most 20 digits");
        if (LeadingZeroBits(SHA256.HashData(Encoding.ASCII.GetBytes($"{token}:{solution}"))) < settings.TipDifficulty)
            return Fail(out problem, $"SHA-256 of \"token:{solution}\" does not begin with {settings.TipDifficulty} zero bits");
        field = "token";
        Forget(now);
        if (_used.Count >= MaxRemembered) return Fail(out problem, "too many tips at once: try again in a few minutes");
        var id = new Guid(raw.AsSpan(8, 16));
        if (!_used.TryAdd(id, issued + Lifetime)) return Fail(out problem, "already used: ask for a new one");
        _expiry.Enqueue((issued + Lifetime, id));
        return true;
    }

    public static int LeadingZeroBits(ReadOnlySpan<byte> hash)
    {
        var bits = 0;
        foreach (var b in hash)
        {
            if (b == 0) { bits += 8; continue; }
            return bits + System.Numerics.BitOperations.LeadingZeroCount((uint)b) - 24;
        }
        return bits;
    }

    /// <summary>Finds a proof for a token (what a browser's script does; the command line and tests use it too).</summary>
    public static string Solve(string token, int difficulty)
    {
        for (long n = 0; ; n++)
        {
            var candidate = n.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (LeadingZeroBits(SHA256.HashData(Encoding.ASCII.GetBytes($"{token}:{candidate}"))) >= difficulty) return candidate;
        }
    }

    private void Forget(DateTimeOffset now)
    {
        while (_expiry.TryPeek(out var head) && head.Expires < now && _expiry.TryDequeue(out head)) _used.TryRemove(head.Token, out _);
    }

    /// <summary>Whether tokens can be taken now (the set of used ones is not full): else no new challenge is issued.</summary>
    public bool Accepting
    {
        get
        {
            Forget(time.GetUtcNow());
            return _used.Count < MaxRemembered;
        }
    }

    private static bool Fail(out string problem, string text)
    {
        problem = text;
        return false;
    }

    private static string Base64Url(ReadOnlySpan<byte> bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static bool TryDecode(string token, out byte[] raw)
    {
        raw = [];
        if (!token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')) return false;
        try
        {
            raw = Convert.FromBase64String(token.Replace('-', '+').Replace('_', '/') + "==");
        }
        catch (FormatException)
        {
            return false;
        }
        return raw.Length == 40;
    }
}

/// <summary>
/// How many tips one client address may send an hour (<see cref="PublicSettings.TipsPerHour"/>), shared by the API
/// and the report form so that both count against the same allowance; addresses exempted by configuration are not limited.
/// </summary>
public sealed class TipLimiter(PublicSettings settings) : IDisposable
{
    private readonly System.Threading.RateLimiting.PartitionedRateLimiter<System.Net.IPAddress> _limiter =
        System.Threading.RateLimiting.PartitionedRateLimiter.Create<System.Net.IPAddress, string>(address => settings.IsExempt(address)
            ? System.Threading.RateLimiting.RateLimitPartition.GetNoLimiter("exempt")
            : System.Threading.RateLimiting.RateLimitPartition.GetFixedWindowLimiter(address.ToString(), _ => new System.Threading.RateLimiting.FixedWindowRateLimiterOptions
            {
                PermitLimit = settings.TipsPerHour, Window = TimeSpan.FromHours(1), QueueLimit = 0,
            }));

    /// <summary>Takes one tip from the address's allowance; when none is left, how long until there is.</summary>
    public bool TryTake(System.Net.IPAddress? address, out TimeSpan retryAfter)
    {
        using var lease = _limiter.AttemptAcquire(PublicGate.ClientOf(address));
        retryAfter = lease.TryGetMetadata(System.Threading.RateLimiting.MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromHours(1);
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}
