using Microsoft.EntityFrameworkCore;

namespace Isop.Data;

public sealed record AuditVerification(long Checked, long? BrokenAt, string? Problem)
{
    /// <summary>How many differences between the records and their last audited state were found (the chain itself holds).</summary>
    public int RecordsDiffer { get; init; }

    public bool Intact => BrokenAt is null && Problem is null;
}

/// <summary>Walks the chain from the first entry and reports the first link that does not hold.</summary>
public static class AuditVerifier
{
    public static async Task<AuditVerification> VerifyAsync(IsopDb db, IProgress<long>? progress, CancellationToken ct)
    {
        const int batch = 2000;
        long expected = 1;
        var previous = AuditEntry.Genesis;
        long checkedCount = 0;
        while (true)
        {
            List<AuditEntry> page;
            try
            {
                page = await ReadAsync(db, expected, batch, ct);
            }
            catch (Exception e) when (e is FormatException or InvalidCastException or OverflowException or InvalidOperationException)
            {
                // A value that no longer has its type (a tampered id or time): find the entry it is in.
                return await LocateUnreadableAsync(db, expected, batch, checkedCount, ct);
            }
            foreach (var entry in page)
            {
                if (entry.Sequence != expected)
                    return new(checkedCount, expected, $"entry {expected} is missing (next entry is {entry.Sequence})");
                if (!string.Equals(entry.PreviousHash, previous, StringComparison.Ordinal))
                    return new(checkedCount, entry.Sequence, $"entry {entry.Sequence} does not point at the hash of entry {entry.Sequence - 1}");
                if (!string.Equals(entry.ComputeHash(), entry.Hash, StringComparison.Ordinal))
                    return new(checkedCount, entry.Sequence, $"entry {entry.Sequence} was altered: its content no longer matches its hash");
                previous = entry.Hash;
                expected++;
                checkedCount++;
            }
            progress?.Report(checkedCount);
            if (page.Count < batch) break;
        }
        var head = await db.AuditHeads.AsNoTracking().SingleOrDefaultAsync(h => h.Id == 1, ct);
        if (head is null) return new(checkedCount, null, "the chain head is missing");
        if (head.Sequence != checkedCount || !string.Equals(head.Hash, previous, StringComparison.Ordinal))
            return new(checkedCount, checkedCount + 1 > head.Sequence ? checkedCount : checkedCount + 1,
                $"the chain head (entry {head.Sequence}) does not match the last entry found ({checkedCount}): entries were removed or added outside Isop");
        if (db.Seal is { } seal)
        {
            var anchor = seal.ReadAnchor();
            // The head is sealed with the key outside the database: a tail cut and a head rewritten show here.
            if (head.Seal is null ? anchor is not null : !seal.Verifies(head.Sequence, head.Hash, head.Seal))
                return new(checkedCount, checkedCount, $"the chain head (entry {head.Sequence}) does not carry the seal of the key in {seal.Folder}: it was rewritten outside Isop (or that is not the server's data folder: give it with --data)");
            // The last head this machine sealed: a database rolled back to an older, sealed state shows here.
            if (anchor is { } known)
            {
                if (known.Sequence > head.Sequence)
                    return new(checkedCount, head.Sequence + 1, $"entries {head.Sequence + 1} to {known.Sequence} are missing: this server sealed entry {known.Sequence}, and the database ends at {head.Sequence}");
                var at = await db.AuditEntries.AsNoTracking().Where(a => a.Sequence == known.Sequence).Select(a => a.Hash).SingleOrDefaultAsync(ct);
                if (!string.Equals(at, known.Hash, StringComparison.Ordinal))
                    return new(checkedCount, known.Sequence, $"entry {known.Sequence} is not the one this server sealed: the chain was rewritten from there");
            }
        }
        // The chain holds: the records must hold what it says they are.
        var differences = await AuditRecords.DifferencesAsync(db, ct);
        if (differences.Count > 0) return new(checkedCount, null, string.Join(Environment.NewLine, differences)) { RecordsDiffer = differences.Count };
        return new(checkedCount, null, null);
    }

    private static Task<List<AuditEntry>> ReadAsync(IsopDb db, long from, int count, CancellationToken ct) =>
        db.AuditEntries.AsNoTracking().Where(a => a.Sequence >= from).OrderBy(a => a.Sequence).Take(count).ToListAsync(ct);

    private static async Task<AuditVerification> LocateUnreadableAsync(IsopDb db, long from, int batch, long checkedCount, CancellationToken ct)
    {
        var sequences = await db.AuditEntries.AsNoTracking().Where(a => a.Sequence >= from)
            .OrderBy(a => a.Sequence).Take(batch).Select(a => a.Sequence).ToListAsync(ct);
        foreach (var sequence in sequences)
        {
            try
            {
                await ReadAsync(db, sequence, 1, ct);
            }
            catch (Exception e) when (e is FormatException or InvalidCastException or OverflowException or InvalidOperationException)
            {
                return new(checkedCount, sequence, $"entry {sequence} cannot be read: {e.Message}");
            }
        }
        return new(checkedCount, from, $"entries from {from} on cannot be read");
    }
}
