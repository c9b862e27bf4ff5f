using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Isop.Data;

/// <summary>One change, chained to the entry before it by SHA-256 so that tampering shows.</summary>
public sealed class AuditEntry
{
    public long Sequence { get; set; }
    public DateTimeOffset At { get; set; }
    public Guid? ActorMemberId { get; set; }
    public Guid? ActorOrganisationId { get; set; }
    public required string Actor { get; set; }
    /// <summary>create, update or delete.</summary>
    public required string Action { get; set; }
    public required string EntityType { get; set; }
    public required string EntityId { get; set; }
    /// <summary>JSON object: new values (create), {old,new} pairs (update) or old values (delete).</summary>
    public required string Changes { get; set; }
    public required string PreviousHash { get; set; }
    public required string Hash { get; set; }

    /// <summary>The hash before the first entry.</summary>
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    /// <summary>SHA-256 over every field but the hash itself, in a fixed, unambiguous encoding.</summary>
    public string ComputeHash()
    {
        var fields = new string?[]
        {
            Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture),
            At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", System.Globalization.CultureInfo.InvariantCulture),
            ActorMemberId?.ToString("D"),
            ActorOrganisationId?.ToString("D"),
            Actor, Action, EntityType, EntityId, Changes, PreviousHash,
        };
        // A JSON array is a canonical, length-safe encoding of the field list.
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(fields, AuditJson.Default.StringArray))));
    }

    /// <summary>Databases keep microseconds at best (PostgreSQL); hash what is stored.</summary>
    public static DateTimeOffset Truncate(DateTimeOffset at) =>
        new(at.UtcTicks - at.UtcTicks % 10, TimeSpan.Zero);
}

/// <summary>The chain's head: the last sequence and hash. Updating it first serialises writers on every provider.</summary>
public sealed class AuditHead
{
    public int Id { get; set; }
    public long Sequence { get; set; }
    public required string Hash { get; set; }
    /// <summary>HMAC of the sequence and hash with the key outside the database (<see cref="AuditSeal"/>).</summary>
    public string? Seal { get; set; }
}

[System.Text.Json.Serialization.JsonSerializable(typeof(string?[]), TypeInfoPropertyName = "StringArray")]
internal sealed partial class AuditJson : System.Text.Json.Serialization.JsonSerializerContext;
