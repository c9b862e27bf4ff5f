using System.Net;
using System.Text.Json;
using Isop.Access;
using Isop.Data;
using Isop.Monitoring;
using Isop.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Isop.Enforcement;

/// <summary>
/// An abuse contact of the address book: a host, registrar, CDN, search engine or platform, its abuse address, and
/// what it is responsible for (domain suffixes it registers or hosts, address ranges it announces). The same for every
/// member: abuse desks are public contact points.
/// </summary>
public sealed class AbuseContact
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Name { get; set; }
    /// <summary>One of <see cref="Contacts.Kinds"/>.</summary>
    public required string Kind { get; set; }
    public required string Email { get; set; }
    public string? Country { get; set; }
    /// <summary>Domain suffixes, one a line: a registry's TLD, a registrar's or a free host's domains.</summary>
    public string Domains { get; set; } = "";
    /// <summary>Address ranges (CIDR), one a line.</summary>
    public string Networks { get; set; } = "";
    public string? Notes { get; set; }
    public required string AddedBy { get; set; }
    public Guid? AddedByOrganisationId { get; set; }
    public DateTimeOffset AddedAt { get; set; }

    public IReadOnlyList<string> DomainList => Monitoring.PlatformMonitor.Lines(Domains);
    public IReadOnlyList<string> NetworkList => Monitoring.PlatformMonitor.Lines(Networks);
}

internal sealed class AbuseContactModel : IEntityTypeConfiguration<AbuseContact>
{
    public void Configure(EntityTypeBuilder<AbuseContact> b)
    {
        b.Property(c => c.Name).HasMaxLength(200);
        b.Property(c => c.Kind).HasMaxLength(20);
        b.Property(c => c.Email).HasMaxLength(320);
        b.Property(c => c.Country).HasMaxLength(2);
        b.Property(c => c.Domains).HasMaxLength(20_000);
        b.Property(c => c.Networks).HasMaxLength(20_000);
        b.Property(c => c.Notes).HasMaxLength(2000);
        b.Property(c => c.AddedBy).HasMaxLength(256);
        b.Ignore(c => c.DomainList);
        b.Ignore(c => c.NetworkList);
        b.HasIndex(c => c.Email).IsUnique();
    }
}

public sealed record ContactInput(string? Name, string? Kind, string? Email, string? Country, IReadOnlyList<string>? Domains, IReadOnlyList<string>? Networks, string? Notes);

public sealed record ContactView(Guid Id, string Name, string Kind, string Email, string? Country, IReadOnlyList<string> Domains, IReadOnlyList<string> Networks, string? Notes, string AddedBy, DateTimeOffset AddedAt)
{
    public static ContactView Of(AbuseContact c) => new(c.Id, c.Name, c.Kind, c.Email, c.Country, c.DomainList, c.NetworkList, c.Notes, c.AddedBy, c.AddedAt);
}

/// <summary>A contact proposed as the recipient of a notice about a platform, and why: the reasons come from the platform's domains and evidence, so they carry its TLP.</summary>
public sealed record ContactProposal(ContactView Contact, IReadOnlyList<string> Reasons, Tlp Tlp);

public sealed record ContactImport(int Added, int Updated);

/// <summary>
/// The address book: added by any writing member, changed or removed by the organisation that added a contact or by
/// platform admins, imported from CSV (all or nothing, each problem with its line and column), and searched for the
/// ones responsible for a platform: by its domains' suffixes and by the addresses its pages were fetched from.
/// </summary>
public sealed class Contacts(IsopDb db, MonitorSettings monitoring)
{
    public static readonly IReadOnlyList<string> Kinds = ["host", "registrar", "cdn", "search-engine", "platform", "other"];
    public const int MaxImportRows = 10_000;
    private static readonly string[] Columns = ["name", "kind", "email", "country", "domains", "networks", "notes"];

    public async Task<List<AbuseContact>> ListAsync(string? q, CancellationToken ct)
    {
        var query = db.AbuseContacts.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(q))
        {
            var term = q.Trim().ToLower();
            query = query.Where(c => c.Name.ToLower().Contains(term) || c.Email.Contains(term) || c.Domains.Contains(term));
        }
        return await query.OrderBy(c => c.Name).ThenBy(c => c.Email).Take(1000).ToListAsync(ct);
    }

    public async Task<AbuseContact> AddAsync(ContactInput input, CancellationToken ct)
    {
        RequireWriter();
        var errors = new Dictionary<string, string[]>();
        var contact = Validate(input, "", errors);
        InvalidInputException.ThrowIfAny(errors);
        if (await db.AbuseContacts.AnyAsync(c => c.Email == contact!.Email, ct))
            throw new Catalogue.ConflictException($"The address book already has {contact!.Email}.");
        db.AbuseContacts.Add(contact!);
        await db.SaveChangesAsync(ct);
        return contact!;
    }

    public async Task<bool> RemoveAsync(Guid id, CancellationToken ct)
    {
        var contact = await db.AbuseContacts.SingleOrDefaultAsync(c => c.Id == id, ct);
        if (contact is null) return false;
        if (!MayChange(contact)) throw new AccessDeniedException($"{db.Caller.Name} may not remove this contact: the organisation that added it, or a platform admin, does.");
        db.AbuseContacts.Remove(contact);
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>Imports a CSV address book (header: name, kind, email, and optionally country, domains, networks, notes): a contact whose e-mail is known is updated.</summary>
    public async Task<ContactImport> ImportAsync(string csv, CancellationToken ct)
    {
        RequireWriter();
        var errors = new Dictionary<string, string[]>();
        var rows = new List<(int Line, AbuseContact Contact)>();
        try
        {
            int[]? map = null;
            foreach (var (line, cells) in CsvReader.Read(csv, MaxImportRows + 1))
            {
                if (map is null)
                {
                    map = [.. cells.Select(c => Array.IndexOf(Columns, c.Trim().ToLowerInvariant()))];
                    for (var i = 0; i < cells.Count; i++)
                        if (map[i] < 0) errors[$"line {line}, column {i + 1}"] = [$"unknown column \"{cells[i]}\": expected {string.Join(", ", Columns)}"];
                    foreach (var required in new[] { 0, 1, 2 })
                        if (!map.Contains(required)) errors[$"line {line}"] = [$"the header has no {Columns[required]} column"];
                    if (errors.Count > 0) break;
                    continue;
                }
                string? Cell(int column) => Array.IndexOf(map, column) is var i and >= 0 && i < cells.Count && cells[i].Trim().Length > 0 ? cells[i].Trim() : null;
                static List<string> Items(string? text) => [.. (text ?? "").Split([' ', ';', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
                if (cells.Count > map.Length) errors[$"line {line}"] = [$"{cells.Count} cells, the header names {map.Length}"];
                var contact = Validate(new ContactInput(Cell(0), Cell(1), Cell(2), Cell(3), Items(Cell(4)), Items(Cell(5)), Cell(6)), $"line {line}, ", errors);
                if (contact is not null) rows.Add((line, contact));
            }
            if (map is null) errors["line 1"] = ["the file is empty: expected a header line (name,kind,email,country,domains,networks,notes)"];
        }
        catch (CsvFormatException e)
        {
            errors[$"line {e.Line}"] = [e.Message[(e.Message.IndexOf(':') + 2)..]];
        }
        if (rows.Count > MaxImportRows) errors["rows"] = [$"at most {MaxImportRows} contacts in one import"];
        foreach (var twice in rows.GroupBy(r => r.Contact.Email).Where(g => g.Count() > 1))
            errors[$"line {twice.Last().Line}, email"] = [$"{twice.Key} is already on line {twice.First().Line}"];
        InvalidInputException.ThrowIfAny(errors);

        var emails = rows.Select(r => r.Contact.Email).ToList();
        var existing = await db.AbuseContacts.Where(c => emails.Contains(c.Email)).ToDictionaryAsync(c => c.Email, ct);
        foreach (var (line, contact) in rows.Where(r => existing.TryGetValue(r.Contact.Email, out var known) && !MayChange(known)))
            errors[$"line {line}, email"] = [$"{contact.Email} was added by another organisation: it or a platform admin changes it"];
        InvalidInputException.ThrowIfAny(errors);
        var (added, updated) = (0, 0);
        foreach (var (_, contact) in rows)
        {
            if (existing.TryGetValue(contact.Email, out var known))
            {
                (known.Name, known.Kind, known.Country, known.Domains, known.Networks, known.Notes) = (contact.Name, contact.Kind, contact.Country, contact.Domains, contact.Networks, contact.Notes);
                updated++;
            }
            else
            {
                db.AbuseContacts.Add(contact);
                added++;
            }
        }
        await db.SaveChangesAsync(ct);
        return new ContactImport(added, updated);
    }

    /// <summary>
    /// The contacts responsible for a platform, as far as Isop knows: those whose domain suffixes cover one of its domains
    /// (registry, registrar, free host), and those whose address ranges hold an address its pages were fetched from (the
    /// WARC-IP-Address of its latest evidence records). Null when the caller may not see the platform.
    /// </summary>
    public async Task<List<ContactProposal>?> ProposeAsync(Guid platformId, CancellationToken ct)
    {
        var platform = await db.Platforms.AsNoTracking().SingleOrDefaultAsync(p => p.Id == platformId, ct);
        if (platform is null) return null;
        var records = await db.Observations.AsNoTracking().Where(o => o.PlatformId == platformId && o.WarcFile != null && o.WarcOffset != null)
            .OrderByDescending(o => o.LastSeen).Select(o => new { o.WarcFile, o.WarcOffset }).Distinct().Take(20).ToListAsync(ct);
        var addresses = new HashSet<IPAddress>();
        foreach (var r in records)
        {
            try
            {
                if (MonitoringApi.ReadRecord(monitoring, platformId, r.WarcFile!, r.WarcOffset!.Value)?["WARC-IP-Address"] is { } text && IPAddress.TryParse(text, out var address))
                    addresses.Add(address);
            }
            catch (Exception e) when (e is Crawling.Warc.WarcFormatException or InvalidDataException or IOException)
            {
                // Evidence that cannot be read proposes nothing.
            }
        }
        var proposals = new List<ContactProposal>();
        foreach (var contact in await db.AbuseContacts.AsNoTracking().ToListAsync(ct))
        {
            var reasons = new List<string>();
            foreach (var domain in platform.Domains.Select(d => d.Name))
                if (contact.DomainList.FirstOrDefault(s => AllowList.IsWithin(domain, s)) is { } suffix) reasons.Add($"{domain} is under {suffix}");
            foreach (var address in addresses)
                if (contact.NetworkList.FirstOrDefault(n => IPNetwork.TryParse(n, out var network) && network.Contains(address)) is { } range) reasons.Add($"its pages were served from {address}, in {range}");
            if (reasons.Count > 0) proposals.Add(new ContactProposal(ContactView.Of(contact), reasons, platform.Tlp));
        }
        return [.. proposals.OrderByDescending(p => p.Contact.Kind == "host" ? 1 : 0).ThenByDescending(p => p.Reasons.Count).ThenBy(p => p.Contact.Name, StringComparer.Ordinal)];
    }

    private bool MayChange(AbuseContact contact) =>
        db.Caller.IsSystem || (db.Caller.IsPlatformAdmin && db.Caller.Role == MemberRole.Admin)
        || (contact.AddedByOrganisationId is { } org && db.Caller.CanWriteFor(org));

    private void RequireWriter()
    {
        if (db.Caller.IsSystem) return;
        if (db.Caller.OrganisationId is not { } org || !db.Caller.CanWriteFor(org))
            throw new AccessDeniedException($"{db.Caller.Name} may not change the address book.");
    }

    private AbuseContact? Validate(ContactInput input, string at, Dictionary<string, string[]> errors)
    {
        var before = errors.Count;
        var name = DecisionWrites.Text(input.Name, at + "name", 200, errors, singleLine: true);
        var kind = input.Kind?.Trim().ToLowerInvariant();
        if (kind is null || !Kinds.Contains(kind)) errors[at + "kind"] = [$"expected one of {string.Join(", ", Kinds)}, got \"{input.Kind}\""];
        var email = input.Email?.Trim().ToLowerInvariant();
        if (email is null || !NoticeWrites.IsOneAddress(email))
            errors[at + "email"] = [$"expected one e-mail address such as abuse@host.example, got \"{input.Email}\""];
        string? country = null;
        if (!string.IsNullOrWhiteSpace(input.Country))
        {
            if (Jurisdictions.TryParse(input.Country, out var code)) country = code;
            else errors[at + "country"] = [Jurisdictions.Problem(input.Country)];
        }
        var domains = new List<string>();
        foreach (var (d, i) in (input.Domains ?? []).Select((d, i) => (d, i)))
        {
            // A suffix may be a top-level domain (a registry's): checked as a name, not as a registrable domain.
            var text = d.Trim().TrimStart('.').TrimEnd('.').ToLowerInvariant();
            if (text.Length is 0 or > 253 || !text.Split('.').All(l => l.Length is > 0 and <= 63 && l.All(c => char.IsAsciiLetterOrDigit(c) || c == '-')))
                errors[$"{at}domains[{i}]"] = [$"expected a domain or suffix such as blogspot.com or kr, got \"{d}\""];
            else if (!domains.Contains(text)) domains.Add(text);
        }
        var networks = new List<string>();
        foreach (var (n, i) in (input.Networks ?? []).Select((n, i) => (n, i)))
        {
            if (IPNetwork.TryParse(n.Trim(), out var network)) networks.Add(network.ToString());
            else errors[$"{at}networks[{i}]"] = [$"expected an address range such as 203.0.113.0/24 or 2001:db8::/32, got \"{n}\""];
        }
        if (domains.Count + networks.Count > 500) errors[at + "domains"] = ["at most 500 domains and ranges"];
        string? notes = null;
        if (!string.IsNullOrWhiteSpace(input.Notes)) notes = DecisionWrites.Text(input.Notes, at + "notes", 2000, errors);
        if (errors.Count > before) return null;
        return new AbuseContact
        {
            Name = name!, Kind = kind!, Email = email!, Country = country, Domains = string.Join('\n', domains), Networks = string.Join('\n', networks), Notes = notes,
            AddedBy = db.Caller.Name, AddedByOrganisationId = db.Caller.OrganisationId, AddedAt = db.Time.GetUtcNow(),
        };
    }

    public static ContactInput Read(JsonElement body, Dictionary<string, string[]> errors)
    {
        JsonFields.RejectUnknown(body, ["name", "kind", "email", "country", "domains", "networks", "notes"], errors);
        return new ContactInput(JsonFields.String(body, "name", errors), JsonFields.String(body, "kind", errors), JsonFields.String(body, "email", errors),
            JsonFields.String(body, "country", errors), JsonFields.Strings(body, "domains", errors), JsonFields.Strings(body, "networks", errors), JsonFields.String(body, "notes", errors));
    }
}
