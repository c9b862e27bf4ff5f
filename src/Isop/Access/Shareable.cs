namespace Isop.Access;

/// <summary>A record that carries a TLP label, an owner organisation and explicit shares.</summary>
public interface IShareable
{
    Guid Id { get; }
    Tlp Tlp { get; set; }
    Guid OwnerOrganisationId { get; set; }
}

/// <summary>A part of a shareable record (a title of a work, a domain of a platform): it is guarded by its record.</summary>
public interface IRecordPart
{
    IShareable? Record { get; }
}

/// <summary>
/// An explicit share of a record: with an organisation (AMBER) or a named member (RED).
/// <see cref="RecordKind"/> names the record type, so one table serves every shareable type.
/// </summary>
public sealed class RecordShare
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string RecordKind { get; set; }
    public Guid RecordId { get; set; }
    /// <summary>The record's owner, copied so the write guard can check a share without loading the record.</summary>
    public Guid OwnerOrganisationId { get; set; }
    public Guid? OrganisationId { get; set; }
    public Guid? MemberId { get; set; }
}

/// <summary>The short names under which shareable record types appear in shares and the audit log.</summary>
public static class RecordKinds
{
    public const string Work = "work";
    public const string Platform = "platform";
}
