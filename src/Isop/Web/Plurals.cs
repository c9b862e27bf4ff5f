using System.Globalization;
using Microsoft.Extensions.Localization;

namespace Isop.Web;

/// <summary>
/// A count in the reader's language, singular or plural as the language says it: English takes the singular for one
/// only, French for zero and one (« 0 plateforme »), Korean has one form (its resources give both keys the same text).
/// </summary>
public static class Plurals
{
    public static string Count(this IStringLocalizer l, long count, string one, string many)
    {
        var singular = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "fr" ? count is 0 or 1 : count == 1;
        return l[singular ? one : many, count].Value;
    }
}
