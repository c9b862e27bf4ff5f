using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Isop.Access;
using Isop.Monitoring;
using Isop.Range;
using Isop.Tests.Infrastructure;
using Isop.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Isop.Tests.Platforms;

/// <summary>
/// The CSV and XLSX exports of platforms, listings and signals on both databases: exactly the rows the list shows with
/// the same filters and order, under TLP, with headers in the reader's language; and the lists' sorting and paging.
/// </summary>
public abstract class ExportApiTests(AppFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Unique => Guid.NewGuid().ToString("N")[..10];

    private static async Task<List<IReadOnlyList<string>>> CsvAsync(HttpClient client, string url, string? language = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (language is not null) request.Headers.AcceptLanguage.ParseAdd(language);
        var response = await client.SendAsync(request, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        Assert.EndsWith(".csv", response.Content.Headers.ContentDisposition.FileNameStar, StringComparison.Ordinal);
        var bytes = await response.Content.ReadAsByteArrayAsync(Ct);
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        return [.. CsvReader.Read(Encoding.UTF8.GetString(bytes), 1_000_000).Select(r => r.Cells)];
    }

    /// <summary>The sheet's rows as text (numbers and dates as their stored values), header first.</summary>
    private static async Task<List<List<string>>> XlsxAsync(HttpClient client, string url, string? language = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (language is not null) request.Headers.AcceptLanguage.ParseAdd(language);
        var response = await client.SendAsync(request, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {response.StatusCode}");
        Assert.Equal(Exports.XlsxType, response.Content.Headers.ContentType!.MediaType);
        Assert.EndsWith(".xlsx", response.Content.Headers.ContentDisposition!.FileNameStar, StringComparison.Ordinal);
        using var document = SpreadsheetDocument.Open(new MemoryStream(await response.Content.ReadAsByteArrayAsync(Ct)), false);
        var sheet = document.WorkbookPart!.WorksheetParts.Single().Worksheet;
        Assert.Empty(sheet.Descendants<CellFormula>());
        return [.. sheet.Descendants<Row>().Select(r =>
        {
            var cells = new List<string>();
            foreach (var c in r.Elements<Cell>())
            {
                var column = 0;
                foreach (var ch in c.CellReference!.Value!.TakeWhile(char.IsAsciiLetter)) column = column * 26 + ch - 'A' + 1;
                while (cells.Count < column - 1) cells.Add("");
                cells.Add(c.DataType?.Value == CellValues.InlineString ? c.InlineString!.Text!.Text : c.CellValue?.Text ?? "");
            }
            return cells;
        })];
    }

    private async Task<Guid> PlatformAsync(HttpClient client, string name, string kind, string domain, string tlp)
    {
        var created = await client.PostAsJsonAsync("/api/v1/platforms", new { name, kind, domains = new[] { domain }, tlp }, Ct);
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync(Ct));
        return (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
    }

    [Fact]
    public async Task A_platform_export_holds_exactly_the_filtered_rows_the_caller_may_see_with_headers_in_their_language()
    {
        fixture.Require();
        var id = Unique;
        await PlatformAsync(fixture.Analyst, $"Exp {id} green", "torrent-index", $"exp-{id}-g.test", "GREEN");
        await PlatformAsync(fixture.Analyst, $"Exp {id} amber", "streaming-site", $"exp-{id}-a.test", "AMBER");
        await PlatformAsync(fixture.Analyst, $"Exp {id} red", "torrent-index", $"exp-{id}-r.test", "RED");
        await PlatformAsync(fixture.Analyst, $"=HYPERLINK(\"http://x.test\") Exp {id}", "forum", $"exp-{id}-f.test", "GREEN");

        var mine = await CsvAsync(fixture.Analyst, $"/api/v1/platforms/export.csv?q=exp {id}&kind=torrent-index");
        Assert.Equal("Name", mine[0][0]);
        Assert.Equal("TLP", mine[0][7]);
        Assert.Equal([$"Exp {id} green", $"Exp {id} red"], mine.Skip(1).Select(r => r[0]));
        Assert.Equal(["GREEN", "RED"], mine.Skip(1).Select(r => r[7]));
        Assert.All(mine.Skip(1), r => Assert.Equal("torrent-index", r[1]));
        // Sorted as asked: by TLP, strictest first.
        var byTlp = await CsvAsync(fixture.Analyst, $"/api/v1/platforms/export.csv?q={id}&sort=tlp&dir=desc");
        Assert.Equal(["RED", "AMBER", "GREEN", "GREEN"], byTlp.Skip(1).Select(r => r[7]));
        // A formula-looking name is text in both formats.
        var formula = await CsvAsync(fixture.Analyst, $"/api/v1/platforms/export.csv?q={id}&kind=forum");
        Assert.Equal($"'=HYPERLINK(\"http://x.test\") Exp {id}", formula[1][0]);
        var formulaSheet = await XlsxAsync(fixture.Analyst, $"/api/v1/platforms/export.xlsx?q={id}&kind=forum");
        Assert.Equal($"=HYPERLINK(\"http://x.test\") Exp {id}", formulaSheet[1][0]);

        // Someone of another organisation: GREEN only (AMBER is not shared with them, RED not named to them).
        var stranger = fixture.App.ClientWithToken((await fixture.App.MemberAsync($"stranger-{id}@isp.test", $"ISP {id}", OrganisationKind.Intermediary, MemberRole.Analyst)).Token);
        var theirs = await CsvAsync(stranger, $"/api/v1/platforms/export.csv?q={id}");
        Assert.Equal([$"=HYPERLINK(\"http://x.test\") Exp {id}", $"Exp {id} green"], theirs.Skip(1).Select(r => r[0][0] == '\'' ? r[0][1..] : r[0]).Order(StringComparer.Ordinal));
        var theirSheet = await XlsxAsync(stranger, $"/api/v1/platforms/export.xlsx?q={id}", "fr-FR");
        Assert.Equal("Nom", theirSheet[0][0]);
        Assert.Equal(3, theirSheet.Count);
        Assert.DoesNotContain(theirSheet, r => r.Contains("RED") || r.Contains("AMBER"));
        var korean = await CsvAsync(stranger, $"/api/v1/platforms/export.csv?q={id}", "ko");
        Assert.NotEqual("Name", korean[0][0]);
        // Anonymous callers see CLEAR records only.
        Assert.Single(await CsvAsync(fixture.Anonymous, $"/api/v1/platforms/export.csv?q={id}"));
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Analyst.GetAsync("/api/v1/platforms/export.pdf", Ct)).StatusCode);
    }

    [Fact]
    public async Task Listing_and_signal_exports_are_the_filtered_rows_on_screen_and_nothing_of_a_RED_platform_reaches_another_organisation()
    {
        fixture.Require();
        var world = RangeWorld.Create(31, 1);
        await using var range = await RangeHost.StartAsync(world, RangeWorld.Days - 1, cancellation: Ct);
        var registration = await RangeRegistration.CreateAsync(fixture.App, range, "Exports", new RangeMonitoring(Enabled: false, DelayMs: 0, PerHost: 4, MaxPages: 60, MaxDepth: 2), Ct, Tlp.Red);
        var runner = fixture.App.Services.GetRequiredService<MonitorRunner>();
        await using var system = fixture.App.SystemDb();
        // The first platform whose run saw listings both recognised and not.
        var platform = Guid.Empty;
        foreach (var candidate in registration.Platforms)
        {
            await runner.RunAsync(candidate, Ct);
            var recognised = await system.Observations.CountAsync(o => o.PlatformId == candidate && o.Recognition != null && o.Recognition.WorkId != null, Ct);
            if (recognised > 0 && await system.Observations.CountAsync(o => o.PlatformId == candidate, Ct) > recognised) { platform = candidate; break; }
        }
        Assert.NotEqual(Guid.Empty, platform);
        var organisation = await system.Organisations.SingleAsync(o => o.Id == registration.Organisation, Ct);
        var owner = fixture.App.ClientWithToken((await fixture.App.MemberAsync($"owner-{Unique}@secretariat.test", organisation.Name, OrganisationKind.Secretariat, MemberRole.Analyst)).Token);

        var all = await system.Observations.CountAsync(o => o.PlatformId == platform, Ct);
        var recognisedTexts = await system.Observations.Where(o => o.PlatformId == platform && o.Recognition != null && o.Recognition.WorkId != null).Select(o => o.Text).ToListAsync(Ct);
        var csv = await CsvAsync(owner, $"/api/v1/platforms/{platform}/observations/export.csv?matched=true");
        Assert.Equal("Listing", csv[0][1]);
        Assert.Equal(recognisedTexts.Order(StringComparer.Ordinal), csv.Skip(1).Select(r => r[1].StartsWith('\'') && !recognisedTexts.Contains(r[1]) ? r[1][1..] : r[1]).Order(StringComparer.Ordinal));
        Assert.All(csv.Skip(1), r => Assert.NotEqual("", r[9]));
        Assert.Equal("Work id", csv[0][9]);
        Assert.All(csv.Skip(1), r => Assert.Equal("RED", r[^1]));
        var unrecognised = await CsvAsync(owner, $"/api/v1/platforms/{platform}/observations/export.csv?matched=false");
        Assert.Equal(all - recognisedTexts.Count, unrecognised.Count - 1);
        Assert.All(unrecognised.Skip(1), r => Assert.Equal("", r[9]));

        // The same rows as the list API, in the same order, for a text filter and a sort.
        var texts = await system.Observations.Where(o => o.PlatformId == platform).Select(o => o.Text).ToListAsync(Ct);
        var term = texts.SelectMany(t => t.Split([' ', '.', '-', '_', '[', ']', '(', ')'], StringSplitOptions.RemoveEmptyEntries))
            .Where(w => w.Length >= 4 && w.All(char.IsAsciiLetter)).GroupBy(w => w.ToLowerInvariant()).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstOrDefault() ?? "a";
        var listed = await owner.GetFromJsonAsync<JsonElement>($"/api/v1/platforms/{platform}/observations?q={term.ToUpperInvariant()}&sort=first-seen&dir=asc&pageSize=500", Ct);
        var expected = texts.Count(t => t.Contains(term, StringComparison.OrdinalIgnoreCase));
        Assert.True(expected > 0, term);
        Assert.Equal(expected, listed.GetProperty("total").GetInt32());
        var filtered = await CsvAsync(owner, $"/api/v1/platforms/{platform}/observations/export.csv?q={term.ToUpperInvariant()}&sort=first-seen&dir=asc");
        Assert.Equal(listed.GetProperty("items").EnumerateArray().Select(o => o.GetProperty("text").GetString()!), filtered.Skip(1).Select(r => r[1].StartsWith('\'') ? r[1][1..] : r[1]));
        var firstSeen = filtered.Skip(1).Select(r => r[15]).ToList();
        Assert.Equal(firstSeen.Order(StringComparer.Ordinal), firstSeen);
        var sheet = await XlsxAsync(owner, $"/api/v1/platforms/{platform}/observations/export.xlsx?q={term}&sort=first-seen&dir=asc", "ko-KR");
        Assert.Equal(filtered.Count, sheet.Count);
        Assert.Equal("플랫폼", sheet[0][0]);
        Assert.All(sheet.Skip(1), r => Assert.Equal("RED", r[^1]));

        var signals = await owner.GetFromJsonAsync<JsonElement>($"/api/v1/platforms/{platform}/signals", Ct);
        var signalRows = await CsvAsync(owner, $"/api/v1/platforms/{platform}/signals/export.csv");
        Assert.Equal(signals.GetArrayLength(), signalRows.Count - 1);
        Assert.Equal(signals.EnumerateArray().Select(s => s.GetProperty("value").GetString()!), signalRows.Skip(1).Select(r => r[2].StartsWith('\'') ? r[2][1..] : r[2]));
        Assert.Equal(signals.GetArrayLength() + 1, (await XlsxAsync(owner, $"/api/v1/platforms/{platform}/signals/export.xlsx")).Count);

        // Another organisation's analyst: the platform is not there, in any format, nor in the platform export.
        var stranger = fixture.App.ClientWithToken((await fixture.App.MemberAsync($"other-{Unique}@police.test", $"Police {Unique}", OrganisationKind.LawEnforcement, MemberRole.Analyst)).Token);
        foreach (var url in new[] { "observations/export.csv", "observations/export.xlsx", "signals/export.csv", "signals/export.xlsx" })
            Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/v1/platforms/{platform}/{url}", Ct)).StatusCode);
        var name = (await system.Platforms.SingleAsync(p => p.Id == platform, Ct)).Name;
        Assert.DoesNotContain(await CsvAsync(stranger, $"/api/v1/platforms/export.csv?q={Uri.EscapeDataString(name)}"), r => r.Contains(platform.ToString()));
        Assert.Contains(await CsvAsync(owner, $"/api/v1/platforms/export.csv?q={Uri.EscapeDataString(name)}"), r => r.Contains(platform.ToString()));

        // The platform's page sorts and filters its listings the same way, and links the exports with those filters.
        var page = await owner.GetStringAsync($"/Platforms/{platform}?q={term}&sort=first-seen&dir=asc", Ct);
        Assert.Contains("aria-sort=\"ascending\"><a class=\"sort-link\" href=\"?q=" + term + "&amp;sort=first-seen&amp;dir=desc\"", page, StringComparison.Ordinal);
        Assert.Contains($"/api/v1/platforms/{platform}/observations/export.xlsx?q={term}&amp;sort=first-seen&amp;dir=asc", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/Platforms/{platform}", Ct)).StatusCode);
    }

    [Fact]
    public async Task Lists_sort_and_page_as_asked_and_fall_back_on_bad_parameters()
    {
        fixture.Require();
        var id = Unique;
        for (var i = 0; i < 5; i++) await PlatformAsync(fixture.Analyst, $"Pg {id} {(char)('e' - i)}", "forum", $"pg-{id}-{i}.test", "GREEN");

        var page2 = await fixture.Analyst.GetStringAsync($"/Platforms?q=pg {id}&size=2&p=2", Ct);
        Assert.Contains($"Pg {id} c<", page2, StringComparison.Ordinal);
        Assert.Contains($"Pg {id} d<", page2, StringComparison.Ordinal);
        Assert.DoesNotContain($"Pg {id} b<", page2, StringComparison.Ordinal);
        Assert.Contains("aria-current=\"page\" aria-label=\"Page 2\"", page2, StringComparison.Ordinal);
        Assert.Contains("Rows 3–4 of 5", page2, StringComparison.Ordinal);
        // Descending by name.
        var descending = await fixture.Analyst.GetStringAsync($"/Platforms?q=pg {id}&sort=name&dir=desc&size=1", Ct);
        Assert.Contains($"Pg {id} e<", descending, StringComparison.Ordinal);
        Assert.Contains("aria-sort=\"descending\"", descending, StringComparison.Ordinal);
        // An unknown sort is by name, ascending; a page below 1 is the first; past the end, the last; a huge size is capped.
        var bad = await fixture.Analyst.GetAsync($"/Platforms?q=pg {id}&sort=password&dir=sideways&p=-7&size=2", Ct);
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        var badText = await bad.Content.ReadAsStringAsync(Ct);
        Assert.Contains($"Pg {id} a<", badText, StringComparison.Ordinal);
        Assert.Contains("aria-sort=\"ascending\"><a class=\"sort-link\" href=\"?q=pg", badText, StringComparison.Ordinal);
        var past = await fixture.Analyst.GetStringAsync($"/Platforms?q=pg {id}&size=2&p=999", Ct);
        Assert.Contains($"Pg {id} e<", past, StringComparison.Ordinal);
        Assert.Contains("Rows 5–5 of 5", past, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await fixture.Analyst.GetAsync($"/Platforms?q=pg {id}&size=0&p=abc&tlp=NOPE&kind=nope&monitored=maybe", Ct)).StatusCode);
        foreach (var list in new[] { "/Catalogue?sort=year&dir=desc&p=0", "/Catalogue?sort=nope&size=999", "/Releases?sort=release&p=-1", "/Releases?sort=x&dir=y", "/Operations?sort=first-seen&q=nothing", "/Operations?sort=%27&p=9" })
            Assert.True((await fixture.Analyst.GetAsync(list, Ct)).StatusCode == HttpStatusCode.OK, list);

        // The API takes the same parameters.
        var api = await fixture.Analyst.GetFromJsonAsync<JsonElement>($"/api/v1/platforms?q=pg {id}&sort=name&dir=desc&pageSize=2", Ct);
        Assert.Equal(5, api.GetProperty("total").GetInt32());
        Assert.Equal([$"Pg {id} e", $"Pg {id} d"], api.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("name").GetString()!));
        var fallback = await fixture.Analyst.GetFromJsonAsync<JsonElement>($"/api/v1/platforms?q=pg {id}&sort=nope&dir=nope&pageSize=2", Ct);
        Assert.Equal($"Pg {id} a", fallback.GetProperty("items")[0].GetProperty("name").GetString());
    }
}

public sealed class SqliteExportApiTests(SqliteApp fixture) : ExportApiTests(fixture), IClassFixture<SqliteApp>;

public sealed class PostgresExportApiTests(PostgresApp fixture) : ExportApiTests(fixture), IClassFixture<PostgresApp>;
