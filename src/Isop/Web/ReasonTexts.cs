using System.Text.Json;
using Isop.Recognition.Matching;
using Microsoft.Extensions.Localization;

namespace Isop.Web;

/// <summary>A matcher's reason as the API gives it: its code and parameters, with the text in the reader's language.</summary>
public sealed record ReasonView(string Code, IReadOnlyList<string> Args, string Text);

/// <summary>
/// Matcher reasons in the reader's language (resources <c>reason:CODE</c>, English from the matcher's templates when a
/// language lacks one), and their stored form: JSON <c>[{"c": code, "a": [args]}]</c>.
/// </summary>
public static class ReasonTexts
{
    // A reason stored as plain text before reasons had codes: shown as it was written.
    private const string Legacy = "text";

    public static string Text(IStringLocalizer l, string code, IReadOnlyList<string> args)
    {
        if (code == Legacy) return args.Count > 0 ? args[0] : "";
        var localized = l["reason:" + code];
        var template = localized.ResourceNotFound
            ? MatchReasons.Templates.GetValueOrDefault(code, code)
            : localized.Value;
        return MatchReasons.Render(template, args);
    }

    public static IReadOnlyList<ReasonView> Views(IStringLocalizer l, IEnumerable<MatchReason> reasons) =>
        reasons.Select(r => new ReasonView(r.Code, r.Args, Text(l, r.Code, r.Args))).ToList();

    /// <summary>The stored form, within <paramref name="maxLength"/> characters: reasons that do not fit are left out from the end.</summary>
    public static string Serialize(IReadOnlyList<MatchReason> reasons, int maxLength = 4000)
    {
        for (var count = reasons.Count; count >= 0; count--)
        {
            var json = JsonSerializer.Serialize(reasons.Take(count).Select(r => new Stored(r.Code, r.Args)));
            if (json.Length <= maxLength) return json;
        }
        return "[]";
    }

    /// <summary>Stored reasons back; text stored before reasons had codes comes back as it was.</summary>
    public static IReadOnlyList<MatchReason> Parse(string? stored)
    {
        if (string.IsNullOrEmpty(stored)) return [];
        if (stored[0] == '[')
        {
            try
            {
                return JsonSerializer.Deserialize<List<Stored>>(stored)?.Where(s => s.c is not null).Select(s => new MatchReason(s.c!, s.a ?? [])).ToList() ?? [];
            }
            catch (JsonException)
            {
            }
        }
        return [new MatchReason(Legacy, (IReadOnlyList<string>)[stored])];
    }

    private sealed record Stored(string? c, IReadOnlyList<string>? a);
}
