using System.Data.Common;
using Isop.Access;
using Isop.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using SQLitePCL;
using System.Text;

namespace Isop.Sharing;

/// <summary>A STIX object ready to be stored: its JSON text and what the store filters and versions it by.</summary>
public sealed record StixItem(string Id, string Type, string SpecVersion, DateTimeOffset? Created, DateTimeOffset? Modified, bool Revoked, string Json, string ContentHash, Tlp Tlp)
{
    /// <summary>Its version: <c>modified</c>, else <c>created</c>, else (unversioned objects) its content.</summary>
    public string VersionKey => Modified is { } m ? StixJson.Microseconds(m) : Created is { } c ? StixJson.Microseconds(c) : "h:" + ContentHash[..32];

    /// <summary>Whether a TLP marking gave <see cref="Tlp"/> (else it is the level for unmarked objects).</summary>
    public bool Marked { get; init; } = true;

    /// <summary>Marking references neither standard nor defined in the same bundle: definitions received before may give their level.</summary>
    public IReadOnlyList<string>? UnresolvedMarkings { get; init; }
}

/// <summary>What became of one object of a batch.</summary>
public sealed record StixOutcome(string Id, string Version, bool Added, string? Refused = null);

public sealed record StixWriteResult(int Added, int Duplicates, IReadOnlyList<StixOutcome> Outcomes);

/// <summary>
/// Writes batches of STIX objects into a collection: new versions are added once (by id and version), the newest
/// version of each object is marked, and an older version never stays less restricted than a newer one. One
/// transaction, after the audit log's lock, so writers take turns and <c>date_added</c> only grows.
/// </summary>
public static class StixStore
{
    private const int Rows = 500;

    private const string Columns =
        "\"Id\", \"CollectionId\", \"StixId\", \"Type\", \"SpecVersion\", \"Created\", \"Modified\", \"VersionKey\", \"DateAdded\", \"Latest\", \"Revoked\", " +
        "\"ContentHash\", \"Json\", \"Origin\", \"ImportId\", \"Tlp\", \"OwnerOrganisationId\"";

    private sealed record Stored(Guid Id, string StixId, string VersionKey, DateTimeOffset? Modified, DateTimeOffset? Created, DateTimeOffset DateAdded, bool Latest, Tlp Tlp, StixOrigin Origin)
    {
        /// <summary>When this version was made: its modified time, else its created time, else when it was received.</summary>
        public DateTimeOffset At => Modified ?? Created ?? DateAdded;
    }

    /// <summary>Levels that space a batch's dates: the k-th new object of level c is added at the batch's start + (k × Levels + c) µs.</summary>
    private static readonly int Levels = Enum.GetValues<Tlp>().Length;

    /// <summary>
    /// Stores the items (the import row is added and saved with them, so the audit log records the batch once) and
    /// returns what was added. The caller must be allowed to write for <paramref name="import"/>'s owner. Versions at
    /// TLP:AMBER (new, or made AMBER by a newer version) are shared with <paramref name="shareAmberWith"/>, in the same
    /// transaction.
    /// </summary>
    public static Task<StixWriteResult> WriteAsync(IsopDb db, StixImport import, StixOrigin origin, IReadOnlyList<StixItem> items, IProgress<int>? progress, CancellationToken ct,
        IReadOnlyList<Guid>? shareAmberWith = null) =>
        WriteAsync(db, import, origin, One(items), items.Count, progress, ct, shareAmberWith);

    /// <summary>The items as a single batch.</summary>
    internal static async IAsyncEnumerable<IReadOnlyList<StixItem>> One(IReadOnlyList<StixItem> items)
    {
        await Task.CompletedTask;
        yield return items;
    }

    /// <summary>
    /// Stores batches of items in one transaction, each as if written on its own after the one before (a large import
    /// is read a batch at a time while the one before is written). The import row is saved last, when its counts are
    /// known: the batches' source may still change it until then, and a failure it raises rolls everything back.
    /// <paramref name="total"/> is about how many objects the batches hold; <paramref name="recordOutcomes"/> sees every
    /// object's outcome before the row is saved.
    /// </summary>
    public static async Task<StixWriteResult> WriteAsync(IsopDb db, StixImport import, StixOrigin origin, IAsyncEnumerable<IReadOnlyList<StixItem>> batches, int total, IProgress<int>? progress,
        CancellationToken ct, IReadOnlyList<Guid>? shareAmberWith = null, Action<IReadOnlyList<StixOutcome>>? recordOutcomes = null)
    {
        if (!db.Caller.CanWriteFor(import.OwnerOrganisationId))
            throw new AccessDeniedException("Only analysts and admins of the collection's organisation add objects to it.");
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (db.Provider != DatabaseProvider.PostgreSql)
        {
            // A batch touches many index pages: a cache of 64 MiB keeps them in memory, and the write-ahead log is copied
            // back into the database every 10,000 pages rather than every 1,000, so a page changed by several batches is
            // copied once (this connection's settings; the log stays bounded).
            await db.Database.ExecuteSqlRawAsync("PRAGMA cache_size = -65536; PRAGMA wal_autocheckpoint = 10000", ct);
        }
        // Writers one at a time (the audit head's lock, which SaveChanges takes anyway): date_added grows, duplicates are seen.
        await db.Database.ExecuteSqlRawAsync("""UPDATE "AuditHeads" SET "Sequence" = "Sequence" WHERE "Id" = 1""", ct);

        var outcomes = new List<StixOutcome>();
        // An object without modified or created times: its version is when it was added.
        var addedAt = new Dictionary<(string, string), DateTimeOffset>();
        // What the owner's part of the collection held as the write began: nothing, or read at once when it is small beside
        // the write (nobody else writes until this write ends); else each batch looks its ids up.
        var empty = !await db.Set<StixObjectRecord>().IgnoreQueryFilters().AnyAsync(o => o.CollectionId == import.CollectionId, ct);
        var mine = Mine(db, import);
        var held = new Held(empty, empty ? new(StringComparer.Ordinal) : await mine.OrderBy(o => o.DateAdded).Skip(total * 2).AnyAsync(ct) ? null : Group(await mine.Select(AsStored).ToListAsync(ct)));
        var added = 0;
        await foreach (var items in batches.WithCancellation(ct))
            added += await WriteBatchAsync(db, import, origin, items, outcomes, addedAt, held, new Progress(progress, added), ct, shareAmberWith);
        var shown = outcomes.Select(o => addedAt.TryGetValue((o.Id, o.Version), out var at) ? o with { Version = StixJson.Version(at) } : o).ToList();
        // What became of each object is recorded with the import row itself (a TAXII status), not by a statement after.
        recordOutcomes?.Invoke(shown);
        await SaveImportAsync(db, import, outcomes, ct);
        await transaction.CommitAsync(ct);
        // Committed: the audit head this batch wrote is this process's own (the watch for other processes' changes skips it).
        if (db.ChangeTracker.Entries<AuditHead>().FirstOrDefault() is { } head) StixSharing.Written(db.Database.GetConnectionString(), head.Entity.Sequence, records: false);
        return new StixWriteResult(added, shown.Count(o => !o.Added && o.Refused is null), shown);
    }

    /// <summary>Progress of the whole write: a batch's count after those before it.</summary>
    private sealed class Progress(IProgress<int>? inner, int offset) : IProgress<int>
    {
        public void Report(int value) => inner?.Report(offset + value);
    }

    /// <summary>
    /// What a write knows of the collection: whether it was empty as the write began, what the owner's part held then
    /// when it was read at once (else null: each batch looks its ids up), and the ids the write has added since (those are
    /// looked up again: the write may have changed their older versions).
    /// </summary>
    private sealed record Held(bool Empty, Dictionary<string, List<Stored>>? Before)
    {
        public HashSet<string> Written { get; } = new(StringComparer.Ordinal);

        /// <summary>Every version the write has met: the same version again, in a later batch, is one object (as in one batch).</summary>
        public HashSet<(string, string)> Seen { get; } = [];
    }

    private static IQueryable<StixObjectRecord> Mine(IsopDb db, StixImport import) =>
        db.Set<StixObjectRecord>().IgnoreQueryFilters().AsNoTracking().Where(o => o.CollectionId == import.CollectionId && o.OwnerOrganisationId == import.OwnerOrganisationId);

    private static readonly System.Linq.Expressions.Expression<Func<StixObjectRecord, Stored>> AsStored =
        o => new Stored(o.Id, o.StixId, o.VersionKey, o.Modified, o.Created, o.DateAdded, o.Latest, o.Tlp, o.Origin);

    private static Dictionary<string, List<Stored>> Group(IEnumerable<Stored> rows, Dictionary<string, List<Stored>>? into = null)
    {
        into ??= new(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            if (!into.TryGetValue(row.StixId, out var list)) into[row.StixId] = list = [];
            list.Add(row);
        }
        return into;
    }

    /// <summary>Writes one batch inside the transaction; adds its outcomes, and when its timeless versions were added; returns how many were added.</summary>
    private static async Task<int> WriteBatchAsync(IsopDb db, StixImport import, StixOrigin origin, IReadOnlyList<StixItem> items, List<StixOutcome> outcomes,
        Dictionary<(string, string), DateTimeOffset> addedAt, Held held, IProgress<int> progress, CancellationToken ct, IReadOnlyList<Guid>? shareAmberWith)
    {
        var owner = import.OwnerOrganisationId;
        var collection = import.CollectionId;
        // The same version twice in one write is one object.
        var distinct = new List<StixItem>(items.Count);
        foreach (var item in items) if (held.Seen.Add((item.Id, item.VersionKey))) distinct.Add(item);

        var stored = new Dictionary<string, List<Stored>>(StringComparer.Ordinal);
        var ids = distinct.Select(i => i.Id).Distinct(StringComparer.Ordinal).ToList();
        var mine = Mine(db, import);
        List<string> lookup;
        if (held.Before is { } before)
        {
            // What the collection held before is known; what this write added since is read again.
            lookup = [];
            foreach (var id in ids)
            {
                if (held.Written.Contains(id)) lookup.Add(id);
                else if (before.TryGetValue(id, out var versions)) stored[id] = versions;
            }
        }
        else
        {
            // On SQLite, which of the batch's ids the collection holds is one probe of the unique index per id with one
            // prepared statement (cheaper than a list parameter): only those it holds are read.
            lookup = db.Provider == DatabaseProvider.PostgreSql ? ids : await HeldAsync(db, collection, owner, ids, ct);
        }
        foreach (var chunk in lookup.Chunk(2 * Rows))
        {
            Group(await mine.Where(o => chunk.Contains(o.StixId)).Select(AsStored).ToListAsync(ct), stored);
        }

        // In a sharing group's collection, a member adds its own objects, not new versions of another member's that it can
        // read (those it cannot read it cannot know, and is not told of: its object is kept as its own).
        var others = new HashSet<string>(StringComparer.Ordinal);
        if (collection != owner && !held.Empty)
        {
            foreach (var chunk in distinct.Where(i => i.Modified is not null || i.Created is not null).Select(i => i.Id).Distinct(StringComparer.Ordinal).Chunk(2 * Rows))
                others.UnionWith(await db.Set<StixObjectRecord>().AsNoTracking()
                    .Where(o => o.CollectionId == collection && o.OwnerOrganisationId != owner && chunk.Contains(o.StixId)).Select(o => o.StixId).Distinct().ToListAsync(ct));
        }

        var fresh = new List<(StixItem Item, bool Latest)>();
        var notLatest = new List<Guid>();
        var tighten = new Dictionary<Tlp, List<Guid>>();
        // The common case, objects new to the collection, each once: every one is its object's newest version.
        var simple = stored.Count == 0 && ids.Count == distinct.Count && others.Count == 0;
        foreach (var item in simple ? distinct : [])
        {
            outcomes.Add(Outcome(item, true));
            fresh.Add((item, true));
        }
        foreach (var group in simple ? [] : distinct.GroupBy(i => i.Id, StringComparer.Ordinal))
        {
            stored.TryGetValue(group.Key, out var versions);
            versions ??= [];
            // A partner's new version never replaces one of the organisation's own records (same id, forged or not);
            // the same version (a standard marking definition, say) is a duplicate like any other.
            var own = origin == StixOrigin.Imported && versions.Any(v => v.Origin == StixOrigin.Published);
            var newOnes = new List<StixItem>();
            foreach (var item in group)
            {
                if (others.Contains(item.Id))
                {
                    outcomes.Add(Outcome(item, false, "the id of another member's object in this sharing group: add your own objects, with their own ids"));
                    continue;
                }
                var duplicate = versions.Any(v => v.VersionKey == item.VersionKey);
                if (!duplicate && own)
                {
                    outcomes.Add(Outcome(item, false, "the id of one of your organisation's own records: an import does not replace it"));
                    continue;
                }
                outcomes.Add(Outcome(item, !duplicate));
                if (!duplicate) newOnes.Add(item);
            }
            if (newOnes.Count == 0) continue;
            // The newest version: the latest modified time; among versions without one, the last received.
            var current = versions.FirstOrDefault(v => v.Latest);
            var candidates = newOnes.Select((item, i) => (item, i)).ToList();
            var newest = candidates.OrderBy(c => c.item.Modified ?? c.item.Created ?? DateTimeOffset.MinValue).ThenBy(c => c.i).Last();
            var newestWins = current is null || (newest.item.Modified ?? newest.item.Created ?? DateTimeOffset.MaxValue) >= (current.Modified ?? current.Created ?? DateTimeOffset.MinValue);

            // No version stays readable by someone a later version's marking excludes: each takes the strictest TLP of
            // itself and of every later version, stored or new (so no version's presence shows that another is hidden).
            var timeline = versions.Select(v => (v.At, v.Tlp, Stored: (Stored?)v, New: -1))
                .Concat(candidates.Select(c => (At: c.item.Modified ?? c.item.Created ?? DateTimeOffset.MaxValue, c.item.Tlp, Stored: (Stored?)null, New: c.i)))
                .OrderBy(t => t.At).ThenBy(t => t.New).ToList();
            var effective = new Tlp[candidates.Count];
            var strictest = Tlp.Clear;
            for (var k = timeline.Count - 1; k >= 0; k--)
            {
                if (timeline[k].Tlp > strictest) strictest = timeline[k].Tlp;
                if (timeline[k].Stored is { } v && v.Tlp < strictest)
                {
                    if (!tighten.TryGetValue(strictest, out var list)) tighten[strictest] = list = [];
                    list.Add(v.Id);
                }
                if (timeline[k].New >= 0) effective[timeline[k].New] = strictest;
            }
            foreach (var (item, i) in candidates) fresh.Add((item with { Tlp = effective[i] }, newestWins && i == newest.i));
            if (newestWins && current is not null) notLatest.Add(current.Id);
        }

        foreach (var chunk in notLatest.Chunk(Rows))
            await db.Set<StixObjectRecord>().IgnoreQueryFilters().Where(o => chunk.Contains(o.Id)).ExecuteUpdateAsync(s => s.SetProperty(o => o.Latest, false), ct);
        foreach (var (tlp, list) in tighten)
            foreach (var chunk in list.Chunk(Rows))
                await db.Set<StixObjectRecord>().IgnoreQueryFilters().Where(o => chunk.Contains(o.Id)).ExecuteUpdateAsync(s => s.SetProperty(o => o.Tlp, tlp), ct);

        // The objects in bulk: COPY on PostgreSQL, one prepared statement on SQLite.
        var rows = await DatesAsync(db, collection, fresh, ct);
        if (db.Provider == DatabaseProvider.PostgreSql) await CopyAsync(db, collection, owner, origin, import.Id, rows, progress, ct);
        else await InsertAsync(db, collection, owner, origin, import.Id, rows, progress, ct);
        if (shareAmberWith is { Count: > 0 })
        {
            var amber = rows.Where(r => r.Item.Tlp == Tlp.Amber).Select(r => r.Id).Concat(tighten.GetValueOrDefault(Tlp.Amber) ?? []).ToList();
            await ShareAsync(db, amber, owner, shareAmberWith, ct);
        }
        foreach (var r in rows.Where(r => r.Item.Modified is null && r.Item.Created is null)) addedAt[(r.Item.Id, r.Item.VersionKey)] = r.Added;
        foreach (var r in rows) held.Written.Add(r.Item.Id);
        foreach (var (id, versions) in stored) foreach (var v in versions.Where(v => v.Modified is null && v.Created is null)) addedAt.TryAdd((id, v.VersionKey), v.DateAdded);
        return rows.Count;
    }

    /// <summary>An outcome with the version as the manifest states it; an object without times keeps its content key until it is known when it was added.</summary>
    private static StixOutcome Outcome(StixItem item, bool added, string? refused = null) =>
        new(item.Id, (item.Modified ?? item.Created) is { } at ? StixJson.Version(at) : item.VersionKey, added, refused);

    /// <summary>A key as EF Core stores it on SQLite: upper-case GUID text.</summary>
    private static string SqliteKey(Guid g) => g.ToString("D").ToUpperInvariant();

    private sealed record Row(Guid Id, StixItem Item, DateTimeOffset Added, bool Latest);

    /// <summary>The ids of the list that the owner's part of the collection holds (SQLite: one prepared probe of the unique index per id).</summary>
    private static async Task<List<string>> HeldAsync(IsopDb db, Guid collection, Guid owner, List<string> ids, CancellationToken ct)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction!.GetDbTransaction();
        command.CommandText = "SELECT 1 FROM \"StixObjects\" WHERE \"OwnerOrganisationId\" = $owner AND \"CollectionId\" = $collection AND \"StixId\" = $id LIMIT 1";
        DbParameter Parameter(string name, object? value)
        {
            var p = command.CreateParameter();
            p.ParameterName = name;
            p.Value = value;
            command.Parameters.Add(p);
            return p;
        }
        Parameter("$owner", SqliteKey(owner));
        Parameter("$collection", SqliteKey(collection));
        var id = Parameter("$id", null);
        await command.PrepareAsync(ct);
        var held = new List<string>();
        // SQLite works synchronously: the asynchronous call would only add a task per id.
#pragma warning disable CA1849
        foreach (var i in ids)
        {
            id.Value = i;
            if (command.ExecuteScalar() is not null) held.Add(i);
        }
#pragma warning restore CA1849
        return held;
    }

    /// <summary>Shares the objects with the organisations (one share each), as one statement per 500 rows of shares.</summary>
    private static async Task ShareAsync(IsopDb db, List<Guid> objects, Guid owner, IReadOnlyList<Guid> organisations, CancellationToken ct)
    {
        var kind = RecordKinds.Of<StixObjectRecord>();
        var shares = objects.SelectMany(o => organisations.Select(g => new RecordShare { RecordKind = kind, RecordId = o, OwnerOrganisationId = owner, OrganisationId = g })).ToList();
        foreach (var chunk in shares.Chunk(Rows))
        {
            // Raw rows like the objects themselves: the import's audit entry records the batch, not each share.
            var values = new List<object?>();
            var tuples = new List<string>();
            foreach (var share in chunk)
            {
                var k = values.Count;
                tuples.Add($"({{{k}}}, {{{k + 1}}}, {{{k + 2}}}, {{{k + 3}}}, {{{k + 4}}}, NULL)");
                values.AddRange([Key(share.Id), share.RecordKind, Key(share.RecordId), Key(share.OwnerOrganisationId), Key(share.OrganisationId!.Value)]);
            }
            // Only placeholders are interpolated; the values are parameters.
#pragma warning disable EF1002
            await db.Database.ExecuteSqlRawAsync(
                $"INSERT INTO \"Shares\" (\"Id\", \"RecordKind\", \"RecordId\", \"OwnerOrganisationId\", \"OrganisationId\", \"MemberId\") VALUES {string.Join(", ", tuples)}", values!, ct);
#pragma warning restore EF1002
        }

        // As EF Core stores keys: uuid on PostgreSQL, upper-case text on SQLite.
        object Key(Guid g) => db.Provider == DatabaseProvider.PostgreSql ? g : SqliteKey(g);
    }

    private static async Task CopyAsync(IsopDb db, Guid collection, Guid owner, StixOrigin origin, Guid import, List<Row> rows, IProgress<int>? progress, CancellationToken ct)
    {
        var connection = (Npgsql.NpgsqlConnection)db.Database.GetDbConnection();
        await using var writer = await connection.BeginBinaryImportAsync($"COPY \"StixObjects\" ({Columns}) FROM STDIN (FORMAT BINARY)", ct);
        var done = 0;
        // Row by row synchronously: the asynchronous calls would only add a task per field (the stream buffers anyway).
#pragma warning disable CA1849
        foreach (var (id, item, at, latest) in rows)
        {
            writer.StartRow();
            writer.Write(id, NpgsqlTypes.NpgsqlDbType.Uuid);
            writer.Write(collection, NpgsqlTypes.NpgsqlDbType.Uuid);
            writer.Write(item.Id, NpgsqlTypes.NpgsqlDbType.Varchar);
            writer.Write(item.Type, NpgsqlTypes.NpgsqlDbType.Varchar);
            writer.Write(item.SpecVersion, NpgsqlTypes.NpgsqlDbType.Varchar);
            if (item.Created is { } c) writer.Write(c.ToUniversalTime(), NpgsqlTypes.NpgsqlDbType.TimestampTz);
            else writer.WriteNull();
            if (item.Modified is { } m) writer.Write(m.ToUniversalTime(), NpgsqlTypes.NpgsqlDbType.TimestampTz);
            else writer.WriteNull();
            writer.Write(item.VersionKey, NpgsqlTypes.NpgsqlDbType.Varchar);
            writer.Write(at.ToUniversalTime(), NpgsqlTypes.NpgsqlDbType.TimestampTz);
            writer.Write(latest, NpgsqlTypes.NpgsqlDbType.Boolean);
            writer.Write(item.Revoked, NpgsqlTypes.NpgsqlDbType.Boolean);
            writer.Write(item.ContentHash, NpgsqlTypes.NpgsqlDbType.Varchar);
            writer.Write(item.Json, NpgsqlTypes.NpgsqlDbType.Text);
            writer.Write(origin.ToString(), NpgsqlTypes.NpgsqlDbType.Varchar);
            writer.Write(import, NpgsqlTypes.NpgsqlDbType.Uuid);
            writer.Write(item.Tlp.ToString(), NpgsqlTypes.NpgsqlDbType.Varchar);
            writer.Write(owner, NpgsqlTypes.NpgsqlDbType.Uuid);
            if (++done % Rows == 0)
            {
                progress?.Report(done);
                ct.ThrowIfCancellationRequested();
            }
        }
#pragma warning restore CA1849
        await writer.CompleteAsync(ct);
        progress?.Report(done);
    }

    private static Task InsertAsync(IsopDb db, Guid collection, Guid owner, StixOrigin origin, Guid import, List<Row> rows, IProgress<int>? progress, CancellationToken ct)
    {
        // SQLite's own interface, one prepared statement: Microsoft.Data.Sqlite's execution costs as much again per row
        // as SQLite's insert itself (a reader, a binding by name and a UTF-8 copy per value).
        var handle = ((Microsoft.Data.Sqlite.SqliteConnection)db.Database.GetDbConnection()).Handle!;
        var sql = $"INSERT INTO \"StixObjects\" ({Columns}) VALUES ({string.Join(", ", Enumerable.Range(1, Columns.Split(',').Length).Select(i => "?" + i))})";
        Check(handle, raw.sqlite3_prepare_v2(handle, sql, out var statement));
        using (statement)
        {
            var buffer = new byte[4096];
            void Text(int index, string value)
            {
                var length = Encoding.UTF8.GetMaxByteCount(value.Length);
                if (length > buffer.Length) buffer = new byte[Math.Max(length, buffer.Length * 2)];
                var n = Encoding.UTF8.GetBytes(value, buffer);
                Check(handle, raw.sqlite3_bind_text(statement, index, buffer.AsSpan(0, n)));
            }
            void Number(int index, long? value) => Check(handle, value is { } v ? raw.sqlite3_bind_int64(statement, index, v) : raw.sqlite3_bind_null(statement, index));
            // As EF Core's SQLite mappings store them: upper-case GUID text, UTC ticks, 0 and 1 (the columns' order).
            var collectionKey = SqliteKey(collection);
            var importKey = SqliteKey(import);
            var ownerKey = SqliteKey(owner);
            var originName = origin.ToString();
            var done = 0;
            foreach (var (id, item, at, latest) in rows)
            {
                Text(1, SqliteKey(id));
                Text(2, collectionKey);
                Text(3, item.Id);
                Text(4, item.Type);
                Text(5, item.SpecVersion);
                Number(6, item.Created?.UtcTicks);
                Number(7, item.Modified?.UtcTicks);
                Text(8, item.VersionKey);
                Number(9, at.UtcTicks);
                Number(10, latest ? 1 : 0);
                Number(11, item.Revoked ? 1 : 0);
                Text(12, item.ContentHash);
                Text(13, item.Json);
                Text(14, originName);
                Text(15, importKey);
                Text(16, item.Tlp.ToString());
                Text(17, ownerKey);
                var rc = raw.sqlite3_step(statement);
                if (rc != raw.SQLITE_DONE) Check(handle, rc);
                raw.sqlite3_reset(statement);
                if (++done % Rows == 0)
                {
                    progress?.Report(done);
                    ct.ThrowIfCancellationRequested();
                }
            }
            progress?.Report(done);
        }
        return Task.CompletedTask;
    }

    /// <summary>An SQLite error as Microsoft.Data.Sqlite raises it (so that callers see one kind of failure).</summary>
    private static void Check(sqlite3 handle, int rc)
    {
        if (rc != raw.SQLITE_OK) throw new Microsoft.Data.Sqlite.SqliteException(raw.sqlite3_errmsg(handle).utf8_to_string(), rc, raw.sqlite3_extended_errcode(handle));
    }

    /// <summary>
    /// The date_added of each new object, after everything in the collection: the batch starts at the clock's time (or
    /// just after the last, if that is later), and the k-th new object of TLP level c is added at the start + (k × 5 +
    /// c) µs. A reader's view of a batch is then spaced by what it may read alone: no gap counts the objects between
    /// that it may not. Writing a batch takes longer than its spread, so the next starts at the clock's time again.
    /// </summary>
    private static async Task<List<Row>> DatesAsync(IsopDb db, Guid collection, List<(StixItem Item, bool Latest)> fresh, CancellationToken ct)
    {
        var last = await db.Set<StixObjectRecord>().IgnoreQueryFilters().Where(o => o.CollectionId == collection)
            .OrderByDescending(o => o.DateAdded).Select(o => (DateTimeOffset?)o.DateAdded).FirstOrDefaultAsync(ct);
        var now = db.Time.GetUtcNow();
        var start = Microsecond(last is { } l && l >= now ? l.AddTicks(10) : now);
        var counts = new int[Levels];
        var rows = new List<Row>(fresh.Count);
        foreach (var (item, latest) in fresh)
        {
            var level = (int)item.Tlp;
            rows.Add(new Row(Guid.CreateVersion7(), item, start.AddTicks(10L * ((long)counts[level]++ * Levels + level)), latest));
        }
        // Inserted in date order: the pages' indexes grow at their end.
        rows.Sort((a, b) => a.Added.CompareTo(b.Added));
        return rows;
    }

    private static async Task SaveImportAsync(IsopDb db, StixImport import, List<StixOutcome> outcomes, CancellationToken ct)
    {
        import.Added = outcomes.Count(o => o.Added);
        import.Failed += outcomes.Count(o => o.Refused is not null);
        import.Duplicates = outcomes.Count(o => !o.Added && o.Refused is null);
        db.Add(import);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>An instant to the microsecond (what PostgreSQL keeps), so that date_added reads back as written.</summary>
    private static DateTimeOffset Microsecond(DateTimeOffset at)
    {
        var utc = at.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - utc.Ticks % 10, TimeSpan.Zero);
    }
}
