using Isop.Data;
using Isop.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Isop.Workspace;

/// <summary>
/// One thing that just happened: a listing recognised as a work, a domain succession, a notice drafted or sent.
/// <see cref="Kind"/> is stable for programs (detection, succession, notice-drafted, notice-sent); <see cref="Label"/>
/// says it in the reader's language; <see cref="Href"/> is the page that shows it.
/// </summary>
public sealed record LiveItem(string Kind, string Label, DateTimeOffset At, string Title, string? Detail, string Href);

/// <summary>What happened after <see cref="Cursor"/>'s predecessor; ask again with <c>since=Cursor</c> for what comes next.</summary>
public sealed record LiveBatch(DateTimeOffset Cursor, IReadOnlyList<LiveItem> Items);

/// <summary>
/// The workspace's live feed: what happened since a moment, newest first, as far as the caller may see (every query
/// goes through the database's TLP filters: a detection of a work or on a platform the caller may not see is never
/// told, nor counted). Pages poll it; no connection is held open.
/// </summary>
public sealed class LiveFeed(IsopDb db, IStringLocalizer<SharedResource> l)
{
    public const int MaxItems = 50;

    /// <summary>The kinds of item, as programs name them.</summary>
    public static readonly IReadOnlyList<string> Kinds = ["detection", "succession", "notice-drafted", "notice-sent"];

    /// <summary>
    /// What happened after <paramref name="since"/>, newest first; <paramref name="kinds"/> (null: all) keeps only those
    /// kinds, <paramref name="platform"/> (null: all) only what happened on that platform.
    /// </summary>
    public async Task<LiveBatch> SinceAsync(DateTimeOffset? since, int? limit, CancellationToken ct, IReadOnlySet<string>? kinds = null, Guid? platform = null)
    {
        var take = Math.Clamp(limit ?? 20, 1, MaxItems);
        var from = since ?? DateTimeOffset.MinValue;
        bool Wanted(string kind) => kinds is null || kinds.Contains(kind);
        var detections = !Wanted("detection") ? [] : await db.Observations.AsNoTracking()
            .Where(o => o.FirstSeen > from && (platform == null || o.PlatformId == platform) && o.Recognition != null && o.Recognition.WorkId != null)
            .OrderByDescending(o => o.FirstSeen).Take(take)
            .Select(o => new { o.PlatformId, o.Text, o.FirstSeen, WorkId = o.Recognition!.WorkId!.Value, o.Recognition.Season, o.Recognition.Episode })
            .ToListAsync(ct);
        var successions = !Wanted("succession") ? [] : await db.DomainSuccessions.AsNoTracking().Where(s => s.At > from && (platform == null || s.PlatformId == platform)).OrderByDescending(s => s.At).Take(take)
            .Select(s => new { s.PlatformId, s.FromDomain, s.ToDomain, s.At }).ToListAsync(ct);
        var drafted = !Wanted("notice-drafted") ? [] : await db.Notices.AsNoTracking().Where(n => n.DraftedAt > from && (platform == null || n.PlatformId == platform)).OrderByDescending(n => n.DraftedAt).Take(take)
            .Select(n => new { n.Id, n.PlatformId, n.Recipient, At = n.DraftedAt }).ToListAsync(ct);
        var sent = !Wanted("notice-sent") ? [] : await db.Notices.AsNoTracking().Where(n => n.SentAt != null && n.SentAt > from && (platform == null || n.PlatformId == platform)).OrderByDescending(n => n.SentAt).Take(take)
            .Select(n => new { n.Id, n.PlatformId, n.Recipient, At = n.SentAt!.Value }).ToListAsync(ct);

        var platformIds = detections.Select(d => d.PlatformId).Concat(successions.Select(s => s.PlatformId)).Concat(drafted.Select(n => n.PlatformId)).Concat(sent.Select(n => n.PlatformId)).Distinct().ToList();
        var platforms = await db.Platforms.AsNoTracking().Where(p => platformIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        var workIds = detections.Select(d => d.WorkId).Distinct().ToList();
        var works = (await db.Works.AsNoTracking().Where(w => workIds.Contains(w.Id)).ToListAsync(ct))
            .ToDictionary(w => w.Id, w => w.OrderedTitles().FirstOrDefault()?.Text ?? w.ExternalId);
        string Platform(Guid id) => platforms.GetValueOrDefault(id, "?");

        var items = new List<LiveItem>();
        foreach (var d in detections.Where(d => works.ContainsKey(d.WorkId)))
        {
            var episode = EpisodeLabel.Of(l, d.Season, d.Episode);
            items.Add(new LiveItem("detection", l["Detection"], d.FirstSeen, l["{0} on {1}", works[d.WorkId], Platform(d.PlatformId)],
                string.IsNullOrEmpty(episode) ? d.Text : $"{episode} · {d.Text}", $"/Platforms/{d.PlatformId}?matched=true"));
        }
        items.AddRange(successions.Select(s => new LiveItem("succession", l["Domain succession"], s.At, $"{s.FromDomain} → {s.ToDomain}", Platform(s.PlatformId), $"/Platforms/{s.PlatformId}")));
        items.AddRange(drafted.Select(n => new LiveItem("notice-drafted", l["Notice drafted"], n.At, Platform(n.PlatformId), n.Recipient, $"/Enforcement/Notices/{n.Id}")));
        items.AddRange(sent.Select(n => new LiveItem("notice-sent", l["Notice sent"], n.At, Platform(n.PlatformId), n.Recipient, $"/Enforcement/Notices/{n.Id}")));
        var newest = items.OrderByDescending(i => i.At).ThenBy(i => i.Kind, StringComparer.Ordinal).Take(take).ToList();
        // The cursor is the newest moment told: what is older and was left out of a full batch is not told later.
        var cursor = newest.Count > 0 ? newest.Max(i => i.At) : since ?? DateTimeOffset.UnixEpoch;
        return new LiveBatch(cursor, newest);
    }
}
