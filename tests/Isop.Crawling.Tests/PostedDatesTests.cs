using Isop.Crawling.Extraction;

namespace Isop.Crawling.Tests;

public sealed class PostedDatesTests
{
    // The server's clock: 2026-11-14 23:00 UTC (Sunday 08:00 in Seoul, 00:00 in Paris).
    private static readonly DateTimeOffset Now = new(2026, 11, 14, 23, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("2026-11-03T14:05:00Z", null, "2026-11-03T14:05:00Z")]
    [InlineData("2026-11-03T23:05:00+09:00", null, "2026-11-03T14:05:00Z")]
    [InlineData("2026-11-03 14:05", "en", "2026-11-03T14:05:00Z")]
    [InlineData("2026-11-03", "en", "2026-11-03T00:00:00Z")]
    [InlineData("2026.11.03 23:05", "ko", "2026-11-03T14:05:00Z")]            // Seoul time
    [InlineData("2026년 11월 3일 23:05", "ko", "2026-11-03T14:05:00Z")]
    [InlineData("2026년 11월 3일 오후 11:05", "ko", "2026-11-03T14:05:00Z")]
    [InlineData("11-03 23:05", "ko", "2026-11-03T14:05:00Z")]                 // a board's post of this year
    [InlineData("12-30 10:00", "ko", "2025-12-30T01:00:00Z")]                 // ... or of last year, not the future
    [InlineData("03/11/2026 15h05", "fr", "2026-11-03T14:05:00Z")]            // day first, Paris time
    [InlineData("3 novembre 2026 à 15:05", "fr", "2026-11-03T14:05:00Z")]
    [InlineData("3 nov. 2026", "fr", "2026-11-02T23:00:00Z")]
    [InlineData("11/03/2026 2:05 PM", "en", "2026-11-03T14:05:00Z")]          // American: month first
    [InlineData("13/11/2026", "en", "2026-11-13T00:00:00Z")]                  // 13 can only be a day
    [InlineData("Nov 3, 2026 2:05 PM", "en", "2026-11-03T14:05:00Z")]
    [InlineData("November 3rd, 2026", "en", "2026-11-03T00:00:00Z")]
    [InlineData("3 November 2026 14:05", "en", "2026-11-03T14:05:00Z")]
    [InlineData("Tue, 03 Nov 2026 14:05:00 GMT", "en", "2026-11-03T14:05:00Z")]
    [InlineData("5 hours ago", "en", "2026-11-14T18:00:00Z")]
    [InlineData("an hour ago", "en", "2026-11-14T22:00:00Z")]
    [InlineData("5시간 전", "ko", "2026-11-14T18:00:00Z")]
    [InlineData("30분 전", "ko", "2026-11-14T22:30:00Z")]
    [InlineData("il y a 5 heures", "fr", "2026-11-14T18:00:00Z")]
    [InlineData("il y a une heure", "fr", "2026-11-14T22:00:00Z")]
    [InlineData("hace 2 días", "es", "2026-11-12T23:00:00Z")]
    [InlineData("vor 3 Stunden", "de", "2026-11-14T20:00:00Z")]
    [InlineData("2 дня назад", "ru", "2026-11-12T23:00:00Z")]
    [InlineData("yesterday", "en", "2026-11-13T23:00:00Z")]
    [InlineData("어제", "ko", "2026-11-13T23:00:00Z")]
    [InlineData("2026-11-03T14:05.99999999999", "en", "2026-11-03T14:05:00Z")] // a fraction of any length is dropped, not parsed
    public void Posting_times_are_read_as_sites_write_them(string text, string? language, string expected) =>
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), PostedDates.Parse(text, Now, language));

    [Theory]
    [InlineData("")]
    [InlineData("Episode 12")]
    [InlineData("31/02/2026")]            // no such day
    [InlineData("2031-01-01")]            // after the server's clock
    [InlineData("1080p WEB-DL")]
    [InlineData("99999999 hours ago")]
    [InlineData("２０２６-11-03 14:05")]            // digits that are not ASCII
    [InlineData("٢٠٢٦-١١-٠٣")]
    [InlineData("hierarchy of needs")]            // "hier" is a word, not a prefix
    [InlineData("favorite 5 days")]               // "vor" only as a word before the number
    public void Text_that_is_no_posting_time_gives_none(string text) => Assert.Null(PostedDates.Parse(text, Now, "en"));

    [Fact]
    public void Any_text_gives_a_time_no_later_than_a_day_after_the_clock_or_none_and_never_throws()
    {
        var random = new Random(12);
        const string alphabet = "0123456789-./: TZ+年월일시분전 agohoursminutesilyaheuresnovdec\u00A0\uD800";
        for (var i = 0; i < 20_000; i++)
        {
            var text = new string([.. Enumerable.Range(0, random.Next(0, 40)).Select(_ => alphabet[random.Next(alphabet.Length)])]);
            var parsed = PostedDates.Parse(text, Now, new[] { "en", "ko", "fr", null }[i % 4]);
            Assert.True(parsed is null || parsed <= Now.AddDays(1), text);
        }
    }
}
