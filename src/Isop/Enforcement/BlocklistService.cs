using System.Security.Cryptography;
using System.Text;
using Isop.Access;
using Isop.Data;
using Isop.Operations;
using Isop.Platforms;
using Microsoft.EntityFrameworkCore;

namespace Isop.Enforcement;

/// <summary>A name on a published blocklist, with the records it comes from.</summary>
public sealed record BlocklistEntry(BlockedName Name, Guid DecisionId, Guid PlatformId);

/// <summary>
/// A jurisdiction's blocklist as one caller may see it: the names of every platform under a decision in force and of
/// its successors, less what the allow-list covers; its serial and the time its content last changed for this caller;
/// and the strictest TLP of what it derives from.
/// </summary>
public sealed record Blocklist(string Jurisdiction, uint Serial, DateTimeOffset ChangedAt, Tlp Tlp, IReadOnlyList<BlocklistEntry> Entries, IReadOnlyList<string> Allowed)
{
    public string Write(BlocklistFormat format) =>
        Blocklists.Write(format, Jurisdiction, Serial, ChangedAt, Entries.Select(e => e.Name), Allowed, Tlp);

    /// <summary>The names as listed (the allow-list applied, one row a name).</summary>
    public IReadOnlyList<BlocklistEntry> Listed =>
        [.. Entries.Where(e => AllowList.Covering(Allowed, e.Name.Domain) is null).GroupBy(e => e.Name.Domain, StringComparer.Ordinal).Select(g => g.First()).OrderBy(e => e.Name.Domain, StringComparer.Ordinal)];
}

/// <summary>Builds blocklists from decisions, under the caller's TLP view, and keeps each audience's serial.</summary>
public sealed class BlocklistService(IsopDb db)
{
    /// <summary>How many hops from platform to successor platform are followed.</summary>
    public const int MaxHops = 32;

    public async Task<Blocklist> BuildAsync(string jurisdiction, CancellationToken ct)
    {
        if (!Jurisdictions.TryParse(jurisdiction, out var code))
            throw new Web.InvalidInputException(new Dictionary<string, string[]> { ["jurisdiction"] = [Jurisdictions.Problem(jurisdiction)] });
        var now = db.Time.GetUtcNow();
        // The query filters leave out every decision and platform the caller may not see, and every decision whose platform it may not see.
        var decisions = (await db.BlockingDecisions.AsNoTracking().Where(d => d.Jurisdiction == code && d.RevokedAt == null && d.DecidedAt <= now).ToListAsync(ct))
            .Where(d => d.InForce(now)).OrderBy(d => d.DecidedAt).ThenBy(d => d.Id).ToList();
        var platforms = new Dictionary<Guid, Platform>();
        // Successor platforms, reached through the successions monitoring found (visible to the caller only).
        var successorsOf = new Dictionary<Guid, List<Guid>>();
        var frontier = decisions.Select(d => d.PlatformId).Distinct().ToList();
        for (var hop = 0; hop <= MaxHops && frontier.Count > 0; hop++)
        {
            foreach (var p in await db.Platforms.AsNoTracking().Where(p => frontier.Contains(p.Id)).ToListAsync(ct)) platforms[p.Id] = p;
            var visible = frontier.Where(platforms.ContainsKey).ToList();
            var links = await db.DomainSuccessions.AsNoTracking().Where(s => visible.Contains(s.PlatformId) && s.ToPlatformId != null)
                .Select(s => new { s.PlatformId, To = s.ToPlatformId!.Value }).Distinct().ToListAsync(ct);
            foreach (var link in links)
            {
                if (!successorsOf.TryGetValue(link.PlatformId, out var list)) successorsOf[link.PlatformId] = list = [];
                if (!list.Contains(link.To)) list.Add(link.To);
            }
            frontier = links.Select(l => l.To).Where(id => !platforms.ContainsKey(id)).Distinct().ToList();
        }

        var entries = new List<BlocklistEntry>();
        var inputs = new List<(Tlp, Guid)>();
        foreach (var decision in decisions)
        {
            if (!platforms.TryGetValue(decision.PlatformId, out var decided)) continue;
            inputs.Add((decision.Tlp, decision.OwnerOrganisationId));
            // Breadth first from the decided platform: each platform reached once, with the chain that reached it.
            var chains = new Dictionary<Guid, List<Platform>> { [decided.Id] = [decided] };
            var queue = new Queue<Guid>([decided.Id]);
            while (queue.Count > 0)
            {
                var at = queue.Dequeue();
                foreach (var next in successorsOf.GetValueOrDefault(at) ?? [])
                {
                    if (chains.ContainsKey(next) || !platforms.TryGetValue(next, out var successor)) continue;
                    chains[next] = [.. chains[at], successor];
                    queue.Enqueue(next);
                }
            }
            foreach (var (_, chain) in chains)
            {
                var platform = chain[^1];
                var tlp = DerivedTlp.Of(chain.Select(p => (p.Tlp, p.OwnerOrganisationId)).Append((decision.Tlp, decision.OwnerOrganisationId)));
                inputs.AddRange(chain.Select(p => (p.Tlp, p.OwnerOrganisationId)));
                foreach (var domain in platform.Domains.OrderBy(d => d.Name, StringComparer.Ordinal))
                {
                    var name = new BlockedName(domain.Name, platform.Name, code, decision.Basis, decision.DecidedBy, decision.DecidedAt, decision.Until,
                        chain.Count > 1 ? decided.Name : null, tlp);
                    entries.Add(new BlocklistEntry(name, decision.Id, platform.Id));
                }
            }
        }
        var allowed = (await AllowLists.NamesAsync(db, ct)).Order(StringComparer.Ordinal).ToList();
        var listTlp = DerivedTlp.Of(inputs);
        var (serial, changedAt) = await PublishAsync(code, Digest(entries, allowed, listTlp), entries.Count == 0, now, ct);
        return new Blocklist(code, serial, changedAt, listTlp, entries, allowed);
    }

    /// <summary>What a caller's list is made of, as one digest: its rows (as the CSV gives them), the allow-list and the TLP.</summary>
    private static string Digest(List<BlocklistEntry> entries, List<string> allowed, Tlp tlp)
    {
        var csv = Blocklists.Write(BlocklistFormat.Csv, "", 0, default, entries.Select(e => e.Name), allowed);
        var text = new StringBuilder(csv).Append('\n').AppendJoin('\n', allowed).Append('\n').Append(tlp.Label());
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>The audience's serial: the one it was last given while the content is the same, else a larger one (the time, in seconds, when that is larger).</summary>
    private async Task<(uint Serial, DateTimeOffset ChangedAt)> PublishAsync(string jurisdiction, string digest, bool empty, DateTimeOffset now, CancellationToken ct)
    {
        var caller = db.Caller;
        var audience = caller.IsSystem ? "system" : $"{caller.OrganisationId:N}:{caller.MemberId:N}";
        for (var attempt = 0; ; attempt++)
        {
            var publication = await db.BlocklistPublications.SingleOrDefaultAsync(p => p.Jurisdiction == jurisdiction && p.Audience == audience, ct);
            if (publication is not null && publication.ContentDigest == digest) return ((uint)publication.Serial, publication.PublishedAt);
            // An audience that has never had a name in this list is not written down: serial 1, until there is something to publish.
            if (publication is null && empty) return (1, DateTimeOffset.UnixEpoch);
            var serial = Math.Max((publication?.Serial ?? 0) + 1, now.ToUnixTimeSeconds());
            if (serial > uint.MaxValue) serial = (publication?.Serial ?? 0) + 1;
            if (publication is null)
            {
                publication = new BlocklistPublication { Jurisdiction = jurisdiction, Audience = audience, ContentDigest = digest };
                db.BlocklistPublications.Add(publication);
            }
            // Each publication a later second than the one before: a client asking If-Modified-Since (whole seconds) never
            // misses a change made within the second it was last given.
            var at = publication.PublishedAt == default || now.ToUnixTimeSeconds() > publication.PublishedAt.ToUnixTimeSeconds()
                ? now
                : DateTimeOffset.FromUnixTimeSeconds(publication.PublishedAt.ToUnixTimeSeconds() + 1);
            publication.ContentDigest = digest;
            publication.Serial = serial;
            publication.PublishedAt = at;
            try
            {
                await db.SaveChangesAsync(ct);
                return ((uint)serial, at);
            }
            catch (DbUpdateException) when (attempt < 4)
            {
                // Another request of the same audience published at the same moment (the serial is a concurrency token, the
                // audience unique): read what it wrote and go again.
                db.Entry(publication).State = EntityState.Detached;
            }
        }
    }
}
