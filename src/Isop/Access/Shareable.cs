using System.Collections.Concurrent;
using System.Reflection;

namespace Isop.Access;

/// <summary>
/// A record that carries a TLP label, an owner organisation and explicit shares. The type declares its kind with
/// <see cref="RecordKindAttribute"/>; the database applies the TLP read rule to every such type.
/// </summary>
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

/// <summary>The short name under which a shareable record type appears in shares and the audit log ("work").</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class RecordKindAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}

/// <summary>
/// Declares that a record is derived from a shareable record: it is visible only when the record its
/// <see cref="Key"/> names is (a null key names none). With <see cref="OwnerOnlyWhen"/>, a true value of that
/// boolean property limits the record further to the source's owner organisation. Repeat for every source.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class DerivedFromAttribute(Type source, string key) : Attribute
{
    public Type Source { get; } = source;
    public string Key { get; } = key;
    public string? OwnerOnlyWhen { get; init; }
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

/// <summary>The kinds shareable record types declare (<see cref="RecordKindAttribute"/>), read once per type.</summary>
public static class RecordKinds
{
    private static readonly ConcurrentDictionary<Type, string?> Kinds = new();

    public static string Of<T>() where T : IShareable => Of(typeof(T))!;

    /// <summary>The kind a type declares; null for a type that is not a shareable record.</summary>
    public static string? Of(Type type) => Kinds.GetOrAdd(type, static t =>
    {
        if (!typeof(IShareable).IsAssignableFrom(t)) return null;
        return t.GetCustomAttribute<RecordKindAttribute>()?.Name
               ?? throw new InvalidOperationException($"{t.Name} is shareable but declares no [RecordKind].");
    });
}
