using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Isop.Crawling.Extraction;

/// <summary>An identifier that can tie a site to its operator or its money.</summary>
public sealed record Signal(string Type, string Value, string Context);

/// <summary>
/// Finds operator identifiers in page source and decoded scripts: analytics and tag-manager IDs, ad publisher IDs,
/// counters, checksum-valid crypto wallets, e-mail addresses (including Cloudflare-obfuscated ones) and messenger
/// or social links. Every pattern is bounded and time-limited.
/// </summary>
public static partial class Signals
{
    private const int ContextChars = 40;

    private static readonly (string Type, Regex Pattern)[] Identifiers =
    [
        ("google-analytics", UniversalAnalytics()),
        ("google-analytics", Ga4()),
        ("google-tag-manager", Gtm()),
        ("adsense", AdSense()),
        ("yandex-metrika", YandexMetrika()),
        ("yandex-rtb", YandexRtb()),
        ("facebook-pixel", FacebookPixel()),
        ("statcounter", StatCounter()),
        ("histats", Histats()),
        ("hotjar", Hotjar()),
        ("telegram", Telegram()),
        ("discord", Discord()),
        ("x", Twitter()),
        ("whatsapp", WhatsApp()),
        ("paypal", PayPal()),
        ("donation", Donation()),
        ("affiliate", Affiliate()),
    ];

    /// <summary>Dangers to a site's visitors, as page source shows them: the value names what was seen.</summary>
    private static readonly (string Type, Regex Pattern)[] Risks =
    [
        ("risk-miner", Miner()),
        ("risk-fake-update", FakeUpdate()),
        ("risk-forced-download", ForcedDownload()),
        ("risk-popunder", Popunder()),
    ];

    [GeneratedRegex(@"(?:paypal\.me|paypal\.com/paypalme)/(?!(?:home|login|signup|my)\b)(?<id>[A-Za-z0-9_.-]{2,64})", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, 500)]
    private static partial Regex PayPal();

    // service/account, never the services' own pages (posts, join, login…).
    [GeneratedRegex(@"(?<id>(?:ko-fi\.com|buymeacoffee\.com|patreon\.com|boosty\.to|toon\.at/donate)/(?!(?:posts?|join|login|signup|home|explore|search|c|m|about|pricing|creators?|help)\b)[A-Za-z0-9_-]{2,64})", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, 500)]
    private static partial Regex Donation();

    [GeneratedRegex(@"https?://(?<host>[A-Za-z0-9.-]{1,253})/[^\s""'<>]{0,300}?[?&](?:aff_?id|affiliate(?:_id)?|a_aid|ref_?id|partner_?id)=(?<code>[A-Za-z0-9_-]{2,64})", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, 500)]
    private static partial Regex Affiliate();

    [GeneratedRegex(@"\b(?:coinhive|coin-hive|cryptoloot|crypto-loot|coinimp|webminepool|jsecoin|minero\.cc|cryptonight\.wasm|CoinHive\.Anonymous|miner\.start\s*\()", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, 500)]
    private static partial Regex Miner();

    [GeneratedRegex(@"(?:update\s+your\s+(?:flash|video|media)?\s*player|your\s+(?:flash|video)\s+player\s+is\s+out\s+of\s+date|플레이어\s*업데이트|플레이어를\s*업데이트|mettre\s+à\s+jour\s+votre\s+lecteur|mise\s+à\s+jour\s+du\s+lecteur)", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, 500)]
    private static partial Regex FakeUpdate();

    [GeneratedRegex(@"(?:href|src|location(?:\.href)?\s*=)\s*=?\s*[""'](?<u>[^""'\s<>]{1,500}\.(?:exe|scr|msi|apk|bat|cmd|dmg|jar)(?:\?[^""'\s<>]{0,200})?)[""']", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, 500)]
    private static partial Regex ForcedDownload();

    [GeneratedRegex(@"(?:popads\.net|popcash\.net|propellerads|adsterra|popunder|onclickads|clickadu|hilltopads|a-ads\.com/pop|\bpop\.js\b)", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, 500)]
    private static partial Regex Popunder();

    [GeneratedRegex(@"\bUA-\d{4,10}-\d{1,4}\b", RegexOptions.CultureInvariant, 500)]
    private static partial Regex UniversalAnalytics();

    [GeneratedRegex(@"(?:gtag\s*\(\s*['""]config['""]\s*,\s*['""]|googletagmanager\.com/gtag/js\?id=)(?<id>G-[A-Z0-9]{6,12})\b", RegexOptions.CultureInvariant, 500)]
    private static partial Regex Ga4();

    [GeneratedRegex(@"\bGTM-[A-Z0-9]{4,9}\b", RegexOptions.CultureInvariant, 500)]
    private static partial Regex Gtm();

    [GeneratedRegex(@"\bca-pub-\d{10,20}\b", RegexOptions.CultureInvariant, 500)]
    private static partial Regex AdSense();

    [GeneratedRegex(@"(?:\bym\s*\(\s*|mc\.yandex\.ru/watch/|yaCounter)(?<id>\d{5,10})", RegexOptions.CultureInvariant, 500)]
    private static partial Regex YandexMetrika();

    [GeneratedRegex(@"\b(?<id>R-A-\d{4,10})-\d{1,4}\b", RegexOptions.CultureInvariant, 500)]
    private static partial Regex YandexRtb();

    [GeneratedRegex(@"fbq\s*\(\s*['""]init['""]\s*,\s*['""](?<id>\d{10,20})['""]", RegexOptions.CultureInvariant, 500)]
    private static partial Regex FacebookPixel();

    [GeneratedRegex(@"sc_project\s*=\s*(?<id>\d{5,10})", RegexOptions.CultureInvariant, 500)]
    private static partial Regex StatCounter();

    [GeneratedRegex(@"Histats\.start'\s*,\s*'1,(?<id>\d{4,10}),", RegexOptions.CultureInvariant, 500)]
    private static partial Regex Histats();

    [GeneratedRegex(@"\bhjid\s*:\s*(?<id>\d{5,10})", RegexOptions.CultureInvariant, 500)]
    private static partial Regex Hotjar();

    // A channel or group name, or a private invite (t.me/+code, t.me/joinchat/code); not Telegram's own paths (share buttons, sticker packs, instant view, proxies).
    [GeneratedRegex(@"(?:https?://)?(?:t\.me|telegram\.me|telegram\.dog)/(?:joinchat/(?<invite>[A-Za-z0-9_-]{8,64})|(?!(?:share|addstickers|addemoji|addtheme|iv|proxy|socks|setlanguage|login|confirmphone|joinchat)\b)(?<id>\+?[A-Za-z0-9_]{4,64}))", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, 500)]
    private static partial Regex Telegram();

    [GeneratedRegex(@"(?:https?://)?(?:discord\.gg|discord(?:app)?\.com/invite)/(?<id>[A-Za-z0-9-]{2,32})", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, 500)]
    private static partial Regex Discord();

    [GeneratedRegex(@"https?://(?:www\.)?(?:twitter|x)\.com/(?!intent\b|share\b|home\b|search\b|hashtag\b|i/)(?<id>[A-Za-z0-9_]{1,15})\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, 500)]
    private static partial Regex Twitter();

    [GeneratedRegex(@"(?:wa\.me/|api\.whatsapp\.com/send\?phone=|chat\.whatsapp\.com/)(?<id>\+?[A-Za-z0-9]{6,32})", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, 500)]
    private static partial Regex WhatsApp();

    [GeneratedRegex(@"(?<![A-Za-z0-9])(?:[13][1-9A-HJ-NP-Za-km-z]{25,34}|T[1-9A-HJ-NP-Za-km-z]{33}|[bB][cC]1[02-9AC-HJ-NP-Zac-hj-np-z]{11,87}|0x[0-9a-fA-F]{40}|[48][1-9A-HJ-NP-Za-km-z]{94}(?:[1-9A-HJ-NP-Za-km-z]{11})?)(?![A-Za-z0-9])", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex WalletCandidate();

    [GeneratedRegex(@"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]{1,64}@(?:[A-Za-z0-9-]{1,63}\.){1,8}[A-Za-z]{2,24}\b", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Email();

    [GeneratedRegex(@"data-cfemail=""(?<hex>[0-9a-fA-F]{4,256})""", RegexOptions.CultureInvariant, 500)]
    private static partial Regex CloudflareEmail();

    private static readonly string[] ImageSuffixes = [".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg", ".js", ".css"];

    /// <summary>Every identifier in a text (page source or a decoded script), one signal per distinct type and value.</summary>
    public static void Find(string text, ICollection<Signal> into, HashSet<(string, string)> seen)
    {
        try
        {
            foreach (var (type, pattern) in Identifiers)
                foreach (Match m in pattern.Matches(text))
                {
                    var value = m.Groups["id"].Success ? m.Groups["id"].Value : m.Groups["invite"].Success ? "+" + m.Groups["invite"].Value
                        : m.Groups["code"].Success ? $"{m.Groups["code"].Value}@{Urls.Site(m.Groups["host"].Value.ToLowerInvariant())}" : m.Value;
                    Add(into, seen, type, value, text, m.Index);
                }
            foreach (var (type, pattern) in Risks)
                foreach (Match m in pattern.Matches(text))
                {
                    var value = m.Groups["u"].Success ? m.Groups["u"].Value : m.Value.ToLowerInvariant();
                    Add(into, seen, type, value.Length > 300 ? value[..300] : value, text, m.Index);
                }
            foreach (Match m in WalletCandidate().Matches(text))
                if (Wallets.Classify(m.Value) is { } chain)
                {
                    var value = chain == "bitcoin" && m.Value.StartsWith("bc1", StringComparison.OrdinalIgnoreCase) ? m.Value.ToLowerInvariant() : m.Value;
                    Add(into, seen, "wallet-" + chain, value, text, m.Index);
                }
            // E-mail addresses are looked for around each '@' rather than tried at every letter.
            for (var at = text.IndexOf('@'); at >= 0; at = text.IndexOf('@', at + 1))
            {
                var start = at;
                while (start > 0 && at - start < 64 && (char.IsAsciiLetterOrDigit(text[start - 1]) || text[start - 1] is '.' or '_' or '%' or '+' or '-')) start--;
                var end = at + 1;
                while (end < text.Length && end - at < 255 && (char.IsAsciiLetterOrDigit(text[end]) || text[end] is '.' or '-')) end++;
                if (start == at || end == at + 1) continue;
                var m = Email().Match(text, start, end - start);
                if (m.Success && m.Index + m.Length > at && !ImageSuffixes.Any(s => m.Value.EndsWith(s, StringComparison.OrdinalIgnoreCase)))
                    Add(into, seen, "email", m.Value.ToLowerInvariant(), text, m.Index);
            }
            foreach (Match m in CloudflareEmail().Matches(text))
                if (DecodeCloudflareEmail(m.Groups["hex"].Value) is { } email)
                    Add(into, seen, "email", email.ToLowerInvariant(), text, m.Index);
        }
        catch (RegexMatchTimeoutException)
        {
            // Pathological input: keep the signals found so far.
        }
    }

    public static void Add(ICollection<Signal> into, HashSet<(string, string)> seen, string type, string value, string text, int at)
    {
        if (!seen.Add((type, value))) return;
        var from = Math.Max(0, at - ContextChars);
        var to = Math.Min(text.Length, at + value.Length + ContextChars);
        var context = new StringBuilder(to - from);
        foreach (var c in text.AsSpan(from, to - from)) context.Append(char.IsWhiteSpace(c) || char.IsControl(c) ? ' ' : c);
        into.Add(new Signal(type, value, context.ToString().Trim()));
    }

    /// <summary>Cloudflare's e-mail protection: the first byte is a key XORed into the rest.</summary>
    public static string? DecodeCloudflareEmail(string hex)
    {
        if (hex.Length % 2 != 0) return null;
        var key = int.Parse(hex.AsSpan(0, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        var chars = new char[hex.Length / 2 - 1];
        for (var i = 2; i < hex.Length; i += 2)
            chars[i / 2 - 1] = (char)(int.Parse(hex.AsSpan(i, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture) ^ key);
        var email = new string(chars);
        return Email().IsMatch(email) ? email : null;
    }

    /// <summary>The favicon hash internet scanners index: MurmurHash3 x86 32-bit of the base64 text (76-character lines), signed.</summary>
    public static int FaviconMurmur(ReadOnlySpan<byte> icon)
    {
        var base64 = Convert.ToBase64String(icon);
        var lines = new StringBuilder(base64.Length + base64.Length / 76 + 1);
        for (var i = 0; i < base64.Length; i += 76) lines.Append(base64, i, Math.Min(76, base64.Length - i)).Append('\n');
        return (int)Murmur3(Encoding.ASCII.GetBytes(lines.ToString()), 0);
    }

    public static uint Murmur3(ReadOnlySpan<byte> data, uint seed)
    {
        const uint c1 = 0xcc9e2d51, c2 = 0x1b873593;
        var h = seed;
        var blocks = data.Length / 4;
        for (var i = 0; i < blocks; i++)
        {
            var k = BitConverter.ToUInt32(data.Slice(i * 4, 4));
            k *= c1; k = uint.RotateLeft(k, 15); k *= c2;
            h ^= k; h = uint.RotateLeft(h, 13); h = h * 5 + 0xe6546b64;
        }
        uint t = 0;
        var tail = data[(blocks * 4)..];
        switch (tail.Length)
        {
            case 3: t ^= (uint)tail[2] << 16; goto case 2;
            case 2: t ^= (uint)tail[1] << 8; goto case 1;
            case 1:
                t ^= tail[0];
                t *= c1; t = uint.RotateLeft(t, 15); t *= c2; h ^= t;
                break;
        }
        h ^= (uint)data.Length;
        h ^= h >> 16; h *= 0x85ebca6b; h ^= h >> 13; h *= 0xc2b2ae35; h ^= h >> 16;
        return h;
    }
}
