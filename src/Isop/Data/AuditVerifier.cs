using Microsoft.EntityFrameworkCore;

namespace Isop.Data;

public sealed record AuditVerification(long Checked, long? BrokenAt, string? Problem)
{
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
            var page = await db.AuditEntries.AsNoTracking()
                .Where(a => a.Sequence >= expected)
                .OrderBy(a => a.Sequence)
                .Take(batch)
                .ToListAsync(ct);
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
        return new(checkedCount, null, null);
    }
}
