using System.Text.RegularExpressions;

namespace Isop.Operations;

/// <summary>How much one shared identifier says about two sites being run by the same people.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<SignalStrength>))]
public enum SignalStrength
{
    /// <summary>Shared by unrelated sites as a matter of course (a CDN address, a certificate name, a tracker): never links.</summary>
    [System.Text.Json.Serialization.JsonStringEnumMemberName("weak")] Weak,
    /// <summary>Usually the operator's, but public enough to be copied or linked by others (a social profile): corroborates a link, never makes one.</summary>
    [System.Text.Json.Serialization.JsonStringEnumMemberName("medium")] Medium,
    /// <summary>An account of the operator (analytics, ads, wallet, messenger channel, contact, favicon, certificate): links on its own.</summary>
    [System.Text.Json.Serialization.JsonStringEnumMemberName("strong")] Strong,
}

/// <summary>
/// An identifier as operations compare it: the family it belongs to (two kinds of one favicon hash are one family), its
/// value in canonical form (an Ethereum address whatever its letter case, an analytics property by its account), and
/// its weight. Weak and placeholder identifiers have no identity: they are kept as evidence but never link anything.
/// </summary>
public sealed partial record SignalIdentity(string Family, string Value, SignalStrength Strength)
{
    /// <summary>Two platforms are linked when the strong identifiers they share weigh this much together.</summary>
    public const double LinkThreshold = 1.0;

    /// <summary>The stored form: <c>family:value</c>.</summary>
    public string Key => $"{Family}:{Value}";

    public double Weight => WeightOf(Strength);

    public static double WeightOf(SignalStrength strength) => strength switch { SignalStrength.Strong => 1.0, SignalStrength.Medium => 0.5, _ => 0 };

    /// <summary>Identifier kinds that link, and the family each belongs to. Anything else (ip, tls-name, tracker…) is weak.</summary>
    private static readonly Dictionary<string, (string Family, SignalStrength Strength)> Kinds = new(StringComparer.Ordinal)
    {
        ["google-analytics"] = ("google-analytics", SignalStrength.Strong),
        ["google-tag-manager"] = ("google-tag-manager", SignalStrength.Strong),
        ["adsense"] = ("adsense", SignalStrength.Strong),
        ["yandex-metrika"] = ("yandex-metrika", SignalStrength.Strong),
        ["yandex-rtb"] = ("yandex-rtb", SignalStrength.Strong),
        ["facebook-pixel"] = ("facebook-pixel", SignalStrength.Strong),
        ["statcounter"] = ("statcounter", SignalStrength.Strong),
        ["histats"] = ("histats", SignalStrength.Strong),
        ["hotjar"] = ("hotjar", SignalStrength.Strong),
        ["telegram"] = ("telegram", SignalStrength.Strong),
        ["discord"] = ("discord", SignalStrength.Strong),
        ["whatsapp"] = ("whatsapp", SignalStrength.Strong),
        ["x"] = ("x", SignalStrength.Medium),
        ["email"] = ("email", SignalStrength.Strong),
        ["favicon-sha256"] = ("favicon", SignalStrength.Strong),
        ["paypal"] = ("paypal", SignalStrength.Strong),
        ["donation"] = ("donation", SignalStrength.Strong),
        // A referral code in a link may come with a theme or a copied banner: it corroborates, it does not link alone.
        ["affiliate"] = ("affiliate", SignalStrength.Medium),
        ["tls-sha256"] = ("certificate", SignalStrength.Strong),
    };

    /// <summary>Local parts of addresses that belong to a service rather than to a person or a site's operator.</summary>
    private static readonly HashSet<string> ServiceMailboxes = new(StringComparer.Ordinal)
    {
        "abuse", "dmca", "copyright", "legal", "privacy", "noreply", "no-reply", "donotreply", "do-not-reply", "postmaster", "hostmaster", "mailer-daemon",
    };

    /// <summary>Local parts that stand for "your address here" in forms and templates.</summary>
    private static readonly HashSet<string> PlaceholderMailboxes = new(StringComparer.Ordinal)
    {
        "youremail", "your.email", "your-email", "your_email", "yourname", "your.name", "name", "user", "username", "email", "mail", "example", "test", "someone",
        "john.doe", "johndoe", "jane.doe", "janedoe", "me", "you",
    };

    /// <summary>Domains that stand for "an address goes here" in templates and documentation.</summary>
    private static readonly HashSet<string> PlaceholderDomains = new(StringComparer.Ordinal)
    {
        "example.com", "example.org", "example.net", "domain.com", "email.com", "yourdomain.com", "yoursite.com", "website.com", "mail.com", "sentry.io", "wixpress.com",
    };

    /// <summary>The identity of a sighting, or null when it never links (a weak kind, a placeholder, a service mailbox).</summary>
    public static SignalIdentity? Of(string type, string value)
    {
        if (!Kinds.TryGetValue(type, out var kind))
        {
            if (!type.StartsWith("wallet-", StringComparison.Ordinal)) return null;
            // An Ethereum-style address (and the tokens on it) is the same account in any letter case; others are case-sensitive.
            var wallet = type == "wallet-ethereum" ? value.ToLowerInvariant() : value;
            return Placeholder(wallet) ? null : new SignalIdentity(type, wallet, SignalStrength.Strong);
        }
        var canonical = kind.Family switch
        {
            // UA-1234567-2 and UA-1234567-5 are two properties of one account.
            "google-analytics" when value.StartsWith("UA-", StringComparison.Ordinal) && value.LastIndexOf('-') is var dash and > 3 => value[..dash],
            "adsense" => value.StartsWith("ca-", StringComparison.Ordinal) ? value[3..] : value,
            // Telegram and X names are case-insensitive; Telegram's private invite codes (+…) and Discord's invites are not.
            "telegram" when !value.StartsWith('+') => value.ToLowerInvariant(),
            "x" or "paypal" or "donation" => value.ToLowerInvariant(),
            "email" => value.ToLowerInvariant(),
            "whatsapp" => new string([.. value.Where(char.IsAsciiLetterOrDigit)]),
            "favicon" or "certificate" => value.ToLowerInvariant(),
            _ => value,
        };
        if (canonical.Length == 0 || Placeholder(canonical)) return null;
        if (kind.Family == "email")
        {
            var at = canonical.LastIndexOf('@');
            if (at <= 0 || ServiceMailboxes.Contains(canonical[..at]) || PlaceholderMailboxes.Contains(canonical[..at]) || PlaceholderDomains.Contains(canonical[(at + 1)..])) return null;
        }
        return new SignalIdentity(kind.Family, canonical, kind.Strength);
    }

    /// <summary>
    /// Mail providers where anyone opens an address: an address there is a person's account. An address at any other
    /// domain that is not the site's own belongs to an organisation (a theme's vendor, a host, an agency) and is
    /// only medium evidence that two sites are run together.
    /// </summary>
    private static readonly HashSet<string> FreeMail = new(StringComparer.Ordinal)
    {
        "gmail.com", "googlemail.com", "proton.me", "protonmail.com", "protonmail.ch", "pm.me", "tutanota.com", "tuta.io", "outlook.com", "hotmail.com",
        "live.com", "msn.com", "yahoo.com", "yahoo.fr", "yahoo.co.jp", "aol.com", "icloud.com", "me.com", "zoho.com", "gmx.com", "gmx.de", "gmx.net", "web.de",
        "yandex.ru", "yandex.com", "mail.ru", "inbox.ru", "bk.ru", "list.ru", "rambler.ru", "naver.com", "daum.net", "hanmail.net", "kakao.com", "nate.com",
        "qq.com", "163.com", "126.com", "sina.com", "orange.fr", "free.fr", "laposte.net", "sfr.fr", "wanadoo.fr", "yopmail.com", "cock.li", "onionmail.org",
    };

    /// <summary>
    /// The strength of an e-mail identity between sites with these host names: strong at a free-mail provider or at a
    /// domain of one of the sites (a site's own contact seen on another), medium at any other organisation's domain.
    /// </summary>
    public static SignalStrength EmailStrength(string address, IEnumerable<string> siteHosts)
    {
        var domain = address[(address.LastIndexOf('@') + 1)..];
        if (FreeMail.Contains(domain)) return SignalStrength.Strong;
        var site = Isop.Crawling.Urls.Site(domain);
        return siteHosts.Any(h => h.Equals(domain, StringComparison.Ordinal) || Isop.Crawling.Urls.Site(h) == site) ? SignalStrength.Strong : SignalStrength.Medium;
    }

    /// <summary>The stored key of a sighting ("" when it never links), for the index operations are found through.</summary>
    public static string KeyOf(string type, string value) => Of(type, value)?.Key ?? "";

    /// <summary>The family and value of a stored key.</summary>
    public static (string Family, string Value) Split(string key)
    {
        var colon = key.IndexOf(':');
        return colon < 0 ? (key, "") : (key[..colon], key[(colon + 1)..]);
    }

    public static SignalStrength StrengthOfFamily(string family) =>
        family.StartsWith("wallet-", StringComparison.Ordinal) ? SignalStrength.Strong
        : Kinds.Values.FirstOrDefault(k => k.Family == family) is { Family: not null } k ? k.Strength : SignalStrength.Weak;

    /// <summary>Template values: one character repeated (G-XXXXXXXXXX, ca-pub-0000…) or a counting run (1234567890).</summary>
    private static bool Placeholder(string value)
    {
        var core = PlaceholderCore().Replace(value, "");
        if (core.Length < 4) return core.Length == 0;
        if (core.All(c => char.ToLowerInvariant(c) == char.ToLowerInvariant(core[0]))) return true;
        var run = 0;
        for (var i = 1; i < core.Length; i++)
            if (char.IsAsciiDigit(core[i]) && char.IsAsciiDigit(core[i - 1]) && (core[i] - core[i - 1] + 10) % 10 == 1) run++;
        return run >= core.Length - 1;
    }

    [GeneratedRegex(@"^(?:UA-|G-|GTM-|pub-|R-A-|0x)|[-_.@]", RegexOptions.CultureInvariant)]
    private static partial Regex PlaceholderCore();
}
