using System.Globalization;
using System.Text;
using Isop.Access;
using Isop.Data;
using Isop.ReleaseGroups;
using Microsoft.EntityFrameworkCore;

namespace Isop.Operations;

public sealed record NewPlatform(Guid Platform, string Name, IReadOnlyList<string> Domains, DateTimeOffset FirstSeen, int Listings);

public sealed record Grower(Guid Platform, string Name, int ThisWeek, int LastWeek);

public sealed record NewGroup(string Group, DateTimeOffset FirstSeen, int Releases);

public sealed record WorkUnderAttack(Guid Work, string Title, int ThisWeek, int LastWeek, int Platforms);

public sealed record NewSuccessor(Guid Platform, string Name, string From, string To, string Via, DateTimeOffset At);

/// <summary>What is new in a week: platforms, fast growers, release groups, works under sudden attack, successors of platforms that went dark.</summary>
public sealed record Digest(
    DateTimeOffset From, DateTimeOffset To, IReadOnlyList<NewPlatform> NewPlatforms, IReadOnlyList<Grower> FastGrowers, IReadOnlyList<NewGroup> NewGroups,
    IReadOnlyList<WorkUnderAttack> WorksUnderAttack, IReadOnlyList<NewSuccessor> Successors, Tlp Tlp);

/// <summary>
/// The weekly digest of emerging threats for the advisory group, from the records the caller may see: the week that
/// ends at <c>to</c> against the week before. A platform grows fast when it shows at least
/// <see cref="MinimumNew"/> new listings and twice as many as the week before; a work is under sudden attack on the
/// same terms, counted over every platform. The digest's TLP is the strictest of the platforms it names.
/// </summary>
public sealed partial class EmergingThreats(IsopDb db, ReleaseAnalysis releases, TimeProvider time)
{
    public const int MinimumNew = 5;

    public async Task<Digest> WeekAsync(DateTimeOffset? to, CancellationToken ct)
    {
        var end = to ?? time.GetUtcNow();
        if (end.UtcDateTime.Year < 2000 || end.UtcDateTime.Year > 9000) throw new Isop.Web.InvalidInputException(new Dictionary<string, string[]> { ["to"] = ["expected a time from the year 2000 to 9000"] });
        var start = end.AddDays(-7);
        var before = start.AddDays(-7);
        var platforms = await db.Platforms.AsNoTracking().Select(p => new { p.Id, p.Name, p.Tlp, p.OwnerOrganisationId, Domains = p.Domains.Select(d => d.Name).ToList() }).ToDictionaryAsync(p => p.Id, ct);
        var firstSeen = await db.Observations.GroupBy(o => o.PlatformId).Select(g => new { g.Key, First = g.Min(o => o.FirstSeen), Count = g.Count() }).ToListAsync(ct);
        var newPlatforms = firstSeen.Where(f => f.First >= start && f.First < end && platforms.ContainsKey(f.Key))
            .Select(f => new NewPlatform(f.Key, platforms[f.Key].Name, platforms[f.Key].Domains, f.First, f.Count)).OrderBy(p => p.FirstSeen).ToList();
        var weekly = await db.Observations.Where(o => o.FirstSeen >= before && o.FirstSeen < end)
            .GroupBy(o => new { o.PlatformId, ThisWeek = o.FirstSeen >= start }).Select(g => new { g.Key.PlatformId, g.Key.ThisWeek, Count = g.Count() }).ToListAsync(ct);
        var growers = weekly.GroupBy(w => w.PlatformId)
            .Select(g => (Id: g.Key, This: g.Where(x => x.ThisWeek).Sum(x => x.Count), Last: g.Where(x => !x.ThisWeek).Sum(x => x.Count)))
            .Where(g => g.This >= MinimumNew && g.This >= 2 * g.Last && g.Last > 0 && platforms.ContainsKey(g.Id))
            .Select(g => new Grower(g.Id, platforms[g.Id].Name, g.This, g.Last)).OrderByDescending(g => g.ThisWeek - g.LastWeek).ToList();
        // The new groups' profiles: the digest names them, and its TLP rests on their platforms.
        var profiles = await releases.FirstSeenBetweenAsync(start, end, ct);
        var groups = profiles
            .Select(g => new NewGroup(g.Group, g.FirstSeen, g.Releases)).OrderBy(g => g.FirstSeen).ToList();
        var attacks = await db.Observations.Where(o => o.FirstSeen >= before && o.FirstSeen < end && o.Recognition != null && o.Recognition.WorkId != null)
            .GroupBy(o => new { WorkId = o.Recognition!.WorkId!.Value, o.PlatformId, ThisWeek = o.FirstSeen >= start })
            .Select(g => new { g.Key.WorkId, g.Key.PlatformId, g.Key.ThisWeek, Count = g.Count() }).ToListAsync(ct);
        var titles = await db.Works.AsNoTracking().Select(w => new { w.Id, w.ExternalId, w.Tlp, w.OwnerOrganisationId, Title = w.Titles.OrderBy(t => t.Position).Select(t => t.Text).FirstOrDefault() }).ToDictionaryAsync(w => w.Id, ct);
        var underAttack = attacks.GroupBy(a => a.WorkId)
            .Select(g => (Work: g.Key, This: g.Where(x => x.ThisWeek).Sum(x => x.Count), Last: g.Where(x => !x.ThisWeek).Sum(x => x.Count), Platforms: g.Where(x => x.ThisWeek).Select(x => x.PlatformId).Distinct().Count()))
            .Where(g => g.This >= MinimumNew && g.This >= 2 * Math.Max(1, g.Last) && titles.ContainsKey(g.Work))
            .Select(g => new WorkUnderAttack(g.Work, titles[g.Work].Title ?? titles[g.Work].ExternalId, g.This, g.Last, g.Platforms))
            .OrderByDescending(w => w.ThisWeek).ToList();
        // A succession into a platform the caller may not see is not shown: its domain would say what that platform is.
        var successors = (await db.DomainSuccessions.AsNoTracking().Where(s => s.At >= start && s.At < end).ToListAsync(ct))
            .Where(s => platforms.ContainsKey(s.PlatformId) && (s.ToPlatformId is null || platforms.ContainsKey(s.ToPlatformId.Value)))
            .Select(s => new NewSuccessor(s.PlatformId, platforms[s.PlatformId].Name, s.FromDomain, s.ToDomain, s.Via, s.At)).OrderBy(s => s.At).ToList();
        // The digest carries the strictest TLP of everything it rests on: the platforms it names or counts, the works, the groups' platforms.
        var attackers = attacks.Where(a => underAttack.Any(w => w.Work == a.WorkId)).Select(a => a.PlatformId);
        var groupPlatforms = profiles.SelectMany(g => g.Platforms.Select(p => p.Platform));
        var named = newPlatforms.Select(p => p.Platform).Concat(growers.Select(g => g.Platform)).Concat(successors.Select(s => s.Platform)).Concat(attackers).Concat(groupPlatforms)
            .Where(platforms.ContainsKey).Distinct().ToList();
        var tlp = DerivedTlp.Of(named.Select(id => (platforms[id].Tlp, platforms[id].OwnerOrganisationId))
            .Concat(underAttack.Select(w => (titles[w.Work].Tlp, titles[w.Work].OwnerOrganisationId))));
        return new Digest(start, end, newPlatforms, growers, groups, underAttack, successors, tlp);
    }

    /// <summary>The digest as Markdown, with its TLP label first, in English (the advisory group's working language).</summary>
    public static string Markdown(Digest d)
    {
        var md = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        md.Append("**TLP:").Append(d.Tlp.Label()).Append("**\n\n");
        md.Append("# Emerging threats, ").Append(d.From.UtcDateTime.ToString("yyyy-MM-dd", inv)).Append(" to ").Append(d.To.UtcDateTime.ToString("yyyy-MM-dd", inv)).Append("\n\n");
        void Section<T>(string title, IReadOnlyList<T> items, string header, Func<T, string> row)
        {
            md.Append("## ").Append(title).Append("\n\n");
            if (items.Count == 0)
            {
                md.Append("None this week.\n\n");
                return;
            }
            md.Append(header).Append('\n').Append(string.Concat(header.Split('|').Skip(1).SkipLast(1).Select(_ => "|---"))).Append("|\n");
            foreach (var item in items) md.Append(row(item)).Append('\n');
            md.Append('\n');
        }
        // Table cells: no line ending of any kind, no control character, and the characters that start Markdown's own
        // constructs escaped (no link, image, HTML, entity, code or emphasis); parentheses and braces need none once
        // brackets are escaped, so "Site (range)" stays readable.
        static string E(string s)
        {
            // Defanged as advisories write them (hxxps://evil[.]test, www[.]site): no address in a cell becomes a link.
            s = Scheme().Replace(s, m => m.Value.ToLowerInvariant().Replace("http", "hxxp", StringComparison.Ordinal).Replace("://", "[:]//", StringComparison.Ordinal));
            s = Www().Replace(s, m => m.Value[..^1] + "[.]");
            var cell = new StringBuilder(s.Length);
            foreach (var c in s)
            {
                if (char.IsControl(c) || c is '\u2028' or '\u2029') cell.Append(' ');
                else if ("\\`*_[]<>|~&".Contains(c, StringComparison.Ordinal)) cell.Append('\\').Append(c);
                else cell.Append(c);
            }
            return cell.ToString();
        }
        Section("New platforms", d.NewPlatforms, "| platform | domains | first seen | listings |",
            p => $"| {E(p.Name)} | {E(string.Join(", ", p.Domains))} | {p.FirstSeen.UtcDateTime.ToString("yyyy-MM-dd", inv)} | {p.Listings} |");
        Section("Fast growers", d.FastGrowers, "| platform | new listings this week | the week before |", g => $"| {E(g.Name)} | {g.ThisWeek} | {g.LastWeek} |");
        Section("New release groups", d.NewGroups, "| group | first release | releases |", g => $"| {E(g.Group)} | {g.FirstSeen.UtcDateTime.ToString("yyyy-MM-dd HH:mm", inv)} | {g.Releases} |");
        Section("Works under sudden attack", d.WorksUnderAttack, "| work | new listings this week | the week before | platforms |",
            w => $"| {E(w.Title)} | {w.ThisWeek} | {w.LastWeek} | {w.Platforms} |");
        Section("Successors of platforms that went dark", d.Successors, "| platform | from | to | found by | when |",
            s => $"| {E(s.Name)} | {E(s.From)} | {E(s.To)} | {s.Via} | {s.At.UtcDateTime.ToString("yyyy-MM-dd HH:mm", inv)} |");
        return md.ToString();
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\b[a-z][a-z0-9+.-]{1,20}://", System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.CultureInvariant, 200)]
    private static partial System.Text.RegularExpressions.Regex Scheme();

    [System.Text.RegularExpressions.GeneratedRegex(@"\bwww\.", System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.CultureInvariant, 200)]
    private static partial System.Text.RegularExpressions.Regex Www();
}
