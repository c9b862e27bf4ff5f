using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;

namespace Isop.Data;

/// <summary>
/// Something built from the catalogue a caller may see (a matcher, an index), kept per caller until a catalogue
/// changes: the sum of the organisations' catalogue versions (<see cref="Catalogue.CatalogueVersion"/>) rises with
/// every change to works or their shares, and with nothing else.
/// </summary>
public sealed class CallerCache<T>
{
    private readonly ConcurrentDictionary<(Guid? Organisation, Guid? Member, bool System), (long Stamp, T Value)> _cache = new();

    /// <summary>How many times a value was built (for tests and metrics).</summary>
    public int Builds => _builds;
    private int _builds;

    public async Task<T> GetAsync(IsopDb db, Func<IsopDb, CancellationToken, Task<T>> build, CancellationToken ct)
    {
        var caller = db.Caller;
        var key = (caller.OrganisationId, caller.MemberId, caller.IsSystem);
        var stamp = await db.CatalogueVersions.AsNoTracking().SumAsync(v => v.Version, ct);
        if (_cache.TryGetValue(key, out var cached) && cached.Stamp == stamp) return cached.Value;
        var value = await build(db, ct);
        Interlocked.Increment(ref _builds);
        _cache[key] = (stamp, value);
        return value;
    }
}
