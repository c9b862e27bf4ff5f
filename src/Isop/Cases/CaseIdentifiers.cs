using System.Text.RegularExpressions;

namespace Isop.Cases;

/// <summary>
/// Identifiers as cases and pivots name them: <c>type:value</c>, with the signal types monitoring records
/// (<c>wallet-bitcoin</c>, <c>google-analytics</c>, <c>telegram</c>, <c>email</c>…) and <c>infohash</c> for torrents. A bare
/// value whose kind is unmistakable (a 40-hex info-hash, an e-mail address, a UA-/G- analytics id, a t.me link) gets its
/// type.
/// </summary>
public static partial class CaseIdentifiers
{
    public const int MaxValue = 400;

    public static bool TryNormalise(string? text, out string identifier, out string problem)
    {
        identifier = "";
        problem = "";
        var value = text?.Trim() ?? "";
        if (value.Length == 0)
        {
            problem = "required: an identifier as type:value (wallet-bitcoin:bc1…, telegram:channel, infohash:40 hex digits)";
            return false;
        }
        if (value.Length > MaxValue || value.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || Web.TextChecks.IsDirectionControl(c)))
        {
            problem = $"expected one identifier without spaces or control characters, at most {MaxValue} characters";
            return false;
        }
        string type;
        var typed = TypedPattern().Match(value);
        if (typed.Success && !value.Contains("://", StringComparison.Ordinal))
        {
            type = typed.Groups[1].Value.ToLowerInvariant();
            value = typed.Groups[2].Value;
        }
        else if (InfoHashPattern().IsMatch(value)) type = "infohash";
        else if (EmailPattern().IsMatch(value)) type = "email";
        else if (AnalyticsPattern().IsMatch(value)) type = "google-analytics";
        else if (TelegramPattern().Match(value) is { Success: true } channel)
        {
            type = "telegram";
            value = channel.Groups[1].Value;
        }
        else
        {
            problem = "expected type:value (wallet-bitcoin:bc1…, google-analytics:UA-…, telegram:channel, email:…, infohash:…)";
            return false;
        }
        if (value.Length == 0)
        {
            problem = $"expected a value after {type}:";
            return false;
        }
        if (type == "infohash")
        {
            if (!InfoHashPattern().IsMatch(value))
            {
                problem = "expected an info-hash of 40 hexadecimal digits";
                return false;
            }
            value = value.ToLowerInvariant();
        }
        else if (type is "email" or "telegram") value = value.TrimStart('@').ToLowerInvariant();
        identifier = $"{type}:{value}";
        return true;
    }

    /// <summary>The type and value of a normalised identifier.</summary>
    public static (string Type, string Value) Split(string identifier)
    {
        var colon = identifier.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? ("", identifier) : (identifier[..colon], identifier[(colon + 1)..]);
    }

    [GeneratedRegex(@"^([A-Za-z][A-Za-z0-9-]{0,39}):(.*)$")]
    private static partial Regex TypedPattern();

    [GeneratedRegex(@"^[0-9A-Fa-f]{40}$")]
    private static partial Regex InfoHashPattern();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"^(UA-\d{4,10}-\d{1,4}|G-[A-Z0-9]{6,12})$")]
    private static partial Regex AnalyticsPattern();

    [GeneratedRegex(@"^(?:https?://)?(?:t\.me|telegram\.me)/([A-Za-z0-9_]{4,64})/?$", RegexOptions.IgnoreCase)]
    private static partial Regex TelegramPattern();
}
