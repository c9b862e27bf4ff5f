using System.Text.Json.Serialization;

namespace Isop.Access;

[JsonConverter(typeof(JsonStringEnumConverter<OrganisationKind>))]
public enum OrganisationKind
{
    [JsonStringEnumMemberName("secretariat")] Secretariat,
    [JsonStringEnumMemberName("national-central-bureau")] NationalCentralBureau,
    [JsonStringEnumMemberName("law-enforcement")] LawEnforcement,
    [JsonStringEnumMemberName("rights-holder")] RightsHolder,
    [JsonStringEnumMemberName("intermediary")] Intermediary,
}

public sealed class Organisation
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Name { get; set; }
    public OrganisationKind Kind { get; set; }
    /// <summary>ISO 3166-1 alpha-2 country code, where the organisation has one.</summary>
    public string? Country { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public List<Member> Members { get; set; } = [];
}
