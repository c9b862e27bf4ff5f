using System.Text.Json;
using System.Text.Json.Nodes;
using Isop.Access;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Isop.Data;

public abstract partial class IsopDb
{
    // Values that must never reach the audit log: the log says that they changed, not what they are.
    internal static readonly HashSet<string> Redacted = new(StringComparer.Ordinal)
    {
        "PasswordHash", "SecurityStamp", "ConcurrencyStamp", "Hash", "Value",
    };

    // Readable in every script: "사랑의 불시착", not "\uC0AC…". The text is stored, never embedded in HTML unencoded.
    private static readonly JsonSerializerOptions ChangeJson = new()
    {
        WriteIndented = false,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        throw new NotSupportedException("Isop saves asynchronously only: use SaveChangesAsync.");

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        ChangeTracker.DetectChanges();
        _records = null;
        var changed = ChangeTracker.Entries()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .Where(e => e.Entity is not AuditEntry and not AuditHead and not Catalogue.CatalogueVersion)
            .ToList();
        GuardAuditLog();
        GuardWrites(changed);
        if (changed.Count == 0) return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);

        // Every key is generated on the client, so the whole change and its audit entries are known now.
        var caller = Caller;
        var at = AuditEntry.Truncate(Time.GetUtcNow());
        var described = DescribeChanges(changed);
        // Decided before saving, while the entries still hold what they were (a CLEAR record made GREEN counts).
        var publicChange = PublicMayChange(changed);

        var ownTransaction = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(cancellationToken) : null;
        var appended = new List<AuditEntry>(described.Count);
        try
        {
            var head = await LockHeadAsync(cancellationToken);
            // Under the head's lock, writers are one at a time: each catalogue change raises its owner's version once.
            var raised = await RaiseCatalogueVersionsAsync(changed, cancellationToken);
            foreach (var (entry, state, changes) in described)
            {
                var audit = new AuditEntry
                {
                    Sequence = head.Sequence + 1,
                    At = at,
                    ActorMemberId = caller.MemberId,
                    ActorOrganisationId = caller.OrganisationId,
                    Actor = caller.Name,
                    Action = state switch { EntityState.Added => "create", EntityState.Modified => "update", _ => "delete" },
                    EntityType = EntityTypeName(entry),
                    EntityId = KeyOf(entry),
                    Changes = changes,
                    PreviousHash = head.Hash,
                    Hash = "",
                };
                audit.Hash = audit.ComputeHash();
                head.Sequence = audit.Sequence;
                head.Hash = audit.Hash;
                appended.Add(audit);
            }
            head.Seal = Seal?.Sign(head.Sequence, head.Hash);
            AuditEntries.AddRange(appended);
            var written = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            if (ownTransaction is not null)
            {
                await ownTransaction.CommitAsync(cancellationToken);
                Seal?.Anchor(head.Sequence, head.Hash);
            }
            // Records other than shared STIX objects changed: what organisations publish may have too.
            var records = changed.Any(e => e.Entity is not Sharing.StixImport and not Sharing.StixObjectRecord and not Sharing.TaxiiFeed);
            // What the public's answers are built from: the public index is built again before the next answer.
            if (publicChange) Awareness.PublicIndex.Changed(Database.GetConnectionString());
            // The audit head this process wrote is known only once committed (an outer transaction may still roll back).
            if (ownTransaction is not null) Sharing.StixSharing.Written(Database.GetConnectionString(), head.Sequence, records);
            else if (records) Sharing.StixSharing.RecordsChanged(Database.GetConnectionString());
            return written - appended.Count - 1 - raised;
        }
        catch
        {
            // Leave the context as the caller had it: no half-written audit entries, no stale head.
            foreach (var a in appended) Entry(a).State = EntityState.Detached;
            foreach (var h in ChangeTracker.Entries<AuditHead>().ToList()) h.State = EntityState.Detached;
            foreach (var v in ChangeTracker.Entries<Catalogue.CatalogueVersion>().ToList()) v.State = EntityState.Detached;
            throw;
        }
        finally
        {
            if (ownTransaction is not null) await ownTransaction.DisposeAsync();
            foreach (var a in appended) if (Entry(a).State == EntityState.Unchanged) Entry(a).State = EntityState.Detached;
        }
    }

    /// <summary>Raises the catalogue version of every organisation whose catalogue the change touches; returns how many.</summary>
    private async Task<int> RaiseCatalogueVersionsAsync(List<EntityEntry> changed, CancellationToken ct)
    {
        var workKind = RecordKinds.Of<Catalogue.Work>();
        var owners = changed.Select(e => e.Entity switch
            {
                Catalogue.Work w => w.OwnerOrganisationId,
                IRecordPart => RecordOf(e)?.Entity is Catalogue.Work w ? w.OwnerOrganisationId : (Guid?)null,
                RecordShare s when s.RecordKind == workKind => s.OwnerOrganisationId,
                _ => (Guid?)null,
            })
            .OfType<Guid>().Distinct().ToList();
        if (owners.Count == 0) return 0;
        var versions = await CatalogueVersions.Where(v => owners.Contains(v.OrganisationId)).ToDictionaryAsync(v => v.OrganisationId, ct);
        foreach (var owner in owners)
        {
            if (versions.TryGetValue(owner, out var version)) version.Version++;
            else CatalogueVersions.Add(new Catalogue.CatalogueVersion { OrganisationId = owner, Version = 1 });
        }
        return owners.Count;
    }

    /// <summary>
    /// Takes the head row's write lock before reading it (PostgreSQL row lock; SQLite write lock), so
    /// concurrent writers append one after another instead of forking the chain.
    /// </summary>
    private async Task<AuditHead> LockHeadAsync(CancellationToken ct)
    {
        await Database.ExecuteSqlRawAsync("""UPDATE "AuditHeads" SET "Sequence" = "Sequence" WHERE "Id" = 1""", ct);
        var tracked = ChangeTracker.Entries<AuditHead>().FirstOrDefault();
        if (tracked is not null) await tracked.ReloadAsync(ct);
        return tracked?.Entity ?? await AuditHeads.SingleAsync(h => h.Id == 1, ct);
    }

    /// <summary>
    /// Whether a change can change a public answer: a record public answers come from, CLEAR before or after the
    /// change (a part, by its record), or the allow-list. A change at any other TLP must not even make the public index
    /// be built again: a public caller could tell when from the answer's time. One pass over the change.
    /// </summary>
    private bool PublicMayChange(IReadOnlyList<EntityEntry> changed)
    {
        static bool Clear(EntityEntry entry) =>
            entry.Entity is IShareable record && (record.Tlp == Tlp.Clear || (entry.State == EntityState.Modified && entry.OriginalValues[nameof(IShareable.Tlp)] is Tlp.Clear));
        Dictionary<Guid, EntityEntry>? owners = null;
        foreach (var e in changed)
        {
            switch (e.Entity)
            {
                case Enforcement.AllowedDomain:
                    return true;
                case Isop.Platforms.Platform or Enforcement.BlockingDecision or Enforcement.Notice or Catalogue.Work:
                    if (Clear(e)) return true;
                    break;
                case Isop.Platforms.PlatformDomain or Catalogue.WorkOffer or Catalogue.WorkTitle:
                    // An owned part is tracked with its record: the record's TLP decides (an untracked one: assume it may).
                    // The records of this change first; another tracked record without detecting changes again (done above).
                    owners ??= changed.Where(o => o.Entity is Isop.Platforms.Platform or Catalogue.Work)
                        .GroupBy(o => ((IShareable)o.Entity).Id).ToDictionary(g => g.Key, g => g.First());
                    var ownership = e.Metadata.FindOwnership();
                    var key = ownership is { Properties.Count: 1 } ? e.Property(ownership.Properties[0].Name).CurrentValue as Guid? : null;
                    if (key is not { } id) return true;
                    if (!owners.TryGetValue(id, out var owner))
                    {
                        var detect = ChangeTracker.AutoDetectChangesEnabled;
                        ChangeTracker.AutoDetectChangesEnabled = false;
                        try
                        {
                            owner = ChangeTracker.Entries().FirstOrDefault(o => o.Entity is IShareable r && r.Id == id && o.Entity is Isop.Platforms.Platform or Catalogue.Work);
                        }
                        finally
                        {
                            ChangeTracker.AutoDetectChangesEnabled = detect;
                        }
                        if (owner is null) return true;
                        owners[id] = owner;
                    }
                    if (Clear(owner)) return true;
                    break;
            }
        }
        return false;
    }

    /// <summary>Records whose owner may change in this context: the one path that transfers ownership says so first.</summary>
    private readonly HashSet<IShareable> _transfers = new(ReferenceEqualityComparer.Instance);

    /// <summary>
    /// Hands a record to another organisation; saved like any change (the current owner's writer only, audited). Its
    /// shares are re-keyed to the new owner.
    /// </summary>
    internal async Task TransferAsync<T>(T record, Guid newOwner, CancellationToken ct) where T : class, IShareable
    {
        var caller = Caller;
        if (!caller.CanWriteFor(record.OwnerOrganisationId))
            throw new AccessDeniedException($"{caller.Name} may not hand this {RecordKinds.Of<T>()} over.");
        var kind = RecordKinds.Of<T>();
        foreach (var share in await Shares.Where(s => s.RecordKind == kind && s.RecordId == record.Id).ToListAsync(ct))
        {
            if (share.OrganisationId == newOwner) Shares.Remove(share);
            else share.OwnerOrganisationId = newOwner;
        }
        _transfers.Add(record);
        record.OwnerOrganisationId = newOwner;
    }

    private void GuardAuditLog()
    {
        foreach (var e in ChangeTracker.Entries<AuditEntry>())
        {
            if (e.State is EntityState.Modified or EntityState.Deleted)
                throw new AccessDeniedException("The audit log is append-only.");
        }
    }

    /// <summary>The write rule: only writers of the owner organisation change a record, its parts and its shares.</summary>
    private void GuardWrites(List<EntityEntry> changed)
    {
        var caller = Caller;
        if (caller.IsSystem) return;
        foreach (var e in changed)
        {
            switch (e.Entity)
            {
                case IShareable record:
                    var owner = e.State == EntityState.Added
                        ? record.OwnerOrganisationId
                        : (Guid)e.Property(nameof(IShareable.OwnerOrganisationId)).OriginalValue!;
                    if (!caller.CanWriteFor(owner))
                        throw new AccessDeniedException($"{caller.Name} may not change this {EntityTypeName(e)}.");
                    if (e.State == EntityState.Modified && record.OwnerOrganisationId != owner && !_transfers.Contains(record))
                        throw new AccessDeniedException("A record's owner organisation cannot be changed.");
                    break;
                case IRecordPart:
                    if (RecordOf(e) is not { Entity: IShareable parent } parentEntry)
                        throw new AccessDeniedException($"A {EntityTypeName(e)} must belong to a record.");
                    var parentOwner = parentEntry.State == EntityState.Added
                        ? parent.OwnerOrganisationId
                        : (Guid)parentEntry.Property(nameof(IShareable.OwnerOrganisationId)).OriginalValue!;
                    if (!caller.CanWriteFor(parentOwner))
                        throw new AccessDeniedException($"{caller.Name} may not change this {EntityTypeName(parentEntry)}.");
                    break;
                case RecordShare share:
                    if (!caller.CanWriteFor(share.OwnerOrganisationId) && !_transfers.Any(t => t.Id == share.RecordId && RecordKinds.Of(t.GetType()) == share.RecordKind))
                        throw new AccessDeniedException($"{caller.Name} may not change the shares of this {share.RecordKind}.");
                    break;
            }
        }
    }

    /// <summary>The record an owned part belongs to, found through the ownership key (navigations may be cut on removal).</summary>
    private Dictionary<Guid, EntityEntry>? _records;

    private EntityEntry? RecordOf(EntityEntry part)
    {
        var ownership = part.Metadata.FindOwnership();
        if (ownership is null) return (part.Entity as IRecordPart)?.Record is { } r ? Entry(r) : null;
        var key = part.Property(ownership.Properties[0].Name);
        var id = part.State == EntityState.Added ? key.CurrentValue : key.OriginalValue;
        _records ??= ChangeTracker.Entries<IShareable>().ToDictionary(x => x.Entity.Id, x => (EntityEntry)x);
        return id is Guid guid && _records.TryGetValue(guid, out var record) ? record : null;
    }

    /// <summary>
    /// One audit entry per changed record: parts (titles, aliases, domains) are folded into their record's
    /// entry, so a work created with three titles is one "create work" entry that lists them.
    /// </summary>
    private List<(EntityEntry Entry, EntityState State, string Changes)> DescribeChanges(List<EntityEntry> changed)
    {
        var list = new List<(EntityEntry Entry, EntityState State, JsonObject Changes)>();
        var index = new Dictionary<object, int>(ReferenceEqualityComparer.Instance);
        foreach (var e in changed.Where(e => e.Entity is not IRecordPart))
        {
            index[e.Entity] = list.Count;
            list.Add((e, e.State, Describe(e, e.State)));
        }
        foreach (var e in changed.Where(e => e.Entity is IRecordPart))
        {
            var record = RecordOf(e);
            if (record is null)
            {
                list.Add((e, e.State, Describe(e, e.State)));
                continue;
            }
            if (!index.TryGetValue(record.Entity, out var i))
            {
                i = index[record.Entity] = list.Count;
                list.Add((record, EntityState.Modified, new JsonObject()));
            }
            var name = record.Metadata.GetNavigations().FirstOrDefault(n => n.TargetEntityType == e.Metadata)?.Name ?? e.Metadata.ClrType.Name;
            var group = list[i].Changes[name] as JsonObject ?? new JsonObject();
            list[i].Changes[name] = group;
            var bucket = e.State switch { EntityState.Added => "added", EntityState.Deleted => "removed", _ => "changed" };
            var items = group[bucket] as JsonArray ?? new JsonArray();
            group[bucket] = items;
            var part = Describe(e, e.State);
            foreach (var key in e.Metadata.GetProperties().Where(p => p.IsKey() || p.IsForeignKey()).Select(p => p.Name))
            {
                if (key != "Id") part.Remove(key);
            }
            items.Add(part);
        }
        return list.Select(x => (x.Entry, x.State, x.Changes.ToJsonString(ChangeJson))).ToList();
    }

    private static string EntityTypeName(EntityEntry e) => AuditName(e.Metadata.ClrType);

    /// <summary>The name under which a type's records appear in the audit log: its record kind, else its type name.</summary>
    internal static string AuditName(Type type) => RecordKinds.Of(type) ?? type.Name;

    private static string KeyOf(EntityEntry e)
    {
        var key = e.Metadata.FindPrimaryKey();
        if (key is null) return "";
        return string.Join(",", key.Properties.Select(p => Convert.ToString(e.Property(p.Name).CurrentValue, System.Globalization.CultureInfo.InvariantCulture)));
    }

    private static JsonObject Describe(EntityEntry e, EntityState state)
    {
        var changes = new JsonObject();
        foreach (var p in e.Properties)
        {
            var name = p.Metadata.Name;
            var redacted = Redacted.Contains(name);
            switch (state)
            {
                case EntityState.Added:
                    changes[name] = redacted ? "(redacted)" : ToNode(p.CurrentValue);
                    break;
                case EntityState.Deleted:
                    changes[name] = redacted ? "(redacted)" : ToNode(p.OriginalValue);
                    break;
                case EntityState.Modified when p.IsModified && !Equals(p.OriginalValue, p.CurrentValue):
                    changes[name] = redacted
                        ? new JsonObject { ["changed"] = true }
                        : new JsonObject { ["old"] = ToNode(p.OriginalValue), ["new"] = ToNode(p.CurrentValue) };
                    break;
            }
        }
        return changes;
    }

    internal static JsonNode? ToNode(object? value) => value switch
    {
        null => null,
        DateTimeOffset d => JsonValue.Create(d.ToUniversalTime().ToString("O", System.Globalization.CultureInfo.InvariantCulture)),
        Enum en => JsonValue.Create(en.ToString()),
        _ => JsonSerializer.SerializeToNode(value, value.GetType(), ChangeJson),
    };

}
