using System.Globalization;
using Isop.Platforms;
using Isop.Web;
using Microsoft.Extensions.Localization;

namespace Isop.Awareness;

/// <summary>A legal alternative, as the public API gives it.</summary>
public sealed record Alternative(string Work, string Service, string Url, string? Country);

/// <summary>The answer to a site check, in the reader's language.</summary>
public sealed record SiteAnswer(
    string Input, string Domain, string DisplayDomain, Verdict Verdict, string Headline, string Explanation, string? Platform,
    DateTimeOffset? Since, PlatformKind? Kind, string? KindLabel, int NetworkSize, IReadOnlyList<PublicBlock> Blocked,
    DateTimeOffset? TakenDownSince, IReadOnlyList<string> RiskCodes, IReadOnlyList<string> Risks, IReadOnlyList<Alternative> Alternatives,
    string? LegalService, string Language)
{
    /// <summary>The short link the answer was followed from ("bit.ly/3xYz"), when monitoring had followed it.</summary>
    public string? ShortLink { get; init; }
    /// <summary>The input is a link shortener's.</summary>
    public bool Shortener { get; init; }
}

/// <summary>The words of a verdict and of each risk (keys of the shared resources, which hold EN, FR and KO), and the answer built from them.</summary>
public static class SiteAnswers
{
    public static string NameOf(Verdict verdict) => verdict switch
    {
        Verdict.Piracy => "piracy",
        Verdict.Network => "network",
        Verdict.Blocked => "blocked",
        Verdict.TakenDown => "taken-down",
        Verdict.Legal => "legal",
        _ => "unknown",
    };

    public static string HeadlineOf(Verdict verdict) => verdict switch
    {
        Verdict.Piracy => "A known piracy site",
        Verdict.Network => "Part of a network of piracy sites",
        Verdict.Blocked => "A piracy site blocked by the authorities",
        Verdict.TakenDown => "A piracy site that no longer answers",
        Verdict.Legal => "A known legal service",
        _ => "Not known to Isop",
    };

    public static string ExplanationOf(Verdict verdict) => verdict switch
    {
        Verdict.Piracy => "This site offers films, series, music or webtoons without the permission of those who made them.",
        Verdict.Network => "This site is run together with other piracy sites: the same people, under several names.",
        Verdict.Blocked => "The authorities ordered internet providers to block this site, because it offers works without permission.",
        Verdict.TakenDown => "This piracy site no longer answers. Copies under new names often appear: they carry the same risks.",
        Verdict.Legal => "This is a legal service: the works it offers are licensed by those who made them.",
        _ => "Isop has no public record of this site. That is no proof that it is safe: if it offers new films or series for free, be careful.",
    };

    /// <summary>The risks of a kind of piracy site, as codes (the API gives them with their words).</summary>
    public static IReadOnlyList<string> RisksOf(PlatformKind kind) => kind switch
    {
        PlatformKind.StreamingSite => ["unlicensed", "malware", "scam"],
        PlatformKind.TorrentIndex => ["unlicensed", "uploading", "malware"],
        PlatformKind.DownloadBlog => ["unlicensed", "malware", "scam"],
        PlatformKind.Cyberlocker => ["unlicensed", "malware", "payment"],
        PlatformKind.IptvSeller => ["unlicensed", "payment", "no-refund"],
        PlatformKind.AddressList => ["unlicensed", "malware", "scam"],
        _ => ["unlicensed", "malware"],
    };

    public static string RiskText(string code) => code switch
    {
        "unlicensed" => "The works are offered without the permission of those who made them; those who make them are not paid.",
        "malware" => "Pop-ups, fake players and fake download buttons on such sites install malware on phones and computers.",
        "scam" => "Fake prizes, surveys and free subscriptions ask for personal details, phone numbers or card details.",
        "uploading" => "A torrent program shares what you download with others while you download it: you distribute the work yourself.",
        "payment" => "Paying such a site gives your card details to people who run an illegal business.",
        _ => "Pirate subscriptions stop without warning when the service is taken down, and nothing is refunded.",
    };

    public const string LegitimateHeadline = "A known legitimate site";
    public const string LegitimateExplanation = "Isop's partners know this site as legitimate: it is not a piracy site.";
    public const string ShortenerHeadline = "A short link Isop has not followed";
    public const string ShortenerExplanation = "This is a link shortener: it hides where it leads. Isop has not seen where this one leads, and never opens links for you: do not open it unless you trust whoever sent it.";

    /// <summary>The answer to one check: from the index only, so that a record the public may not see cannot change it.</summary>
    public static SiteAnswer Answer(string inputText, SiteInput asked, PublicSnapshot snapshot, DateTimeOffset now, string? country, IStringLocalizer l)
    {
        var language = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName is "fr" or "ko" ? CultureInfo.CurrentUICulture.TwoLetterISOLanguageName : "en";
        var (input, shortLink) = snapshot.Resolve(asked);
        var shortener = ShortLinks.IsShortener(asked.Host);
        var (_, entry) = snapshot.Find(input);
        var verdict = PublicSnapshot.VerdictOf(entry, now);
        var platform = entry?.Platform;
        var codes = platform is null ? [] : RisksOf(platform.Kind);
        var alternatives = new List<Alternative>();
        foreach (var offer in platform?.Offers ?? [])
        {
            var title = TitleIn(offer.Titles, language) ?? TitleIn(offer.Titles, "en") ?? offer.Titles.FirstOrDefault()?.Text ?? "";
            if (offer.Countries.Count == 0) alternatives.Add(new Alternative(title, offer.Service, offer.Url, null));
            else if (country is not null) { if (offer.Countries.Contains(country)) alternatives.Add(new Alternative(title, offer.Service, offer.Url, country)); }
            else alternatives.AddRange(offer.Countries.Select(c => new Alternative(title, offer.Service, offer.Url, c)));
        }
        var unfollowed = shortener && shortLink is null && verdict == Verdict.Unknown;
        // On the allow-list without a legal offer: legitimate (a news site, a wiki), not a licensed service.
        var legitimate = verdict == Verdict.Legal && entry?.LegalService is "";
        var headline = unfollowed ? ShortenerHeadline : legitimate ? LegitimateHeadline : HeadlineOf(verdict);
        var explanation = unfollowed ? ShortenerExplanation : legitimate ? LegitimateExplanation : ExplanationOf(verdict);
        return new SiteAnswer(inputText, input.Host, input.Display, verdict, l[headline].Value, l[explanation].Value, platform?.Name,
            platform?.Since, platform?.Kind, platform is null ? null : l[KindLabels.Of(platform.Kind)].Value, platform?.NetworkSize ?? 0, platform?.Blocked ?? [],
            verdict == Verdict.TakenDown ? entry!.DarkSince : null, codes, [.. codes.Select(c => l[RiskText(c)].Value)], alternatives,
            entry?.LegalService is { Length: > 0 } service ? service : null, language) { ShortLink = shortLink, Shortener = shortener };
    }

    private static string? TitleIn(IReadOnlyList<Catalogue.CatalogueTitle> titles, string language) =>
        titles.FirstOrDefault(t => t.Language == language || t.Language.StartsWith(language + "-", StringComparison.Ordinal))?.Text;

    /// <summary>The country whose offers are shown: the one asked for, else the region of the reader's first language (ko-KR: KR).</summary>
    public static string? CountryOf(string? asked, string? acceptLanguage)
    {
        if (asked is { Length: > 0 }) return Access.Countries.IsAssigned(asked.Trim().ToUpperInvariant()) ? asked.Trim().ToUpperInvariant() : null;
        var first = acceptLanguage?.Split(',')[0].Split(';')[0].Trim();
        var dash = first?.LastIndexOf('-') ?? -1;
        if (first is null || dash < 0) return null;
        var region = first[(dash + 1)..].ToUpperInvariant();
        return Access.Countries.IsAssigned(region) ? region : null;
    }
}
