using Isop.Data;
using Microsoft.EntityFrameworkCore;

namespace Isop.Operations;

/// <summary>Keeps every signal sighting's identity (<see cref="SignalIdentity"/>) in the indexed column operations are found through.</summary>
public static class SignalIndex
{
    /// <summary>
    /// Gives an identity to sightings stored before identities were kept (new sightings get theirs when stored). Runs at
    /// start-up after the migrations; it reads distinct identifiers, so it is cheap when there is nothing to do.
    /// </summary>
    public static async Task BackfillAsync(IsopDb db, CancellationToken ct)
    {
        while (true)
        {
            var pending = await db.SignalSightings.IgnoreQueryFilters().Where(s => s.Identity == null)
                .Select(s => new { s.Type, s.Value }).Distinct().OrderBy(s => s.Type).ThenBy(s => s.Value).Take(500).ToListAsync(ct);
            if (pending.Count == 0) return;
            foreach (var p in pending)
            {
                var key = SignalIdentity.KeyOf(p.Type, p.Value);
                await db.SignalSightings.IgnoreQueryFilters().Where(s => s.Identity == null && s.Type == p.Type && s.Value == p.Value)
                    .ExecuteUpdateAsync(set => set.SetProperty(s => s.Identity, key.Length > 560 ? key[..560] : key), ct);
            }
        }
    }
}
