using System.Globalization;
using Isop.Recognition.Matching;
using Isop.Web;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Isop.Tests.Web;

public sealed class ReasonTextsTests
{
    private static IStringLocalizer Localizer() =>
        new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions()), NullLoggerFactory.Instance).Create(typeof(SharedResource));

    [Fact]
    public void Every_reason_code_reads_in_English_French_and_Korean_with_all_its_parameters()
    {
        var l = Localizer();
        foreach (var (code, template) in MatchReasons.Templates)
        {
            var places = Enumerable.Range(0, 5).Where(i => template.Contains("{" + i + "}", StringComparison.Ordinal)).ToList();
            var args = Enumerable.Range(0, places.Count == 0 ? 0 : places.Max() + 1).Select(i => $"«P{i}»").ToArray();
            foreach (var culture in new[] { "en", "fr", "ko" })
            {
                var previous = CultureInfo.CurrentUICulture;
                CultureInfo.CurrentUICulture = new CultureInfo(culture);
                try
                {
                    Assert.False(l["reason:" + code].ResourceNotFound, $"{code} has no {culture} text");
                    var text = ReasonTexts.Text(l, code, args);
                    foreach (var i in places) Assert.True(text.Contains($"«P{i}»", StringComparison.Ordinal), $"{culture} {code}: parameter {i} is lost in \"{text}\"");
                    Assert.DoesNotContain("{", text, StringComparison.Ordinal);
                    if (culture == "en") Assert.Equal(MatchReasons.Render(template, args), text);
                }
                finally
                {
                    CultureInfo.CurrentUICulture = previous;
                }
            }
        }
    }

    [Fact]
    public void Stored_reasons_round_trip_and_fit_the_column()
    {
        var reasons = new[] { new MatchReason("title.lang", "Queen of Tears", "en"), new MatchReason("year.close", 2024, 2023), new MatchReason("abstained.low", 0.7) };
        Assert.Equal(reasons, ReasonTexts.Parse(ReasonTexts.Serialize(reasons)));
        var many = Enumerable.Range(0, 400).Select(i => new MatchReason("unexplained", new string('x', 40))).ToList();
        var stored = ReasonTexts.Serialize(many);
        Assert.True(stored.Length <= 4000);
        Assert.True(ReasonTexts.Parse(stored).Count is > 0 and < 400);
        // Text stored before reasons had codes reads as it was.
        var legacy = ReasonTexts.Parse("title \"X\" appears in the listing; year 2020 matches");
        Assert.Equal("title \"X\" appears in the listing; year 2020 matches", ReasonTexts.Text(Localizer(), legacy[0].Code, legacy[0].Args));
        Assert.Empty(ReasonTexts.Parse(null));
    }
}
