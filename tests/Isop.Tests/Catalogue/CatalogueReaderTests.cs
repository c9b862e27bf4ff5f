using System.Text;
using Isop.Catalogue;

namespace Isop.Tests.Catalogue;

public sealed class CatalogueReaderTests
{
    private const string Valid = """
        {"works": [{"id": "K001", "kind": "series", "year": 2019, "episodes": 16,
          "titles": [{"text": "사랑의 불시착", "lang": "ko"}, {"text": "Crash Landing on You", "lang": "en"}],
          "aliases": ["CLOY"], "rightsHolder": "Studio Dragon"}]}
        """;

    private static IReadOnlyList<CatalogueWork> Read(string json) => CatalogueReader.Read(Encoding.UTF8.GetBytes(json));

    private static List<string> Errors(string json) =>
        Assert.Throws<CatalogueFormatException>(() => Read(json)).Errors.Select(e => e.ToString()).ToList();

    [Fact]
    public void The_format_of_the_issue_reads_completely()
    {
        var work = Assert.Single(Read(Valid));
        Assert.Equal("K001", work.Id);
        Assert.Equal(WorkKind.Series, work.Kind);
        Assert.Equal(2019, work.Year);
        Assert.Equal(16, work.Episodes);
        Assert.Equal([new CatalogueTitle("사랑의 불시착", "ko"), new CatalogueTitle("Crash Landing on You", "en")], work.Titles);
        Assert.Equal(["CLOY"], work.Aliases);
        Assert.Equal("Studio Dragon", work.RightsHolder);
    }

    [Theory]
    [InlineData("""{"works": [{"id": "K1", "kind": "series", "titles": [{"text": "A", "lang": "en"}]}""",
        "$.works[0] (line 1, column 83): not valid JSON: Expected depth to be zero at the end of the JSON payload. There is an open JSON object or array that should be closed")]
    [InlineData("", "$ (line 1, column 1): not valid JSON: The input does not contain any JSON tokens. Expected the input to start with a valid JSON token, when isFinalBlock is true")]
    [InlineData("""{"works": [{"id": "K1", "kind": "series", "year": "2019", "titles": [{"text": "A", "lang": "en"}]}]}""",
        "$.works[0].year: expected an integer, got the string \"2019\"")]
    [InlineData("""{"works": [{"id": 1, "kind": "series", "titles": [{"text": "A", "lang": "en"}]}]}""",
        "$.works[0].id: expected a string, got the number 1")]
    [InlineData("""{"works": [{"id": "K1", "kind": "drama", "titles": [{"text": "A", "lang": "en"}]}]}""",
        "$.works[0].kind: expected one of film, series, music, webtoon, got \"drama\"")]
    [InlineData("""{"works": [{"id": "K1", "kind": "film", "year": 1066, "titles": [{"text": "A", "lang": "en"}]}]}""",
        "$.works[0].year: expected an integer from 1870 to 2100, got 1066")]
    [InlineData("""{"works": [{"id": "K1", "kind": "film", "episodes": 2.5, "titles": [{"text": "A", "lang": "en"}]}]}""",
        "$.works[0].episodes: expected an integer, got the number 2.5")]
    [InlineData("""{"works": [{"id": "K1", "kind": "film", "titles": []}]}""",
        "$.works[0].titles: empty: a work needs at least one title")]
    [InlineData("""{"works": [{"id": "K1", "kind": "film"}]}""",
        "$.works[0].titles: missing: a work needs at least one title")]
    [InlineData("""{"works": [{"id": "K1", "kind": "film", "titles": [{"text": "A", "lang": "english"}]}]}""",
        "$.works[0].titles[0].lang: expected a BCP 47 language tag such as \"ko\", \"en\" or \"zh-Hant\", got \"english\"")]
    [InlineData("""{"works": [{"id": "K1", "kind": "film", "titles": [{"text": "", "lang": "en"}]}]}""",
        "$.works[0].titles[0].text: must not be empty")]
    [InlineData("""{"works": [{"id": "K1", "kind": "film", "titels": [], "titles": [{"text": "A", "lang": "en"}]}]}""",
        "$.works[0].titels: unknown field (expected one of id, kind, year, episodes, seasons, titles, aliases, rightsHolder, offers)")]
    [InlineData("""{"works": [{"id": "K1", "kind": "film", "titles": [{"text": "A", "lang": "en"}], "aliases": "A"}]}""",
        "$.works[0].aliases: expected an array of strings, got the string \"A\"")]
    [InlineData("""{"works": [{"id": "K1", "kind": "film", "titles": [{"text": "A", "lang": "en"}], "offers": {}}]}""",
        "$.works[0].offers: expected an array of {\"service\", \"url\", \"countries\"} objects, got an object")]
    [InlineData("""{"works": [{"id": "K1", "kind": "film", "titles": [{"text": "A", "lang": "en"}], "offers": [1]}]}""",
        "$.works[0].offers[0]: expected an object {\"service\", \"url\", \"countries\"}, got the number 1")]
    [InlineData("""{"works": [{"id": "K1", "kind": "film", "titles": [{"text": "A", "lang": "en"}], "offers": [{"service": "Netflix", "url": "javascript:alert(1)"}]}]}""",
        "$.works[0].offers[0].url: expected an http or https URL, got \"javascript:alert(1)\"")]
    [InlineData("""{"works": [{"id": "K1", "kind": "film", "titles": [{"text": "A", "lang": "en"}], "offers": [{"service": "Netflix", "url": "https://user:pw@netflix.test/x"}]}]}""",
        "$.works[0].offers[0].url: must not carry a user name or password")]
    [InlineData("""{"works": [{"id": "K1", "kind": "film", "titles": [{"text": "A", "lang": "en"}], "offers": [{"service": "Netflix", "url": "https://netflix.test/x", "countries": ["UK"]}]}]}""",
        "$.works[0].offers[0].countries[0]: expected an ISO 3166-1 alpha-2 code such as \"KR\" or \"FR\", got \"UK\"")]
    [InlineData("""{"works": [{"id": "K1", "kind": "film", "titles": [{"text": "A", "lang": "en"}], "offers": [{"service": "Netflix", "url": "https://netflix.test/x", "price": 3}]}]}""",
        "$.works[0].offers[0].price: unknown field (expected service, url or countries)")]
    [InlineData("""{"works": [{"id": "K1", "kind": "film", "titles": [{"text": "A", "lang": "en"}], "offers": [{"service": "Net\u202eflix", "url": "https://netflix.test/x"}]}]}""",
        "$.works[0].offers[0].service: must not contain control or direction characters")]
    [InlineData("""{"works": {}}""", "$.works: expected an array, got an object")]
    [InlineData("""{"items": []}""", "$.items: unknown field (expected \"works\")")]
    [InlineData("""[]""", "$: expected an object with a \"works\" array, got an array")]
    [InlineData("""{"works": [42]}""", "$.works[0]: expected a work object, got the number 42")]
    public void A_bad_catalogue_is_refused_with_the_path_and_what_was_expected(string json, string expected) =>
        Assert.Contains(expected, Errors(json));

    [Fact]
    public void Duplicate_ids_name_both_places()
    {
        var json = """
            {"works": [
              {"id": "K1", "kind": "film", "titles": [{"text": "A", "lang": "en"}]},
              {"id": "K2", "kind": "film", "titles": [{"text": "B", "lang": "en"}]},
              {"id": "K1", "kind": "film", "titles": [{"text": "C", "lang": "en"}]}]}
            """;
        Assert.Equal(["$.works[2].id: duplicate id \"K1\" (first at $.works[0])"], Errors(json));
    }

    [Fact]
    public void Every_problem_is_reported_not_only_the_first()
    {
        var json = """{"works": [{"id": "K1", "kind": "x", "titles": [{"text": "A", "lang": "en"}]}, {"kind": "film", "titles": [{"text": "A", "lang": "en"}]}]}""";
        Assert.Equal(["$.works[0].kind: expected one of film, series, music, webtoon, got \"x\"", "$.works[1].id: missing: a string is required"], Errors(json));
    }

    [Fact]
    public void A_line_and_column_point_into_a_multi_line_file()
    {
        var json = "{\"works\": [\n  {\"id\": \"K1\",\n   \"kind\": film}\n]}";
        var error = Assert.Single(Assert.Throws<CatalogueFormatException>(() => Read(json)).Errors);
        Assert.Equal(3, error.Line);
        Assert.Equal("$.works[0].kind", error.Path);
    }

    [Fact]
    public void Hostile_inputs_never_crash_the_reader()
    {
        // Random truncations and byte changes of a valid catalogue: the reader either reads it or says why, nothing else.
        var bytes = Encoding.UTF8.GetBytes(Valid + Valid.Replace("K001", "K002", StringComparison.Ordinal));
        var random = new Random(20261124);
        for (var i = 0; i < 5000; i++)
        {
            var input = bytes.ToArray();
            var length = random.Next(2) == 0 ? random.Next(input.Length + 1) : input.Length;
            for (var k = random.Next(1, 4); k > 0; k--) input[random.Next(input.Length)] = (byte)random.Next(256);
            try
            {
                CatalogueReader.Read(input.AsMemory(0, length));
            }
            catch (CatalogueFormatException e)
            {
                Assert.NotEmpty(e.Errors);
                Assert.All(e.Errors, x => Assert.StartsWith("$", x.Path, StringComparison.Ordinal));
            }
        }
    }

    [Fact]
    public void Invalid_UTF8_is_located()
    {
        var bytes = Encoding.UTF8.GetBytes("{\"works\": [\n{\"id\": \"K\u00e91\"}]}");
        bytes[Array.IndexOf(bytes, (byte)0xC3)] = 0xFF;
        var error = Assert.Single(Assert.Throws<CatalogueFormatException>(() => CatalogueReader.Read(bytes)).Errors);
        Assert.Equal("$ (line 2, column 10): not valid UTF-8 at byte 21", error.ToString());
    }

    [Fact]
    public void Deep_nesting_is_refused_not_followed()
    {
        var json = "{\"works\": [" + new string('[', 10_000) + new string(']', 10_000) + "]}";
        var error = Assert.Single(Assert.Throws<CatalogueFormatException>(() => Read(json)).Errors);
        Assert.Contains("depth", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    private const string TwoSeasons = """
        {"works": [{"id": "K7", "kind": "series", "year": 2020,
          "titles": [{"text": "스위트홈", "lang": "ko"}, {"text": "Sweet Home", "lang": "en"}],
          "seasons": [{"number": 2, "episodes": 8, "year": 2023, "titles": [{"text": "스위트홈 2", "lang": "ko"}]},
                      {"number": 1, "episodes": 10, "year": 2020}]}]}
        """;

    [Fact]
    public void Seasons_read_in_order_and_their_episodes_make_the_works()
    {
        var work = Assert.Single(Read(TwoSeasons));
        Assert.Equal(18, work.Episodes);
        var seasons = work.SeasonList();
        Assert.Equal([1, 2], seasons.Select(x => x.Number));
        Assert.Equal([10, 8], seasons.Select(x => x.Episodes));
        Assert.Equal([new CatalogueTitle("스위트홈 2", "ko")], seasons[1].Titles);
        Assert.False(work.SeasonsImplied);
    }

    [Fact]
    public void A_series_without_seasons_has_one_with_all_its_episodes()
    {
        var work = Assert.Single(Read(Valid));
        var season = Assert.Single(work.SeasonList());
        Assert.Equal((1, 16, 2019), (season.Number, season.Episodes, season.Year));
        Assert.True(work.SeasonsImplied);
    }

    [Fact]
    public void Seasons_survive_the_writer_and_the_reader()
    {
        var work = Assert.Single(Read(TwoSeasons));
        using var buffer = new MemoryStream();
        using (var writer = new System.Text.Json.Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("works");
            CatalogueWriter.WriteWork(writer, work);
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        var again = Assert.Single(CatalogueReader.Read(buffer.ToArray()));
        Assert.Equal(work.SeasonList().Count, again.SeasonList().Count);
        Assert.All(work.SeasonList().Zip(again.SeasonList()), x => Assert.True(x.First.SameAs(x.Second)));
        // A single implied season is not written at all: the file stays in the format older readers know.
        var plain = Assert.Single(Read(Valid));
        using var second = new MemoryStream();
        using (var writer = new System.Text.Json.Utf8JsonWriter(second)) CatalogueWriter.WriteWork(writer, plain);
        Assert.DoesNotContain("seasons", Encoding.UTF8.GetString(second.ToArray()), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"works": [{"id": "K1", "kind": "film", "titles": [{"text": "A", "lang": "en"}], "seasons": [{"number": 1}]}]}""",
        "$.works[0].seasons: only series and webtoons have seasons, and this work is a film")]
    [InlineData("""{"works": [{"id": "K1", "kind": "series", "titles": [{"text": "A", "lang": "en"}], "seasons": [{"episodes": 3}]}]}""",
        "$.works[0].seasons[0].number: missing: a season needs its number (0 for specials)")]
    [InlineData("""{"works": [{"id": "K1", "kind": "series", "titles": [{"text": "A", "lang": "en"}], "seasons": [{"number": 1}, {"number": 1}]}]}""",
        "$.works[0].seasons[1].number: duplicate season 1 (first at $.works[0].seasons[0])")]
    [InlineData("""{"works": [{"id": "K1", "kind": "series", "episodes": 16, "titles": [{"text": "A", "lang": "en"}], "seasons": [{"number": 1, "episodes": 8}, {"number": 2, "episodes": 6}]}]}""",
        "$.works[0].episodes: 16 is not the sum of the seasons' episodes (14)")]
    [InlineData("""{"works": [{"id": "K1", "kind": "series", "titles": [{"text": "A", "lang": "en"}], "seasons": [{"number": -1}]}]}""",
        "$.works[0].seasons[0].number: expected an integer from 0 to 2100, got -1")]
    [InlineData("""{"works": [{"id": "K1", "kind": "series", "titles": [{"text": "A", "lang": "en"}], "seasons": [{"number": 1, "episode": 3}]}]}""",
        "$.works[0].seasons[0].episode: unknown field (expected one of number, episodes, year, titles)")]
    [InlineData("""{"works": [{"id": "K1", "kind": "series", "titles": [{"text": "A", "lang": "en"}], "seasons": [{"number": 2, "titles": [{"text": "A 2"}]}]}]}""",
        "$.works[0].seasons[0].titles[0].lang: missing: a string is required")]
    [InlineData("""{"works": [{"id": "K1", "kind": "series", "titles": [{"text": "A", "lang": "en"}], "seasons": []}]}""",
        "$.works[0].seasons: empty: leave \"seasons\" out for a work of one season")]
    [InlineData("""{"works": [{"id": "K1", "kind": "series", "titles": [{"text": "A", "lang": "en"}], "seasons": {"number": 1}}]}""",
        "$.works[0].seasons: expected an array of season objects {\"number\", \"episodes\", \"year\", \"titles\"}, got an object")]
    public void Season_errors_name_their_path(string json, string expected) => Assert.Contains(expected, Errors(json));

    [Fact]
    public void A_season_lists_at_most_five_titles()
    {
        var titles = string.Join(", ", Enumerable.Range(0, 6).Select(i => $$"""{"text": "Title {{i}}", "lang": "en"}"""));
        var json = $$"""{"works": [{"id": "K1", "kind": "series", "titles": [{"text": "A", "lang": "en"}], "seasons": [{"number": 2, "titles": [{{titles}}]}]}]}""";
        Assert.Contains("$.works[0].seasons[0].titles: more than 5 titles: a season lists only the titles where it differs from the work", Errors(json));
    }
}
