using Isop.Access;
using Isop.Cases;
using Isop.Data;
using Isop.Operations;
using Microsoft.EntityFrameworkCore;

namespace Isop.Pivots;

/// <summary>An identifier as a pivot names it: its type (a signal type monitoring records, or <c>infohash</c>) and its value.</summary>
public sealed record PivotId(string Type, string Value)
{
    /// <summary>The longest value a sighting keeps.</summary>
    public const int MaxValue = 500;

    public const string Expected = "expected type:value, such as wallet-bitcoin:bc1…, google-analytics:UA-…, telegram:channel, email:…, infohash:40 hexadecimal digits";

    /// <summary>The signal types monitoring records (<see cref="Crawling.Extraction.Signals"/>, the crawler's certificate, address and favicon signals), and torrents' info-hashes.</summary>
    public static readonly IReadOnlyList<string> Types =
    [
        "google-analytics", "google-tag-manager", "adsense", "yandex-metrika", "yandex-rtb", "facebook-pixel", "statcounter", "histats", "hotjar",
        "telegram", "discord", "whatsapp", "x", "email", "paypal", "donation", "affiliate",
        "wallet-bitcoin", "wallet-ethereum", "wallet-tron", "wallet-monero",
        "favicon-sha256", "favicon-mmh3", "tls-sha256", "tls-name", "ip", "tracker",
        "risk-miner", "risk-fake-update", "risk-forced-download", "risk-popunder",
        "infohash",
    ];

    /// <summary>The normalised form <c>type:value</c>, as cases store identifiers.</summary>
    public string Key => $"{Type}:{Value}";

    /// <summary>
    /// Reads <c>type:value</c>: the type in any letter case, spaces around either part ignored; an info-hash in lower-case
    /// hex, an e-mail address and a Telegram name (not a private invite) in lower case, as <see cref="CaseIdentifiers"/> keeps them.
    /// </summary>
    public static bool TryParse(string? text, out PivotId id, out string problem) => TryParse(text, out id, out _, out problem);

    public static bool TryParse(string? text, out PivotId id, out PivotProblem kind, out string problem)
    {
        (var parsed, kind, problem) = Parse(text);
        id = parsed ?? new PivotId("", "");
        return parsed is not null;
    }

    private static (PivotId? Id, PivotProblem Kind, string Problem) Parse(string? text)
    {
        static (PivotId?, PivotProblem, string) Fail(PivotProblem kind, string message) => (null, kind, message);
        var trimmed = text?.Trim() ?? "";
        if (trimmed.Length == 0) return Fail(PivotProblem.Required, "required: " + Expected);
        var colon = trimmed.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0) return Fail(PivotProblem.NoType, Expected);
        var type = trimmed[..colon].Trim().ToLowerInvariant();
        var value = trimmed[(colon + 1)..].Trim();
        if (!Types.Contains(type))
            return Fail(PivotProblem.UnknownType, $"unknown type \"{Web.TextChecks.Printable(type.Length > 40 ? type[..40] + "…" : type)}\": expected one of {string.Join(", ", Types)}");
        if (value.Length == 0) return Fail(PivotProblem.NoValue, $"expected a value after {type}:");
        if (value.Length > MaxValue) return Fail(PivotProblem.TooLong, $"expected a value of at most {MaxValue} characters after {type}:");
        if (value.Any(c => char.IsControl(c) || Web.TextChecks.IsDirectionControl(c))) return Fail(PivotProblem.ControlCharacters, "expected a value without control characters");
        switch (type)
        {
            case "infohash":
                if (value.Length is not (40 or 64) || !value.All(char.IsAsciiHexDigit)) return Fail(PivotProblem.InfoHash, "expected an info-hash of 40 (or 64) hexadecimal digits");
                value = value.ToLowerInvariant();
                break;
            case "email":
                value = value.ToLowerInvariant();
                break;
            case "telegram":
                value = value.TrimStart('@');
                if (!value.StartsWith('+')) value = value.ToLowerInvariant();
                break;
        }
        return (new PivotId(type, value), PivotProblem.None, "");
    }

    /// <summary>How operations compare the identifier (<see cref="SignalIdentity"/>): "" when it links nothing.</summary>
    public string Identity => Type == "infohash" ? "" : SignalIdentity.KeyOf(Type, Value);

    /// <summary>Whether a <c>type:value</c> names this identifier: the same normalised form, or the same identity (an Ethereum address in another letter case).</summary>
    public bool Names(string? other)
    {
        if (!TryParse(other, out var them, out _)) return false;
        if (them.Type == Type && them.Value == Value) return true;
        return Identity.Length > 0 && them.Identity == Identity;
    }
}

/// <summary>Why a text is not an identifier.</summary>
public enum PivotProblem { None, Required, NoType, UnknownType, NoValue, TooLong, ControlCharacters, InfoHash }

public sealed record PivotPlatform(Guid Id, string Name, DateTimeOffset FirstSeen, DateTimeOffset LastSeen, Tlp Tlp, string Href);

public sealed record PivotOperation(Guid Id, string Name, string Href, Tlp Tlp);

/// <summary>A case that names the identifier (<c>via</c>: identifier, person), or links a platform or operation it was seen on (platform, operation).</summary>
public sealed record PivotCase(Guid Id, string Title, CaseStatus Status, string Href, Tlp Tlp, string Via);

public sealed record PivotView(string Id, string Type, string Value, IReadOnlyList<PivotPlatform> Platforms, IReadOnlyList<PivotOperation> Operations, IReadOnlyList<PivotCase> Cases);

/// <summary>
/// Every identifier is a pivot: the platforms it was seen on, the operations those belong to and the cases that name it
/// or link them. Everything is read through the caller's visibility filters, so a platform, operation or case the
/// caller may not see is neither listed nor counted, and an operation is built from visible platforms only.
/// </summary>
public sealed class IdentifierPivot(IsopDb db, OperationFinder operations)
{
    public async Task<PivotView> FindAsync(PivotId id, CancellationToken ct)
    {
        var seen = id.Type == "infohash" ? await InfoHashAsync(id, ct) : await SignalsAsync(id, ct);
        var ids = seen.Select(s => s.Platform).ToList();
        var platforms = await db.Platforms.AsNoTracking().Where(p => ids.Contains(p.Id)).Select(p => new { p.Id, p.Name, p.Tlp }).ToDictionaryAsync(p => p.Id, ct);
        var listed = seen.Where(s => platforms.ContainsKey(s.Platform))
            .Select(s => new PivotPlatform(s.Platform, platforms[s.Platform].Name, s.First, s.Last, platforms[s.Platform].Tlp, $"/Platforms/{s.Platform}"))
            .OrderBy(p => p.FirstSeen).ThenBy(p => p.Name, StringComparer.Ordinal).ToList();
        var onPlatforms = listed.Select(p => p.Id).ToHashSet();

        var found = onPlatforms.Count == 0 ? [] : (await operations.FindAsync(ct)).Where(o => o.Platforms.Any(p => onPlatforms.Contains(p.Id))).ToList();
        var ops = found.Select(o => new PivotOperation(o.Id, NameOf(o), $"/Operations/{o.Id}", o.Tlp)).ToList();
        var inOperations = found.SelectMany(o => o.Platforms.Select(p => p.Id)).ToHashSet();
        return new PivotView(id.Key, id.Type, id.Value, listed, ops, await CasesAsync(id, onPlatforms, inOperations, ct));
    }

    /// <summary>An operation as people read it: its platforms' names (the first three, and how many more).</summary>
    public static string NameOf(Operation o) =>
        string.Join(" + ", o.Platforms.Take(3).Select(p => p.Name)) + (o.Platforms.Count > 3 ? $" + {o.Platforms.Count - 3}" : "");

    private sealed record Seen(Guid Platform, DateTimeOffset First, DateTimeOffset Last);

    private async Task<List<Seen>> SignalsAsync(PivotId id, CancellationToken ct)
    {
        var identity = id.Identity;
        var sightings = db.SignalSightings.AsNoTracking();
        // Linking kinds are found by their identity (any letter case, UA-1-2 as its account UA-1); others by their value in any letter case.
        var lower = id.Value.ToLowerInvariant();
        sightings = identity.Length > 0
            ? sightings.Where(s => s.Identity == identity || (s.Type == id.Type && s.Value == id.Value))
            : sightings.Where(s => s.Type == id.Type && s.Value.ToLower() == lower);
        var rows = await sightings.Select(s => new { s.PlatformId, s.FirstSeen, s.LastSeen }).ToListAsync(ct);
        return [.. rows.GroupBy(r => r.PlatformId).Select(g => new Seen(g.Key, g.Min(r => r.FirstSeen), g.Max(r => r.LastSeen)))];
    }

    private async Task<List<Seen>> InfoHashAsync(PivotId id, CancellationToken ct)
    {
        var upper = id.Value.ToUpperInvariant();
        var rows = await db.Observations.AsNoTracking().Where(o => o.InfoHash == id.Value || o.InfoHash == upper)
            .Select(o => new { o.PlatformId, o.FirstSeen, o.LastSeen }).ToListAsync(ct);
        return [.. rows.GroupBy(r => r.PlatformId).Select(g => new Seen(g.Key, g.Min(r => r.FirstSeen), g.Max(r => r.LastSeen)))];
    }

    private async Task<List<PivotCase>> CasesAsync(PivotId id, HashSet<Guid> onPlatforms, HashSet<Guid> inOperations, CancellationToken ct)
    {
        var via = new Dictionary<Guid, string>();
        void Add(Guid caseId, string how) => via.TryAdd(caseId, how);

        // Links come through their own filter: a link to a platform the caller may not see, or of a case they may not read, is not there.
        var prefix = id.Type + ":";
        var named = await db.CaseLinks.AsNoTracking().Where(l => l.Kind == CaseLinkKind.Identifier && l.Value != null && l.Value.StartsWith(prefix))
            .Select(l => new { l.CaseId, l.Value }).ToListAsync(ct);
        foreach (var l in named.Where(l => id.Names(l.Value))) Add(l.CaseId, "identifier");

        var lower = id.Value.ToLowerInvariant();
        var people = await db.CasePersons.AsNoTracking().Where(p => p.Handles.ToLower().Contains(lower)).Select(p => new { p.CaseId, p.Handles }).ToListAsync(ct);
        foreach (var p in people.Where(p => Monitoring.PlatformMonitor.Lines(p.Handles).Any(id.Names))) Add(p.CaseId, "person");

        var platforms = onPlatforms.Concat(inOperations).Distinct().ToList();
        if (platforms.Count > 0)
        {
            var linked = await db.CaseLinks.AsNoTracking()
                .Where(l => (l.Kind == CaseLinkKind.Platform || l.Kind == CaseLinkKind.Operation) && l.PlatformId != null && platforms.Contains(l.PlatformId.Value))
                .Select(l => new { l.CaseId, l.Kind, PlatformId = l.PlatformId!.Value }).ToListAsync(ct);
            foreach (var l in linked)
            {
                if (l.Kind == CaseLinkKind.Platform && onPlatforms.Contains(l.PlatformId)) Add(l.CaseId, "platform");
                else if (l.Kind == CaseLinkKind.Operation || inOperations.Contains(l.PlatformId)) Add(l.CaseId, "operation");
            }
        }
        if (via.Count == 0) return [];
        var caseIds = via.Keys.ToList();
        var cases = await db.Cases.AsNoTracking().Where(c => caseIds.Contains(c.Id)).Select(c => new { c.Id, c.Title, c.Status, c.Tlp, c.UpdatedAt }).ToListAsync(ct);
        return [.. cases.OrderByDescending(c => c.UpdatedAt).ThenBy(c => c.Id).Select(c => new PivotCase(c.Id, c.Title, c.Status, $"/Cases/{c.Id}", c.Tlp, via[c.Id]))];
    }
}
