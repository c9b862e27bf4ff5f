using Isop.Access;
using Isop.Data;
using Isop.Recognition.Fingerprints;
using Isop.Web;
using Microsoft.EntityFrameworkCore;

namespace Isop.Catalogue;

/// <summary>A work as a caller gives it: the catalogue format's work object, its TLP and shares, and what reading found wrong.</summary>
public sealed record WorkInput(CatalogueWork? Work, Tlp? Tlp, SharesDto? SharedWith)
{
    public IReadOnlyDictionary<string, string[]> ReadErrors { get; init; } = new Dictionary<string, string[]>();
}

/// <summary>Raised when a write would give an organisation two records with the same id; endpoints answer 409.</summary>
public sealed class ConflictException(string message) : Exception(message);

/// <summary>
/// The one write path for the catalogue's works and their reference fingerprints, shared by the API and the pages
/// (bulk imports go through <see cref="CatalogueImporter"/>). Access is checked before the input is validated.
/// </summary>
public sealed class CatalogueWrites(IsopDb db)
{
    public async Task<Work> CreateAsync(WorkInput input, CancellationToken ct)
    {
        var owner = db.Caller.OrganisationId ?? throw new AccessDeniedException($"{db.Caller.Name} is not a member of an organisation.");
        if (!db.Caller.CanWriteFor(owner)) throw new AccessDeniedException($"{db.Caller.Name} may not register works for this organisation.");
        var item = await ValidAsync(input, ct);
        if (await db.Works.AnyAsync(w => w.OwnerOrganisationId == owner && w.ExternalId == item.Id, ct))
            throw new ConflictException($"Your organisation already has a work with id \"{item.Id}\".");
        var now = db.Time.GetUtcNow();
        var work = new Work { ExternalId = item.Id, OwnerOrganisationId = owner, Tlp = input.Tlp ?? Tlp.Green, CreatedAt = now, UpdatedAt = now };
        CatalogueImporter.Apply(work, item);
        db.Works.Add(work);
        await RecordShares.ReplaceAsync(db, work, input.SharedWith ?? SharesDto.None, ct);
        await db.SaveChangesAsync(ct);
        return work;
    }

    /// <summary>Replaces a work's fields (and its TLP and shares when given); null when the caller may not see it.</summary>
    public async Task<Work?> UpdateAsync(Guid id, WorkInput input, CancellationToken ct)
    {
        if (await WritableAsync(id, ct) is not { } work) return null;
        var item = await ValidAsync(input, ct);
        if (item.Id != work.ExternalId && await db.Works.AnyAsync(w => w.OwnerOrganisationId == work.OwnerOrganisationId && w.ExternalId == item.Id, ct))
            throw new ConflictException($"Your organisation already has a work with id \"{item.Id}\".");
        var tlp = input.Tlp ?? work.Tlp;
        var changed = CatalogueImporter.Apply(work, item) | work.ExternalId != item.Id | work.Tlp != tlp;
        work.ExternalId = item.Id;
        work.Tlp = tlp;
        if (changed) work.UpdatedAt = db.Time.GetUtcNow();
        await RecordShares.ReplaceAsync(db, work, input.SharedWith, ct);
        await db.SaveChangesAsync(ct);
        return work;
    }

    public async Task<bool> DeleteAsync(Guid id, CancellationToken ct)
    {
        if (await WritableAsync(id, ct) is not { } work) return false;
        db.Works.Remove(work);
        await RecordShares.RemoveAllAsync<Work>(db, work.Id, ct);
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>Adds reference fingerprints (hashed from <paramref name="source"/>) to a work; null when the caller may not see it.</summary>
    public async Task<IReadOnlyList<WorkFingerprint>?> AddFingerprintsAsync(Guid id, IReadOnlyList<FrameHash> hashes, string source, CancellationToken ct)
    {
        if (await WritableAsync(id, ct, fingerprints: true) is not { } work) return null;
        var added = FingerprintApi.References(hashes.ToList(), source, db.Time.GetUtcNow());
        work.Fingerprints.AddRange(added);
        await db.SaveChangesAsync(ct);
        return added;
    }

    private async Task<CatalogueWork> ValidAsync(WorkInput input, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        await RecordShares.ValidateAsync(db, input.SharedWith, errors, ct);
        foreach (var (field, problems) in input.ReadErrors) errors[field] = problems;
        if (input.Work is null && errors.Count == 0) errors["$"] = ["expected a work object"];
        InvalidInputException.ThrowIfAny(errors);
        return input.Work!;
    }

    private async Task<Work?> WritableAsync(Guid id, CancellationToken ct, bool fingerprints = false)
    {
        IQueryable<Work> query = fingerprints ? db.Works.Include(w => w.Fingerprints) : db.Works;
        var work = await query.SingleOrDefaultAsync(w => w.Id == id, ct);
        if (work is not null && !db.Caller.CanWriteFor(work.OwnerOrganisationId))
            throw new AccessDeniedException($"{db.Caller.Name} may not change this work.");
        return work;
    }
}
