using Isop.Access;
using Isop.Catalogue;
using Isop.Platforms;

namespace Isop.Monitoring;

/// <summary>
/// How a platform is watched: whether, how often, from which start pages, with which manners and limits, with
/// which extraction profile, and where its host names resolve. Part of the platform record (same TLP, same audit).
/// </summary>
public sealed class PlatformMonitor : IRecordPart
{
    public bool Enabled { get; set; }
    public int IntervalMinutes { get; set; } = 360;
    /// <summary>Start URLs, one per line; empty means the home page of each domain.</summary>
    public string Seeds { get; set; } = "";
    public int MaxPages { get; set; } = 200;
    public int MaxDepth { get; set; } = 2;
    public int DelayMs { get; set; } = 250;
    public int PerHost { get; set; } = 2;
    public bool RespectRobots { get; set; } = true;
    /// <summary>An extraction profile (JSON with CSS selectors), or null for generic structure.</summary>
    public string? Profile { get; set; }
    /// <summary>Resolve entries (host:port:address), one per line.</summary>
    public string Resolve { get; set; } = "";
    public DateTimeOffset? NextRunAt { get; set; }
    public DateTimeOffset? LastRunAt { get; set; }
    public Platform? Platform { get; set; }
    IShareable? IRecordPart.Record => Platform;

    /// <summary>Asks for a run as soon as the monitor can take it.</summary>
    public void RunNow(DateTimeOffset now)
    {
        Enabled = true;
        NextRunAt = now;
    }

    /// <summary>After a change of settings: a newly enabled monitor runs at once.</summary>
    public void ScheduleIfEnabled(DateTimeOffset now)
    {
        if (Enabled && NextRunAt is null) NextRunAt = now;
    }

    /// <summary>After a run that started at <paramref name="started"/>: one interval on, unless a run was asked for meanwhile.</summary>
    public void Ran(DateTimeOffset started, DateTimeOffset now)
    {
        LastRunAt = now;
        if (NextRunAt is null || NextRunAt <= started) NextRunAt = now.AddMinutes(Math.Max(1, IntervalMinutes));
    }

    public IReadOnlyList<string> SeedList => Lines(Seeds);
    public IReadOnlyList<string> ResolveList => Lines(Resolve);

    internal static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<CrawlRunStatus>))]
public enum CrawlRunStatus
{
    Running,
    Completed,
    Failed,
    Interrupted,
}

/// <summary>One monitoring crawl of a platform: when, how far, what it found, where its evidence is.</summary>
[DerivedFrom(typeof(Platform), nameof(PlatformId))]
public sealed class CrawlRun
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid PlatformId { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    public CrawlRunStatus Status { get; set; }
    public int Pages { get; set; }
    public int Listings { get; set; }
    public int Matched { get; set; }
    public int Signals { get; set; }
    /// <summary>New observations (listings first seen in this run).</summary>
    public int New { get; set; }
    /// <summary>The run's evidence folder, relative to the evidence store.</summary>
    public required string EvidenceFolder { get; set; }
    public string? Problem { get; set; }
    /// <summary>A SHA-256 chained over every ingested batch: the audit entries of the run carry it.</summary>
    public string IngestDigest { get; set; } = "";
}

/// <summary>
/// A listing seen on a platform, recognised (or not) as a protected work: kept once per platform and listing,
/// with when it was first and last seen and the evidence record of the last sighting.
/// </summary>
[DerivedFrom(typeof(Platform), nameof(PlatformId))]
public sealed class Observation
{
    public Guid Id { get; set; }
    public Guid PlatformId { get; set; }
    /// <summary>SHA-256 of the listing's identity on the platform: its info-hash, else its item page, else its link.</summary>
    public required string Key { get; set; }
    public required string Text { get; set; }
    public string? Href { get; set; }
    public required string Kind { get; set; }
    public string? InfoHash { get; set; }
    public string? PageUrl { get; set; }
    /// <summary>What the listing was recognised as: null to a caller who may not see a work it speaks of.</summary>
    public Recognition? Recognition { get; set; }
    public string? Counters { get; set; }
    /// <summary>The audience the counters show (<see cref="Audience"/>): views, and downloads; null when the listing shows no counter.</summary>
    public long? Views { get; set; }
    public long? Downloads { get; set; }
    /// <summary>The scene or fansub release name the listing gives (its text, or its .torrent's name), when it is one.</summary>
    public string? Release { get; set; }
    /// <summary>The release group the name ends or starts with (EVO, NTb…).</summary>
    public string? ReleaseGroup { get; set; }
    /// <summary>When the page says the item was posted (its first stated time), in UTC.</summary>
    public DateTimeOffset? PostedAt { get; set; }
    public DateTimeOffset FirstSeen { get; set; }
    public DateTimeOffset LastSeen { get; set; }
    public Guid FirstRunId { get; set; }
    public Guid LastRunId { get; set; }
    public string? EvidenceDigest { get; set; }
    public string? WarcFile { get; set; }
    public long? WarcOffset { get; set; }
}

/// <summary>
/// What a listing was recognised as, kept apart from the listing because it is derived from catalogue works too: it is
/// visible only to a caller who may see the platform and every work it speaks of (the matched one, or the candidates
/// an abstention names), so that no reason, confidence, count or filter reveals a work the caller may not see.
/// </summary>
[DerivedFrom(typeof(Platform), nameof(PlatformId), OwnerOnlyWhen = nameof(OwnerOnly))]
[DerivedFrom(typeof(Work), nameof(WorkId))]
[DerivedFrom(typeof(Work), nameof(AboutWorkId))]
[DerivedFrom(typeof(Work), nameof(OtherWorkId))]
public sealed class Recognition
{
    public Guid PlatformId { get; set; }
    /// <summary>The observation's key on the platform.</summary>
    public required string Key { get; set; }
    public Observation? Observation { get; set; }
    /// <summary>The work the listing was attributed to; null when the matcher abstained or rejected.</summary>
    public Guid? WorkId { get; set; }
    /// <summary>The work the reasons speak of (the matched one, or the leading candidate of an abstention).</summary>
    public Guid? AboutWorkId { get; set; }
    /// <summary>A second candidate an abstention names ("A and B fit almost equally").</summary>
    public Guid? OtherWorkId { get; set; }
    /// <summary>Shaped by more works than the two kept above: visible to the platform owner's members only.</summary>
    public bool OwnerOnly { get; set; }
    public int? Season { get; set; }
    public int? Episode { get; set; }
    public double Confidence { get; set; }
    public string? Reasons { get; set; }
    /// <summary>When the sighting this recognition comes from was made (a later sighting replaces it).</summary>
    public DateTimeOffset SeenAt { get; set; }
}

/// <summary>An operator identifier seen on a platform (analytics ID, wallet, messenger link…), first and last seen.</summary>
[DerivedFrom(typeof(Platform), nameof(PlatformId))]
public sealed class SignalSighting
{
    public Guid Id { get; set; }
    public Guid PlatformId { get; set; }
    public required string Type { get; set; }
    public required string Value { get; set; }
    /// <summary>The identifier as operations compare it (<see cref="Operations.SignalIdentity.Key"/>), "" when it never links; null until indexed.</summary>
    public string? Identity { get; set; }
    public string? Context { get; set; }
    public string? PageUrl { get; set; }
    public DateTimeOffset FirstSeen { get; set; }
    public DateTimeOffset LastSeen { get; set; }
    public Guid FirstRunId { get; set; }
    public Guid LastRunId { get; set; }
    /// <summary>The evidence record of the last sighting: the page's response in the run's WARC files.</summary>
    public string? WarcFile { get; set; }
    public long? WarcOffset { get; set; }
}

/// <summary>
/// A link from a platform's pages to another site, with the text it was shown under: an address list's entries, a
/// "partner sites" block, a notice. Kept once per platform and host, first and last seen, with the evidence record.
/// </summary>
[DerivedFrom(typeof(Platform), nameof(PlatformId))]
public sealed class LinkSighting
{
    public Guid Id { get; set; }
    public Guid PlatformId { get; set; }
    /// <summary>Lower-case host name the link leads to.</summary>
    public required string Host { get; set; }
    public string? Label { get; set; }
    public required string Url { get; set; }
    public string? PageUrl { get; set; }
    public DateTimeOffset FirstSeen { get; set; }
    public DateTimeOffset LastSeen { get; set; }
    public Guid LastRunId { get; set; }
    public string? WarcFile { get; set; }
    public long? WarcOffset { get; set; }
}
