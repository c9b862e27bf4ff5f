using System.Text.Json.Serialization;
using Isop.Access;
using Isop.Catalogue;
using Isop.Platforms;

namespace Isop.Cases;

/// <summary>Where an investigation stands: open → investigating → action (takedown, arrests, blocking) → closed.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CaseStatus>))]
public enum CaseStatus
{
    [JsonStringEnumMemberName("open")] Open,
    [JsonStringEnumMemberName("investigating")] Investigating,
    [JsonStringEnumMemberName("action")] Action,
    [JsonStringEnumMemberName("closed")] Closed,
}

/// <summary>What a case link names.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CaseLinkKind>))]
public enum CaseLinkKind
{
    [JsonStringEnumMemberName("platform")] Platform,
    /// <summary>An operation (platforms run by the same people), named by one of its platforms.</summary>
    [JsonStringEnumMemberName("operation")] Operation,
    [JsonStringEnumMemberName("release-group")] ReleaseGroup,
    [JsonStringEnumMemberName("work")] Work,
    /// <summary>An identifier seen on platforms: a wallet, an analytics or ad account, a Telegram channel, an info-hash, a contact.</summary>
    [JsonStringEnumMemberName("identifier")] Identifier,
}

/// <summary>
/// An investigation: what it is about, where it stands, who leads it and who takes part, what it links together, what
/// was noted, what is to be done, and the evidence it relies on. The lead organisation owns it; participating
/// organisations and named members are its shares.
/// </summary>
[RecordKind("case")]
public sealed class Case : IShareable
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Title { get; set; }
    public string? Summary { get; set; }
    public CaseStatus Status { get; set; }
    public DateTimeOffset StatusChangedAt { get; set; }
    public required string StatusChangedBy { get; set; }
    public Guid? StatusChangedById { get; set; }
    public Tlp Tlp { get; set; }
    /// <summary>The lead organisation.</summary>
    public Guid OwnerOrganisationId { get; set; }
    public required string CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>The moves the workflow allows: one step on or back, and closing at any stage; a closed case reopens as investigating.</summary>
    public static IReadOnlyList<CaseStatus> NextOf(CaseStatus status) => status switch
    {
        CaseStatus.Open => [CaseStatus.Investigating, CaseStatus.Closed],
        CaseStatus.Investigating => [CaseStatus.Action, CaseStatus.Open, CaseStatus.Closed],
        CaseStatus.Action => [CaseStatus.Closed, CaseStatus.Investigating],
        _ => [CaseStatus.Investigating],
    };
}

/// <summary>
/// An entity a case gathers. A link to a platform (or to an operation, named by one of its platforms) or to a work is
/// seen only by who may see both the case and what it names; release groups and identifiers are names the case gives.
/// </summary>
[DerivedFrom(typeof(Case), nameof(CaseId))]
[DerivedFrom(typeof(Platform), nameof(PlatformId))]
[DerivedFrom(typeof(Work), nameof(WorkId))]
public sealed class CaseLink
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid CaseId { get; set; }
    public CaseLinkKind Kind { get; set; }
    public Guid? PlatformId { get; set; }
    public Guid? WorkId { get; set; }
    /// <summary>A release group's name, or an identifier as <c>type:value</c> (<c>wallet-btc:bc1…</c>, <c>telegram:@channel</c>).</summary>
    public string? Value { get; set; }
    public string? Note { get; set; }
    public required string AddedBy { get; set; }
    public DateTimeOffset AddedAt { get; set; }
}

/// <summary>A person the case is about (an operator, an uploader, a payee), with the aliases and handles they use.</summary>
[DerivedFrom(typeof(Case), nameof(CaseId))]
public sealed class CasePerson
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid CaseId { get; set; }
    public required string Name { get; set; }
    /// <summary>Other names, one per line.</summary>
    public string Aliases { get; set; } = "";
    /// <summary>Handles, one per line, as <c>type:value</c> (<c>telegram:@evo_admin</c>, <c>email:…</c>): each one is a pivot.</summary>
    public string Handles { get; set; } = "";
    public string? Role { get; set; }
    public required string AddedBy { get; set; }
    public DateTimeOffset AddedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public IReadOnlyList<string> AliasList => Monitoring.PlatformMonitor.Lines(Aliases);
    public IReadOnlyList<string> HandleList => Monitoring.PlatformMonitor.Lines(Handles);
}

/// <summary>A note on a case, by any member who may read the case and write; <c>@name</c> mentions members who may read it too.</summary>
[DerivedFrom(typeof(Case), nameof(CaseId))]
public sealed class CaseNote
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid CaseId { get; set; }
    public required string Text { get; set; }
    public Guid? AuthorId { get; set; }
    public required string Author { get; set; }
    public Guid? AuthorOrganisationId { get; set; }
    /// <summary>The members the note mentions, ids separated by spaces.</summary>
    public string Mentions { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }

    public IReadOnlyList<Guid> MentionIds => [.. Mentions.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(Guid.Parse)];
}

/// <summary>Something to be done on a case: by whom, by when, and whether it was.</summary>
[DerivedFrom(typeof(Case), nameof(CaseId))]
public sealed class CaseTask
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid CaseId { get; set; }
    public required string Title { get; set; }
    public Guid? AssigneeId { get; set; }
    public string? Assignee { get; set; }
    public DateOnly? Due { get; set; }
    public DateTimeOffset? DoneAt { get; set; }
    public string? DoneBy { get; set; }
    public required string CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>
/// A WARC record a case relies on: a capture of one of the case's platforms (its response, in the run's evidence file).
/// Seen only by who may see the case and the platform it was captured on.
/// </summary>
[DerivedFrom(typeof(Case), nameof(CaseId))]
[DerivedFrom(typeof(Platform), nameof(PlatformId))]
public sealed class CaseEvidence
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid CaseId { get; set; }
    public Guid PlatformId { get; set; }
    /// <summary>The evidence file, relative to the evidence store, and the record's offset in it.</summary>
    public required string WarcFile { get; set; }
    public long WarcOffset { get; set; }
    /// <summary>The page captured and what it shows (a listing's text, a signal).</summary>
    public required string Url { get; set; }
    public string? Description { get; set; }
    /// <summary>The record's payload digest as the WARC gives it (<c>sha256:BASE32</c>), checked when the package is written.</summary>
    public string? Digest { get; set; }
    public DateTimeOffset CapturedAt { get; set; }
    public Guid? RunId { get; set; }
    public required string AddedBy { get; set; }
    public DateTimeOffset AddedAt { get; set; }
}
