using System.Globalization;
using System.Text.Json;
using Isop.Access;
using Isop.Data;
using Isop.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Isop.Operations;

/// <summary>A price that differs by country: what a view and a download would have cost there, legally.</summary>
public sealed record CountryPrice(
    [property: System.Text.Json.Serialization.JsonRequired] string Country,
    [property: System.Text.Json.Serialization.JsonRequired] decimal PricePerView,
    [property: System.Text.Json.Serialization.JsonRequired] decimal PricePerDownload);

/// <summary>
/// A rights holder's model of what piracy costs it: the legal price of a view and of a download (per country where
/// they differ), and the share of pirated views and downloads that would otherwise have been bought (the
/// substitution rate, as a low and a high bound). Shared like any record (AMBER by default: the owner's own).
/// </summary>
[RecordKind("loss-model")]
public sealed class LossModel : IShareable
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Name { get; set; }
    /// <summary>ISO 4217 code (EUR, KRW…).</summary>
    public required string Currency { get; set; }
    public decimal PricePerView { get; set; }
    public decimal PricePerDownload { get; set; }
    public double SubstitutionLow { get; set; }
    public double SubstitutionHigh { get; set; }
    /// <summary>ISO 3166 code of the country whose prices apply where a platform's domain names none.</summary>
    public required string DefaultCountry { get; set; }
    /// <summary>Prices by country, as JSON (a list of <see cref="CountryPrice"/>); <see cref="Prices"/> reads it.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string CountryPrices { get; set; } = "[]";
    public Tlp Tlp { get; set; } = Tlp.Amber;
    public Guid OwnerOrganisationId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public IReadOnlyList<CountryPrice> Prices => JsonSerializer.Deserialize<List<CountryPrice>>(CountryPrices, JsonSerializerOptions.Web) ?? [];
}

internal sealed class LossModelConfiguration : IEntityTypeConfiguration<LossModel>
{
    public void Configure(EntityTypeBuilder<LossModel> b)
    {
        b.Property(m => m.Name).HasMaxLength(200);
        b.Property(m => m.Currency).HasMaxLength(3);
        b.Property(m => m.DefaultCountry).HasMaxLength(2);
        b.Property(m => m.CountryPrices).HasMaxLength(20_000);
        b.Property(m => m.PricePerView).HasPrecision(18, 4);
        b.Property(m => m.PricePerDownload).HasPrecision(18, 4);
        b.HasIndex(m => m.OwnerOrganisationId);
        b.Ignore(m => m.Prices);
    }
}

/// <summary>A loss model as the API and the pages write it; <see cref="Validate"/> names every field that is wrong.</summary>
public sealed record LossModelInput
{
    public string? Name { get; init; }
    public string? Currency { get; init; }
    public decimal? PricePerView { get; init; }
    public decimal? PricePerDownload { get; init; }
    public double? SubstitutionLow { get; init; }
    public double? SubstitutionHigh { get; init; }
    public string? DefaultCountry { get; init; }
    public IReadOnlyList<CountryPrice>? CountryPrices { get; init; }
    public Tlp? Tlp { get; init; }
    public SharesDto? SharedWith { get; init; }

    private const decimal MaxPrice = 100_000;

    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(Name) || Name.Trim().Length > 200) errors["name"] = ["expected a name of 1 to 200 characters"];
        else if (Name.Any(c => char.IsControl(c) || char.IsSurrogate(c) && !char.IsSurrogatePair(Name, Name.IndexOf(c)))) errors["name"] = ["expected text without control characters"];
        if (Tlp is { } label && !Enum.IsDefined(label)) errors["tlp"] = [$"expected {TlpLabels.Expected}"];
        if (Currency is null || Currency.Length != 3 || !Currency.All(char.IsAsciiLetterUpper)) errors["currency"] = ["expected an ISO 4217 code in capitals (EUR, KRW, USD)"];
        if (PricePerView is not { } v || v < 0 || v > MaxPrice) errors["pricePerView"] = [$"expected a price from 0 to {MaxPrice}"];
        if (PricePerDownload is not { } d || d < 0 || d > MaxPrice) errors["pricePerDownload"] = [$"expected a price from 0 to {MaxPrice}"];
        if (SubstitutionLow is not { } low || low is < 0 or > 1 || double.IsNaN(low)) errors["substitutionLow"] = ["expected a rate from 0 to 1"];
        if (SubstitutionHigh is not { } high || high is < 0 or > 1 || double.IsNaN(high)) errors["substitutionHigh"] = ["expected a rate from 0 to 1"];
        else if (SubstitutionLow is { } l && l > high) errors["substitutionHigh"] = ["expected at least substitutionLow"];
        if (!Country(DefaultCountry)) errors["defaultCountry"] = ["expected an ISO 3166 code in capitals (KR, FR)"];
        var prices = CountryPrices ?? [];
        if (prices.Count > 250) errors["countryPrices"] = ["at most 250 countries"];
        for (var i = 0; i < Math.Min(prices.Count, 250); i++)
        {
            if (prices[i] is null)
            {
                errors[$"countryPrices[{i}]"] = ["expected an object with country, pricePerView and pricePerDownload"];
                continue;
            }
            if (!Country(prices[i].Country)) errors[$"countryPrices[{i}].country"] = ["expected an ISO 3166 code in capitals (KR, FR)"];
            if (prices[i].PricePerView is < 0 or > MaxPrice) errors[$"countryPrices[{i}].pricePerView"] = [$"expected a price from 0 to {MaxPrice}"];
            if (prices[i].PricePerDownload is < 0 or > MaxPrice) errors[$"countryPrices[{i}].pricePerDownload"] = [$"expected a price from 0 to {MaxPrice}"];
        }
        if (prices.Where(p => p is not null).Select(p => p.Country).Distinct().Count() < prices.Count(p => p is not null)) errors["countryPrices"] = ["each country at most once"];
        else if (errors.Count == 0 && JsonSerializer.Serialize(prices, JsonSerializerOptions.Web).Length > 20_000) errors["countryPrices"] = ["too long: at most 20,000 characters of JSON"];
        return errors;
    }

    private static bool Country(string? code) => code is { Length: 2 } && code.All(char.IsAsciiLetterUpper);

    public void ApplyTo(LossModel model)
    {
        model.Name = Name!.Trim();
        model.Currency = Currency!;
        model.PricePerView = PricePerView!.Value;
        model.PricePerDownload = PricePerDownload!.Value;
        model.SubstitutionLow = SubstitutionLow!.Value;
        model.SubstitutionHigh = SubstitutionHigh!.Value;
        model.DefaultCountry = DefaultCountry!;
        model.CountryPrices = JsonSerializer.Serialize(CountryPrices ?? [], JsonSerializerOptions.Web);
        if (Tlp is { } tlp) model.Tlp = tlp;
    }
}

/// <summary>One line of an estimate: what it is about, the views and downloads counted, and the loss as a range.</summary>
public sealed record LossLine(string Key, string Label, long Views, long Downloads, decimal Low, decimal High);

/// <summary>An estimate with every assumption it rests on.</summary>
public sealed record LossEstimate(Guid Model, string Currency, Tlp Tlp, IReadOnlyList<string> Assumptions, decimal Low, decimal High, IReadOnlyList<LossLine> Lines);

/// <summary>
/// Applies a loss model to the audience counters of recognised listings (views; downloads, or where a page shows none
/// the peers of a torrent as a lower bound): per work, platform, operation or release group, as a range from the low
/// to the high substitution rate. Only what the caller may see counts, and the estimate carries the strictest TLP of
/// the model and the platforms it rests on.
/// </summary>
public sealed class LossEstimates(IsopDb db, OperationFinder operations)
{
    public static readonly string[] Dimensions = ["work", "platform", "operation", "group"];

    public async Task<LossEstimate?> EstimateAsync(Guid modelId, string by, CancellationToken ct)
    {
        if (await db.Set<LossModel>().AsNoTracking().SingleOrDefaultAsync(m => m.Id == modelId, ct) is not { } model) return null;
        if (!Dimensions.Contains(by)) throw new InvalidInputException(new Dictionary<string, string[]> { ["by"] = [$"expected one of {string.Join(", ", Dimensions)}"] });
        var prices = model.Prices.ToDictionary(p => p.Country, StringComparer.Ordinal);
        // A platform's country: its oldest registered country-code domain (not one monitoring discovered, not a dark one), else the model's.
        var platforms = await db.Platforms.AsNoTracking()
            .Select(p => new { p.Id, p.Name, p.Tlp, p.OwnerOrganisationId, Domains = p.Domains.Where(d => !d.Discovered && d.DarkSince == null).OrderBy(d => d.FirstSeen).ThenBy(d => d.Name).Select(d => d.Name).ToList() })
            .ToDictionaryAsync(p => p.Id, ct);
        var countryOf = platforms.ToDictionary(p => p.Key, p => p.Value.Domains.Select(CountryOfDomain).FirstOrDefault(c => c is not null) ?? model.DefaultCountry);
        var works = await db.Works.AsNoTracking().Select(w => new { w.Id, w.ExternalId, w.Tlp, w.OwnerOrganisationId, Title = w.Titles.OrderBy(t => t.Position).Select(t => t.Text).FirstOrDefault() }).ToDictionaryAsync(w => w.Id, ct);
        var operationOf = by == "operation" ? (await operations.FindAsync(ct)).SelectMany(o => o.Platforms.Select(p => (p.Id, o))).ToDictionary(x => x.Id, x => x.o) : [];

        var lines = new Dictionary<string, (string Label, long Views, long Downloads, decimal Value)>(StringComparer.Ordinal);
        var used = new HashSet<Guid>();
        var usedWorks = new HashSet<Guid>();
        // The audience of recognised listings, added up in the database per platform, work and group (prices are per platform's country).
        var sums = await db.Observations.Where(o => o.Views != null && o.Recognition != null && o.Recognition.WorkId != null)
            .GroupBy(o => new { o.PlatformId, WorkId = o.Recognition!.WorkId!.Value, Group = by == "group" ? o.ReleaseGroup : null })
            .Select(g => new { g.Key.PlatformId, g.Key.WorkId, ReleaseGroup = g.Key.Group, Views = g.Sum(o => (double)o.Views!.Value), Downloads = g.Sum(o => (double)o.Downloads!.Value) })
            .ToListAsync(ct);
        foreach (var o in sums)
        {
            if (!platforms.TryGetValue(o.PlatformId, out var platform) || !works.TryGetValue(o.WorkId, out var work)) continue;
            // Added up as doubles in the database (no sum of capped counters overflows), read back within a long.
            var (views, downloads) = ((long)Math.Min(o.Views, long.MaxValue / 4), (long)Math.Min(o.Downloads, long.MaxValue / 4));
            if (views == 0 && downloads == 0) continue;
            var price = prices.GetValueOrDefault(countryOf[o.PlatformId]);
            var value = views * (price?.PricePerView ?? model.PricePerView) + downloads * (price?.PricePerDownload ?? model.PricePerDownload);
            var (key, label) = by switch
            {
                "work" => (o.WorkId.ToString(), work.Title ?? work.ExternalId),
                "platform" => (o.PlatformId.ToString(), platform.Name),
                "operation" => operationOf.TryGetValue(o.PlatformId, out var op) ? (op.Id.ToString(), string.Join(", ", op.Platforms.Select(p => p.Name))) : (o.PlatformId.ToString(), platform.Name),
                _ => (o.ReleaseGroup ?? "", o.ReleaseGroup ?? ""),
            };
            if (by == "group" && o.ReleaseGroup is null) continue;
            used.Add(o.PlatformId);
            usedWorks.Add(o.WorkId);
            if (by == "operation" && operationOf.TryGetValue(o.PlatformId, out var named)) foreach (var member in named.Platforms) used.Add(member.Id);
            var line = lines.GetValueOrDefault(key, (label, 0, 0, 0m));
            lines[key] = (label, line.Views + views, line.Downloads + downloads, line.Value + value);
        }
        var low = (decimal)model.SubstitutionLow;
        var high = (decimal)model.SubstitutionHigh;
        var result = lines.Select(l => new LossLine(l.Key, l.Value.Label, l.Value.Views, l.Value.Downloads, Math.Round(l.Value.Value * low, 2), Math.Round(l.Value.Value * high, 2)))
            .OrderByDescending(l => l.High).ThenBy(l => l.Label, StringComparer.Ordinal).ToList();
        var inv = CultureInfo.InvariantCulture;
        var assumptions = new List<string>
        {
            $"a view would have been worth {model.PricePerView.ToString(inv)} {model.Currency}, a download {model.PricePerDownload.ToString(inv)} {model.Currency}",
            $"between {model.SubstitutionLow.ToString("0.##", inv)} and {model.SubstitutionHigh.ToString("0.##", inv)} of pirated views and downloads would otherwise have been bought",
            $"a platform's country is the one its country-code domain names (.kr, .fr), else {model.DefaultCountry}",
            "views are the views, hits or plays a page shows; downloads are the downloads or grabs it shows, else the seeders and leechers of a torrent (a lower bound)",
            "only listings recognised as a catalogue work count, each once, with the counters of its latest sighting",
        };
        assumptions.AddRange(model.Prices.Select(p => $"in {p.Country}: a view {p.PricePerView.ToString(inv)} {model.Currency}, a download {p.PricePerDownload.ToString(inv)} {model.Currency}"));
        // Derived from the model, the platforms counted or named, and the works: the strictest of them.
        var tlp = DerivedTlp.Of(used.Where(platforms.ContainsKey).Select(id => (platforms[id].Tlp, platforms[id].OwnerOrganisationId))
            .Concat(usedWorks.Select(id => (works[id].Tlp, works[id].OwnerOrganisationId))).Append((model.Tlp, model.OwnerOrganisationId)));
        // The totals are rounded once, from the unrounded lines, so that every dimension gives the same total.
        var total = lines.Values.Sum(l => l.Value);
        return new LossEstimate(model.Id, model.Currency, tlp, assumptions, Math.Round(total * low, 2), Math.Round(total * high, 2), result);
    }

    /// <summary>The country a domain's country-code suffix names (site.kr, site.co.kr → KR), or null for a generic one.</summary>
    public static string? CountryOfDomain(string domain)
    {
        var last = domain[(domain.LastIndexOf('.') + 1)..];
        return last.Length == 2 && last.All(char.IsAsciiLetter) && last is not ("tv" or "io" or "me" or "cc" or "ws" or "to" or "gg" or "ai" or "co" or "la" or "fm" or "am" or "su")
            ? (last == "uk" ? "GB" : last.ToUpperInvariant()) : null;
    }
}

/// <summary>The one write path for loss models (API, pages): access first, then validation, then the change (audited).</summary>
public sealed class LossModelWrites(IsopDb db, TimeProvider time)
{
    public async Task<LossModel> CreateAsync(LossModelInput input, CancellationToken ct)
    {
        var organisation = db.Caller.OrganisationId ?? throw new AccessDeniedException($"{db.Caller.Name} is not a member of an organisation.");
        if (!db.Caller.CanWriteFor(organisation)) throw new AccessDeniedException($"{db.Caller.Name} may not write loss models for this organisation.");
        var errors = input.Validate();
        await RecordShares.ValidateAsync(db, input.SharedWith, errors, ct);
        InvalidInputException.ThrowIfAny(errors);
        var now = time.GetUtcNow();
        var model = new LossModel { Name = "", Currency = "", DefaultCountry = "", OwnerOrganisationId = organisation, CreatedAt = now, UpdatedAt = now };
        input.ApplyTo(model);
        db.LossModels.Add(model);
        await RecordShares.ReplaceAsync(db, model, input.SharedWith ?? SharesDto.None, ct);
        await db.SaveChangesAsync(ct);
        return model;
    }

    /// <summary>Replaces a model; null when the caller may not see it (a model they see but may not change is refused).</summary>
    public async Task<LossModel?> UpdateAsync(Guid id, LossModelInput input, CancellationToken ct)
    {
        if (await WritableAsync(id, "change", ct) is not { } model) return null;
        var errors = input.Validate();
        await RecordShares.ValidateAsync(db, input.SharedWith, errors, ct);
        InvalidInputException.ThrowIfAny(errors);
        input.ApplyTo(model);
        model.UpdatedAt = time.GetUtcNow();
        await RecordShares.ReplaceAsync(db, model, input.SharedWith, ct);
        await db.SaveChangesAsync(ct);
        return model;
    }

    public async Task<bool> DeleteAsync(Guid id, CancellationToken ct)
    {
        if (await WritableAsync(id, "delete", ct) is not { } model) return false;
        db.LossModels.Remove(model);
        await RecordShares.RemoveAllAsync<LossModel>(db, model.Id, ct);
        await db.SaveChangesAsync(ct);
        return true;
    }

    private async Task<LossModel?> WritableAsync(Guid id, string verb, CancellationToken ct)
    {
        var model = await db.LossModels.SingleOrDefaultAsync(m => m.Id == id, ct);
        if (model is not null && !db.Caller.CanWriteFor(model.OwnerOrganisationId)) throw new AccessDeniedException($"{db.Caller.Name} may not {verb} this loss model.");
        return model;
    }
}
