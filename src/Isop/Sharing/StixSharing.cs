using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Isop.Access;
using Isop.Data;
using Isop.Operations;
using Isop.ReleaseGroups;
using Microsoft.EntityFrameworkCore;

namespace Isop.Sharing;

/// <summary>What an import did: counts, kept unknown types, and the objects refused with why.</summary>
public sealed record StixImportResult(
    Guid Import, int Objects, int Added, int Duplicates, int Failed, IReadOnlyDictionary<string, int> ByType, IReadOnlyDictionary<string, int> UnknownTypes,
    IReadOnlyList<StixProblem> Problems, IReadOnlyList<StixOutcome> Outcomes)
{
    /// <summary>When the import was received (the status resource's request_timestamp).</summary>
    public DateTimeOffset ReceivedAt { get; init; }

    /// <summary>One failure per object refused (an object with several problems is one failure), in the order of the objects.</summary>
    public IReadOnlyList<(string Id, string Message)> Failures => StixSharing.FailuresOf(Problems);
}

/// <summary>A sharing group's collection as an import's target: what is posted at TLP:AMBER is shared with its member organisations.</summary>
public sealed record StixGroupTarget(Guid Id, IReadOnlyList<Guid> Organisations);

/// <summary>A bundle refused as a whole: every problem found, each naming the object and the property.</summary>
public sealed class StixImportException(IReadOnlyList<StixProblem> problems)
    : Exception($"{StixSharing.FailuresOf(problems).Count} object(s) are not valid STIX 2.1; nothing was imported. First: {problems[0]}")
{
    public IReadOnlyList<StixProblem> Problems { get; } = problems;
}

/// <summary>
/// Sharing as one service: an organisation's records are published into its collection (as STIX, versioned only when
/// they change), exports and TAXII read that collection, and imports write partners' objects into it with their
/// provenance. Publication happens when something changed since the last (in this process, or, as the audit log's
/// head tells, in another).
/// </summary>
public sealed class StixSharing(IsopDbFactory contexts, OperationSettings operationSettings)
{
    /// <summary>Changes of records per database (by connection string): a server's publication follows its own database only.</summary>
    private static readonly ConcurrentDictionary<string, StrongBox<long>> Changes = new(StringComparer.Ordinal);
    private readonly StrongBox<long> _changes = Changes.GetOrAdd(contexts.Settings.ConnectionString, _ => new StrongBox<long>());
    private readonly ConcurrentDictionary<Guid, long> _published = new();
    private readonly ConcurrentDictionary<Guid, SemaphoreSlim> _locks = new();

    /// <summary>The audit log's last sequence this process wrote or saw, per database: a later one is another process's change.</summary>
    private static readonly ConcurrentDictionary<string, StrongBox<long>> Heads = new(StringComparer.Ordinal);

    /// <summary>Tells publication that records changed (in this process, or, as the audit log's head shows, in another).</summary>
    public static void RecordsChanged(string? database) => Interlocked.Increment(ref Changes.GetOrAdd(database ?? "", _ => new StrongBox<long>()).Value);

    /// <summary>The database calls it after every audited change: the audit log's new head, and whether records other than STIX objects changed.</summary>
    public static void Written(string? database, long sequence, bool records)
    {
        Raise(Heads.GetOrAdd(database ?? "", _ => new StrongBox<long>()), sequence);
        if (records) RecordsChanged(database);
    }

    private static long Raise(StrongBox<long> box, long value)
    {
        long seen;
        while ((seen = Interlocked.Read(ref box.Value)) < value && Interlocked.CompareExchange(ref box.Value, value, seen) != seen) { }
        return seen;
    }

    /// <summary>
    /// Reads the audit log's head: if another process (a command run beside the server) changed something since this
    /// process last wrote or looked, publication runs again at the next read. Tagged, so that counts of a request's
    /// queries can leave it out.
    /// </summary>
    public async Task WatchAsync(CancellationToken ct)
    {
        await using var db = contexts.For(Caller.System("isop:publication-watch"));
        var head = await db.AuditHeads.AsNoTracking().TagWith(WatchTag).Where(h => h.Id == 1).Select(h => h.Sequence).FirstOrDefaultAsync(ct);
        var known = Heads.GetOrAdd(contexts.Settings.ConnectionString, _ => new StrongBox<long>());
        var seen = Raise(known, head);
        // The first look only learns where the log stands; a later one that finds it moved on, by another process, republishes.
        if (seen != 0 && seen < head) Interlocked.Increment(ref _changes.Value);
    }

    public const string WatchTag = "isop:publication-watch";

    /// <summary>The caller as whom an organisation's records are published: its members' view, never the system's.</summary>
    public static Caller PublisherOf(Guid organisation) => Caller.ForOrganisation(organisation, "isop:publish");

    /// <summary>Publishes the organisation's records unless nothing changed since the last publication.</summary>
    public async Task EnsurePublishedAsync(Guid organisation, CancellationToken ct)
    {
        if (_published.TryGetValue(organisation, out var at) && at == Interlocked.Read(ref _changes.Value)) return;
        await PublishAsync(organisation, ct);
    }

    /// <summary>Maps the organisation's records to STIX and stores what changed as new versions; what is gone is revoked.</summary>
    public async Task<int> PublishAsync(Guid organisation, CancellationToken ct)
    {
        var gate = _locks.GetOrAdd(organisation, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct);
        try
        {
            var version = Interlocked.Read(ref _changes.Value);
            if (_published.TryGetValue(organisation, out var at) && at == version) return 0;
            await using var db = contexts.For(PublisherOf(organisation));
            var mapper = new StixMapper(db, new OperationFinder(db, operationSettings), new ReleaseAnalysis(db));
            var mapped = await mapper.MapAsync(organisation, ct);
            var current = await db.Set<StixObjectRecord>().AsNoTracking()
                .Where(o => o.CollectionId == organisation && o.OwnerOrganisationId == organisation && o.Origin == StixOrigin.Published && o.Latest)
                .Select(o => new { o.StixId, o.ContentHash, o.Modified, o.Revoked, o.Id })
                .ToDictionaryAsync(o => o.StixId, StringComparer.Ordinal, ct);
            var now = db.Time.GetUtcNow();
            var items = new List<StixItem>();
            foreach (var m in mapped)
            {
                var o = m.Object;
                var id = (string)o["id"]!;
                var hash = ContentHash(o);
                current.TryGetValue(id, out var latest);
                if (latest is not null && latest.ContentHash == hash && !latest.Revoked) continue;
                if (o["modified"] is not null && latest?.Modified is { } previous)
                {
                    // A change the records' times do not show (a new TLP label): a version later than the last.
                    StixJson.TryParseTimestamp((string)o["modified"]!, out var modified);
                    if (modified <= previous) o["modified"] = StixJson.Timestamp(previous.AddMilliseconds(1));
                }
                items.Add(ItemOf(o, m.Tlp, hash));
            }
            // What the records no longer give (a platform deleted): revoked, so partners who have it know.
            var given = mapped.Select(m => (string)m.Object["id"]!).ToHashSet(StringComparer.Ordinal);
            var gone = current.Values.Where(c => !c.Revoked && c.Modified is not null && !given.Contains(c.StixId)).Select(c => c.Id).ToList();
            if (gone.Count > 0)
            {
                var rows = await db.Set<StixObjectRecord>().AsNoTracking().Where(o => gone.Contains(o.Id)).Select(o => new { o.Json, o.Modified, o.Tlp }).ToListAsync(ct);
                foreach (var row in rows)
                {
                    var o = JsonNode.Parse(row.Json)!.AsObject();
                    var modified = StixJson.Milliseconds(now) > row.Modified!.Value ? StixJson.Milliseconds(now) : row.Modified!.Value.AddMilliseconds(1);
                    o["modified"] = StixJson.Timestamp(modified);
                    o["revoked"] = true;
                    items.Add(ItemOf(o, row.Tlp, ContentHash(o)));
                }
            }
            if (items.Count > 0)
            {
                var import = new StixImport
                {
                    CollectionId = organisation, OwnerOrganisationId = organisation, Channel = StixChannel.Publish, Source = "isop", SentBy = "isop:publish",
                    ReceivedAt = now, Total = items.Count,
                };
                await StixStore.WriteAsync(db, import, StixOrigin.Published, items, null, ct);
            }
            _published[organisation] = version;
            return items.Count;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// Writes a bundle of what the organisation may share: its records (published first) and the objects it imported,
    /// newest versions, at most <paramref name="max"/>, changed since <paramref name="since"/>. Returns how many objects.
    /// </summary>
    public async Task<int> ExportAsync(IsopDb db, Guid organisation, Tlp max, DateTimeOffset? since, Stream output, CancellationToken ct)
    {
        await PublishAsync(organisation, ct);
        var allowed = Enum.GetValues<Tlp>().Where(t => t <= max).ToList();
        var query = db.Set<StixObjectRecord>().AsNoTracking()
            .Where(o => o.CollectionId == organisation && o.OwnerOrganisationId == organisation && o.Latest && allowed.Contains(o.Tlp));
        // Changed since: a version made since, or one received since (a partner's late news of an older change).
        if (since is { } s) query = query.Where(o => o.DateAdded >= s || (o.Modified != null && o.Modified >= s));
        await using var writer = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = false, Encoder = StixReader.Compact.Encoder });
        writer.WriteStartObject();
        writer.WriteString("type", "bundle");
        writer.WriteString("id", $"bundle--{Guid.NewGuid():D}");
        writer.WriteStartArray("objects");
        var count = 0;
        await foreach (var json in query.OrderBy(o => o.DateAdded).Select(o => o.Json).AsAsyncEnumerable().WithCancellation(ct))
        {
            writer.WriteRawValue(json, skipInputValidation: true);
            if (++count % 1000 == 0) await writer.FlushAsync(ct);
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
        await writer.FlushAsync(ct);
        return count;
    }

    /// <summary>
    /// Imports a partner's bundle into the organisation's collection (or, with <paramref name="group"/>, as the
    /// organisation's objects into a sharing group's collection it is a member of). With <paramref name="partial"/> false
    /// (files and the API) a bundle with any invalid object is refused whole; TAXII posts store the sound objects and list
    /// the others as failures.
    /// </summary>
    public static async Task<StixImportResult> ImportAsync(IsopDb db, Guid organisation, ReadOnlyMemory<byte> bytes, StixChannel channel, string? source, string sentBy,
        bool partial, IProgress<int>? progress, CancellationToken ct, Tlp unmarked = Tlp.Amber, StixGroupTarget? group = null)
    {
        if (!db.Caller.CanWriteFor(organisation))
            throw new AccessDeniedException("Only analysts and admins of the organisation import into its collection.");
        if (group is not null && !group.Organisations.Contains(organisation))
            throw new AccessDeniedException("Only member organisations post into a sharing group's collection.");
        using var document = StixReader.Open(bytes, unmarked);
        var import = new StixImport
        {
            CollectionId = group?.Id ?? organisation, OwnerOrganisationId = organisation, Channel = channel, Source = Clip(source, 2000), SentBy = Clip(sentBy, 300)!,
            BundleId = document.BundleId, ReceivedAt = db.Time.GetUtcNow(), Digest = Convert.ToHexStringLower(SHA256.HashData(bytes.Span)), Total = document.Total,
        };
        var problems = new List<StixProblem>();
        var byType = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var unknown = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var producers = new Dictionary<string, int>(StringComparer.Ordinal);
        void Count(StixBatch batch)
        {
            problems.AddRange(batch.Problems);
            foreach (var item in batch.Items) byType[item.Type] = byType.GetValueOrDefault(item.Type) + 1;
            foreach (var (type, n) in batch.UnknownTypes) unknown[type] = unknown.GetValueOrDefault(type) + n;
            foreach (var (by, n) in batch.ProducerCounts) producers[by] = producers.GetValueOrDefault(by) + n;
        }
        // What was read is recorded with the import (saved after the last batch).
        void Record()
        {
            var invalid = FailuresOf(problems);
            import.Producers = Clip(string.Join(",", StixReader.Ordered(producers).Take(50)), 4000);
            import.Failed = invalid.Count;
            import.UnknownTypes = unknown.Count == 0 ? null : JsonSerializer.Serialize(unknown);
        }

        IAsyncEnumerable<IReadOnlyList<StixItem>> batches;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        Task? reading = null;
        if (document.Total <= ImportBatch)
        {
            // One batch: a bundle with an invalid object is refused before anything is written.
            var batch = document.Read(0, document.Total);
            Count(batch);
            if (!partial && problems.Count > 0) throw new StixImportException(problems);
            Record();
            batches = StixStore.One(await ResolveMarkingsAsync(db, batch.Items, ct));
        }
        else
        {
            // A large document is read a batch at a time on the other core while the batch before is written, all in one
            // transaction: an invalid object found late rolls back what was written (every problem is still listed).
            var queue = System.Threading.Channels.Channel.CreateBounded<StixBatch>(1);
            reading = Task.Run(async () =>
            {
                try
                {
                    for (var start = 0; start < document.Total; start += ImportBatch)
                        await queue.Writer.WriteAsync(document.Read(start, ImportBatch), stop.Token);
                    queue.Writer.Complete();
                }
                catch (Exception e)
                {
                    queue.Writer.Complete(e);
                }
            }, CancellationToken.None);
            batches = Pipelined(queue.Reader);
        }

        async IAsyncEnumerable<IReadOnlyList<StixItem>> Pipelined(System.Threading.Channels.ChannelReader<StixBatch> read)
        {
            await foreach (var batch in read.ReadAllAsync(ct))
            {
                Count(batch);
                // Once an object is invalid nothing more is written, but the rest is read: the refusal lists every problem.
                if (!partial && problems.Count > 0) continue;
                yield return await ResolveMarkingsAsync(db, batch.Items, ct);
            }
            if (!partial && problems.Count > 0) throw new StixImportException(problems);
            Record();
        }

        // The status resource lists each object's outcome (at most 1,000; the counts are always whole).
        void Status(IReadOnlyList<StixOutcome> outcomes)
        {
            var refused = Refusals(outcomes);
            if (channel == StixChannel.Taxii) import.Successes = JsonSerializer.Serialize(StatusSuccesses(outcomes.Where(o => o.Refused is null)));
            var failures = FailuresOf([.. problems, .. refused]);
            import.Failures = failures.Count == 0 ? null : JsonSerializer.Serialize(StatusFailures(failures));
        }
        StixWriteResult written;
        try
        {
            written = await StixStore.WriteAsync(db, import, StixOrigin.Imported, batches, document.Total, progress, ct, group?.Organisations.Where(o => o != organisation).ToList(), Status);
        }
        finally
        {
            // The reader stops when the writer does (it waits for room otherwise).
            await stop.CancelAsync();
            if (reading is not null) await reading;
        }
        var refused = Refusals(written.Outcomes);
        var accepted = written.Outcomes.Where(o => o.Refused is null).ToList();
        List<StixProblem> all = [.. problems, .. refused];
        var invalidCount = FailuresOf(problems).Count;
        return new StixImportResult(import.Id, document.Total, written.Added, document.Total - invalidCount - written.Added - refused.Count, invalidCount + refused.Count, byType,
            unknown, all, accepted) { ReceivedAt = import.ReceivedAt };
    }

    /// <summary>The objects the store refused, as problems named by their id.</summary>
    private static List<StixProblem> Refusals(IEnumerable<StixOutcome> outcomes) =>
        outcomes.Where(o => o.Refused is not null).Select(o => new StixProblem(-1, o.Id, "id", o.Refused!)).ToList();

    /// <summary>How many objects of a large import are read while the ones before are written.</summary>
    private const int ImportBatch = 20_000;

    /// <summary>A status resource's successes (at most 1,000): each object's id and version, and whether it was there already.</summary>
    public static List<object> StatusSuccesses(IEnumerable<StixOutcome> accepted) =>
        accepted.Take(1000).Select(o => (object)new { id = o.Id, version = o.Version, message = o.Added ? null : "already in the collection" }).ToList();

    /// <summary>A status resource's failures (at most 1,000): each refused object's id and why.</summary>
    public static List<object> StatusFailures(IEnumerable<(string Id, string Message)> failures) =>
        failures.Take(1000).Select(f => (object)new { id = f.Id, message = f.Message }).ToList();

    /// <summary>The objects refused, once each: an object's problems joined in one message, named by its id (else its place).</summary>
    public static IReadOnlyList<(string Id, string Message)> FailuresOf(IEnumerable<StixProblem> problems) =>
        problems.GroupBy(p => (p.Index, p.Id)).Select(g => (g.Key.Id ?? $"objects[{g.Key.Index}]", string.Join("; ", g.Select(p => p.ToString())))).ToList();

    /// <summary>
    /// Objects marked with a producer's own marking definitions sent before (not in the same bundle) take the level those
    /// definitions give, looked up among the definitions the caller may read; an object marked with one that gives
    /// none keeps what its other markings say.
    /// </summary>
    private static async Task<IReadOnlyList<StixItem>> ResolveMarkingsAsync(IsopDb db, IReadOnlyList<StixItem> items, CancellationToken ct)
    {
        var wanted = items.Where(i => i.UnresolvedMarkings is not null).SelectMany(i => i.UnresolvedMarkings!).Distinct(StringComparer.Ordinal).Take(10_000).ToList();
        var levels = new Dictionary<string, Tlp>(StringComparer.Ordinal);
        foreach (var chunk in wanted.Chunk(500))
        {
            var definitions = await db.StixObjects.AsNoTracking().Where(o => o.Type == "marking-definition" && chunk.Contains(o.StixId)).Select(o => new { o.StixId, o.Json }).ToListAsync(ct);
            foreach (var d in definitions)
            {
                using var json = JsonDocument.Parse(d.Json);
                if (StixMarkings.LevelDefinedBy(json.RootElement) is { } level && (!levels.TryGetValue(d.StixId, out var known) || level > known)) levels[d.StixId] = level;
            }
        }
        if (levels.Count == 0 && items.All(i => i.Marked)) return items;
        return items.Select(i =>
        {
            Tlp? strictest = null;
            foreach (var id in i.UnresolvedMarkings ?? [])
                if (levels.TryGetValue(id, out var level) && (strictest is null || level > strictest)) strictest = level;
            return strictest is { } s ? i with { Tlp = i.Marked && i.Tlp > s ? i.Tlp : s, Marked = true } : Marked(i);
        }).ToList();
    }

    /// <summary>
    /// An object that came without a TLP marking is given the standard marking of the level it was given, so that a
    /// partner it is shared with again knows how to treat it (its version and content hash stay those received).
    /// </summary>
    private static StixItem Marked(StixItem item)
    {
        if (item.Marked) return item;
        var o = JsonNode.Parse(item.Json)!.AsObject();
        if (o["object_marking_refs"] is JsonArray refs) refs.Add(StixMarkings.IdOf(item.Tlp));
        else o["object_marking_refs"] = new JsonArray(StixMarkings.IdOf(item.Tlp));
        return item with { Json = o.ToJsonString(StixReader.Compact), Marked = true };
    }

    private static StixItem ItemOf(JsonObject o, Tlp tlp, string hash)
    {
        var json = o.ToJsonString(StixReader.Compact);
        DateTimeOffset? Time(string name) => o[name] is { } v && StixJson.TryParseTimestamp((string?)v, out var at) ? at : null;
        return new StixItem((string)o["id"]!, (string)o["type"]!, "2.1", Time("created"), Time("modified"), o["revoked"] is { } r && (bool)r, json, hash, tlp);
    }

    /// <summary>SHA-256 of an object without its modified time: equal when a publication changed nothing.</summary>
    private static string ContentHash(JsonObject o)
    {
        var copy = o.DeepClone().AsObject();
        copy.Remove("modified");
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(copy.ToJsonString(StixReader.Compact))));
    }

    private static string? Clip(string? text, int max) => Monitoring.ObservationStore.Clip(text, max);
}
