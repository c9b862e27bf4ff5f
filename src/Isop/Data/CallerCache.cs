using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;

namespace Isop.Data;

/// <summary>
/// Something built from the records a caller may see (a matcher, an index), kept per caller until the audit head
/// moves: every change is audited, so the head's sequence stamps the state the value was built from.
/// </summary>
public sealed class CallerCache<T>
{
    private readonly ConcurrentDictionary<(Guid? Organisation, Guid? Member, bool System), (long Stamp, T Value)> _cache = new();

    public async Task<T> GetAsync(IsopDb db, Func<IsopDb, CancellationToken, Task<T>> build, CancellationToken ct)
    {
        var caller = db.Caller;
        var key = (caller.OrganisationId, caller.MemberId, caller.IsSystem);
        var stamp = await db.AuditHeads.AsNoTracking().Where(h => h.Id == 1).Select(h => h.Sequence).SingleAsync(ct);
        if (_cache.TryGetValue(key, out var cached) && cached.Stamp == stamp) return cached.Value;
        var value = await build(db, ct);
        _cache[key] = (stamp, value);
        return value;
    }
}
