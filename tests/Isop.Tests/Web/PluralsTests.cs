using System.Globalization;
using Isop.Web;
using Microsoft.Extensions.Localization;

namespace Isop.Tests.Web;

/// <summary>Counts take the singular where the reader's language does: English for one, French for zero and one.</summary>
public sealed class PluralsTests
{
    private sealed class Echo : IStringLocalizer
    {
        public LocalizedString this[string name] => new(name, name);
        public LocalizedString this[string name, params object[] arguments] => new(name, string.Format(CultureInfo.InvariantCulture, name, arguments));
        public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => [];
    }

    [Theory]
    [InlineData("en", 0, "0 platforms")]
    [InlineData("en", 1, "1 platform")]
    [InlineData("en", 2, "2 platforms")]
    [InlineData("fr", 0, "0 platform")]
    [InlineData("fr", 1, "1 platform")]
    [InlineData("fr", 2, "2 platforms")]
    public void A_count_is_singular_where_the_language_says_so(string culture, long count, string expected)
    {
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        try
        {
            Assert.Equal(expected, new Echo().Count(count, "{0} platform", "{0} platforms"));
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }
}
