using System.Security.Cryptography;
using System.Text;

namespace Isop.Access;

/// <summary>A bearer token for machines. Only the SHA-256 of the secret is stored.</summary>
public sealed class ApiToken
{
    public const string Prefix = "isop_";

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid MemberId { get; set; }
    public Member? Member { get; set; }
    public required string Name { get; set; }
    /// <summary>Hex SHA-256 of the whole token text.</summary>
    public required string Hash { get; set; }
    /// <summary>The first characters of the token, so people can tell tokens apart.</summary>
    public required string Hint { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ExpiresAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    /// <summary>The token this one was issued with, if any: revoking that one revokes this one too.</summary>
    public Guid? ParentId { get; set; }

    public bool IsActive(DateTimeOffset now) => RevokedAt is null && (ExpiresAt is null || ExpiresAt > now);

    /// <summary>Creates a token; the returned secret is shown once and never stored.</summary>
    public static (ApiToken Token, string Secret) Issue(Guid memberId, string name, DateTimeOffset now, DateTimeOffset? expiresAt)
    {
        var secret = Prefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        var token = new ApiToken
        {
            MemberId = memberId,
            Name = name,
            Hash = HashOf(secret),
            Hint = secret[..(Prefix.Length + 6)],
            CreatedAt = now,
            ExpiresAt = expiresAt,
        };
        return (token, secret);
    }

    public static string HashOf(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}
