using System.Text;
using Isop.Access;
using Isop.Data;
using Isop.Monitoring;
using Isop.Platforms;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Isop.ReleaseGroups;

/// <summary>
/// A release on one platform: when it was there first (the time a page states, when it is not after Isop saw the item,
/// else the first sighting), and the observation and evidence record that time rests on. Kept up to date by every
/// ingest batch (<see cref="PlatformReleases.UpsertAsync"/>), so that release first-seen, spread and group profiles read
/// one row per platform and release instead of every observation. Per platform, because visibility is per platform:
/// where a release appeared first depends on which platforms the caller may see.
/// </summary>
[DerivedFrom(typeof(Platform), nameof(PlatformId))]
public sealed class PlatformRelease
{
    public Guid Id { get; set; }
    public Guid PlatformId { get; set; }
    /// <summary><see cref="Releases.Key"/> of the release name: the spellings of one release share it.</summary>
    public required string Key { get; set; }
    /// <summary>The name as the platform first gave it.</summary>
    public required string Release { get; set; }
    public string? ReleaseGroup { get; set; }
    /// <summary>The group in upper case, as groups are compared.</summary>
    public string? GroupKey { get; set; }
    /// <summary>When the release was on the platform first.</summary>
    public DateTimeOffset At { get; set; }
    /// <summary>Whether <see cref="At"/> is the time the page states (else it is the first sighting).</summary>
    public bool Posted { get; set; }
    public DateTimeOffset FirstSeen { get; set; }
    public DateTimeOffset LastSeen { get; set; }
    /// <summary>The observation <see cref="At"/> comes from (its recognition says which work and episode it is).</summary>
    public required string ObservationKey { get; set; }
    public string? PageUrl { get; set; }
    public string? WarcFile { get; set; }
    public long? WarcOffset { get; set; }
}

internal sealed class PlatformReleaseModel : IEntityTypeConfiguration<PlatformRelease>
{
    public void Configure(EntityTypeBuilder<PlatformRelease> b)
    {
        b.HasOne<Platform>().WithMany().HasForeignKey(r => r.PlatformId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(r => new { r.PlatformId, r.Key }).IsUnique();
        b.HasIndex(r => r.Key);
        b.HasIndex(r => new { r.GroupKey, r.At });
        b.HasIndex(r => r.At);
        b.Property(r => r.Key).HasMaxLength(300);
        b.Property(r => r.Release).HasMaxLength(300);
        b.Property(r => r.ReleaseGroup).HasMaxLength(100);
        b.Property(r => r.GroupKey).HasMaxLength(100);
        b.Property(r => r.ObservationKey).HasMaxLength(64);
        b.Property(r => r.PageUrl).HasMaxLength(4096);
        b.Property(r => r.WarcFile).HasMaxLength(400);
    }
}

/// <summary>One release sighting to fold into <see cref="PlatformRelease"/>.</summary>
public sealed record ReleaseInput(string ObservationKey, string Release, string? Group, DateTimeOffset? PostedAt, string? PageUrl, string? WarcFile, long? WarcOffset, DateTimeOffset FirstSeen, DateTimeOffset LastSeen);

/// <summary>Keeps <see cref="PlatformRelease"/> in step with ingest: one idempotent upsert per batch, the earliest time winning.</summary>
public static class PlatformReleases
{
    private const string Columns =
        "\"Id\", \"PlatformId\", \"Key\", \"Release\", \"ReleaseGroup\", \"GroupKey\", \"At\", \"Posted\", \"FirstSeen\", \"LastSeen\", \"ObservationKey\", \"PageUrl\", \"WarcFile\", \"WarcOffset\"";

    // An earlier time replaces the row's time and the evidence it rests on; first and last sighting only widen.
    private const string Earlier = "excluded.\"At\" < \"PlatformReleases\".\"At\"";
    private static readonly string Update =
        "ON CONFLICT (\"PlatformId\", \"Key\") DO UPDATE SET " +
        string.Join(", ", new[] { "At", "Posted", "ObservationKey", "PageUrl", "WarcFile", "WarcOffset" }
            .Select(c => $"\"{c}\" = CASE WHEN {Earlier} THEN excluded.\"{c}\" ELSE \"PlatformReleases\".\"{c}\" END")) +
        ", \"FirstSeen\" = CASE WHEN excluded.\"FirstSeen\" < \"PlatformReleases\".\"FirstSeen\" THEN excluded.\"FirstSeen\" ELSE \"PlatformReleases\".\"FirstSeen\" END" +
        ", \"LastSeen\" = CASE WHEN excluded.\"LastSeen\" > \"PlatformReleases\".\"LastSeen\" THEN excluded.\"LastSeen\" ELSE \"PlatformReleases\".\"LastSeen\" END";

    /// <summary>
    /// The time a release sighting counts from: the page's statement, unless it claims a time after Isop saw the item
    /// (a clock off by hours), else when Isop saw it.
    /// </summary>
    public static (DateTimeOffset At, bool Posted) When(DateTimeOffset? posted, DateTimeOffset seen) =>
        posted is { } p && p <= seen ? (p, true) : (seen, false);

    /// <summary>Folds a batch's release sightings into the platform's rows. Call inside the batch's transaction.</summary>
    public static async Task UpsertAsync(IsopDb db, Guid platformId, IEnumerable<ReleaseInput> batch, CancellationToken ct)
    {
        // One row per release in a statement (a statement may not touch a row twice): the earliest of the batch.
        var rows = batch.Select(r => (Input: r, Key: Releases.Key(r.Release), When: When(r.PostedAt, r.FirstSeen)))
            .Where(r => r.Key.Length <= 300)
            .GroupBy(r => r.Key, StringComparer.Ordinal)
            .Select(g => (g.MinBy(r => r.When.At), First: g.Min(r => r.Input.FirstSeen), Last: g.Max(r => r.Input.LastSeen))).ToList();
        if (rows.Count == 0) return;
        var sql = new StringBuilder("INSERT INTO \"PlatformReleases\" (").Append(Columns).Append(") VALUES ");
        var parameters = new List<object?>();
        foreach (var ((r, key, when), first, last) in rows)
        {
            if (sql[^1] == ')') sql.Append(", ");
            sql.Append('(');
            var group = ObservationStore.Clip(r.Group, 100);
            ObservationStore.AppendValues(sql, parameters, Guid.CreateVersion7(), platformId, key, ObservationStore.Clip(r.Release, 300), group, group?.ToUpperInvariant(),
                ObservationStore.Time(db, when.At), when.Posted, ObservationStore.Time(db, first), ObservationStore.Time(db, last), r.ObservationKey,
                ObservationStore.Clip(r.PageUrl, 4096), ObservationStore.Clip(r.WarcFile, 400), r.WarcOffset);
            sql.Append(')');
        }
        sql.Append(' ').Append(Update);
        await db.Database.ExecuteSqlRawAsync(sql.ToString(), parameters.Cast<object>(), ct);
    }

    /// <summary>
    /// Builds the rows from the observations stored before releases were kept per platform (new batches keep them up
    /// to date). Runs at start-up after the migrations, in one transaction; nothing to do once any row exists.
    /// </summary>
    public static async Task BackfillAsync(IsopDb db, CancellationToken ct)
    {
        if (await db.PlatformReleases.IgnoreQueryFilters().AnyAsync(ct) || !await db.Observations.IgnoreQueryFilters().AnyAsync(o => o.Release != null, ct)) return;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var platforms = await db.Observations.IgnoreQueryFilters().Where(o => o.Release != null).Select(o => o.PlatformId).Distinct().ToListAsync(ct);
        foreach (var platform in platforms)
        {
            var sightings = db.Observations.IgnoreQueryFilters().AsNoTracking().Where(o => o.PlatformId == platform && o.Release != null)
                .Select(o => new { o.Key, o.Release, o.ReleaseGroup, o.PostedAt, o.FirstSeen, o.LastSeen, o.PageUrl, o.Href, o.WarcFile, o.WarcOffset })
                .AsAsyncEnumerable();
            // Each observation counts from its own first sighting, as it did when it was ingested.
            var batch = new List<ReleaseInput>(ObservationStore.BatchSize);
            await foreach (var o in sightings.WithCancellation(ct))
            {
                batch.Add(new ReleaseInput(o.Key, o.Release!, o.ReleaseGroup, o.PostedAt, o.PageUrl ?? o.Href, o.WarcFile, o.WarcOffset, o.FirstSeen, o.LastSeen));
                if (batch.Count < ObservationStore.BatchSize) continue;
                await UpsertAsync(db, platform, batch, ct);
                batch.Clear();
            }
            await UpsertAsync(db, platform, batch, ct);
        }
        await transaction.CommitAsync(ct);
    }
}
