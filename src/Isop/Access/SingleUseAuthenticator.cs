using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;

namespace Isop.Access;

/// <summary>
/// Authenticator codes (RFC 6238: HMAC-SHA1, 30-second steps, six digits, one step of clock drift either way), each
/// accepted once: the last step used is kept with the member, and a code of that step or an earlier one is refused,
/// so that a code seen over a shoulder or in a proxy log cannot be replayed within its minute.
/// </summary>
public sealed class SingleUseAuthenticator(TimeProvider time) : IUserTwoFactorTokenProvider<Member>
{
    public const string ProviderName = "IsopAuthenticator";
    private const string StoreProvider = "Isop";
    private const string LastStepName = "AuthenticatorLastStep";

    public Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<Member> manager, Member user) => Task.FromResult(false);

    public Task<string> GenerateAsync(string purpose, UserManager<Member> manager, Member user) =>
        throw new NotSupportedException("Authenticator codes come from the member's app.");

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<Member> manager, Member user)
    {
        var key = await manager.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key) || Isop.Crawling.Base32.Decode(key) is not { } secret) return false;
        var stored = await manager.GetAuthenticationTokenAsync(user, StoreProvider, LastStepName);
        long? last = long.TryParse(stored, NumberStyles.None, CultureInfo.InvariantCulture, out var l) ? l : null;
        if (Verify(secret, token, time.GetUtcNow(), last) is not { } step) return false;
        var saved = await manager.SetAuthenticationTokenAsync(user, StoreProvider, LastStepName, step.ToString(CultureInfo.InvariantCulture));
        return saved.Succeeded;
    }

    /// <summary>The time step a code belongs to, if it is valid now and later than <paramref name="lastUsed"/>; else null.</summary>
    public static long? Verify(byte[] secret, string code, DateTimeOffset now, long? lastUsed)
    {
        code = code.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        if (code.Length != 6 || !code.All(char.IsAsciiDigit)) return null;
        var current = now.ToUnixTimeSeconds() / 30;
        for (var step = current - 1; step <= current + 1; step++)
        {
            if (step <= lastUsed) continue;
            if (CryptographicOperations.FixedTimeEquals(System.Text.Encoding.ASCII.GetBytes(Code(secret, step)), System.Text.Encoding.ASCII.GetBytes(code))) return step;
        }
        return null;
    }

    /// <summary>The six-digit code of a time step.</summary>
    public static string Code(byte[] secret, long step)
    {
        Span<byte> counter = stackalloc byte[8];
        System.Buffers.Binary.BinaryPrimitives.WriteInt64BigEndian(counter, step);
        Span<byte> hash = stackalloc byte[20];
        HMACSHA1.HashData(secret, counter, hash);
        var offset = hash[^1] & 0x0f;
        var binary = ((hash[offset] & 0x7f) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (binary % 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
    }
}
