using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Isop.Access;
using Isop.Monitoring;
using Isop.Operations;
using Isop.Tests.Infrastructure;

namespace Isop.Tests.Operations;

/// <summary>
/// Every identifier is a pivot, on both databases: the platforms it was seen on, their operations and the cases that
/// name it, found whatever its letter case and spacing, and never a platform, operation or case the caller may not see.
/// </summary>
public abstract class PivotTests(AppFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Unique => Guid.NewGuid().ToString("N")[..10];

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static async Task<Guid> PlatformAsync(HttpClient client, string name, string tlp)
    {
        var created = await client.PostAsync("/api/v1/platforms", Json($$"""{"name":"{{name}}","kind":"streaming-site","domains":["{{name.ToLowerInvariant().Replace(' ', '-')}}.test"],"tlp":"{{tlp}}"}"""), Ct);
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync(Ct));
        return (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
    }

    /// <summary>A sighting as monitoring stores it, with its identity.</summary>
    private async Task SightAsync(Guid platform, string type, string value, DateTimeOffset first, DateTimeOffset last)
    {
        await using var db = fixture.App.SystemDb();
        db.SignalSightings.Add(new SignalSighting
        {
            Id = Guid.CreateVersion7(), PlatformId = platform, Type = type, Value = value, Identity = SignalIdentity.KeyOf(type, value),
            PageUrl = "http://site.test/", FirstSeen = first, LastSeen = last, FirstRunId = Guid.Empty, LastRunId = Guid.Empty,
        });
        await db.SaveChangesAsync(Ct);
    }

    private static async Task<Guid> CaseAsync(HttpClient client, string title, string tlp, string identifier)
    {
        var created = await client.PostAsync("/api/v1/cases", Json($$"""{"title":"{{title}}","tlp":"{{tlp}}"}"""), Ct);
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync(Ct));
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
        var link = await client.PostAsync($"/api/v1/cases/{id}/links", Json($$"""{"kind":"identifier","value":"{{identifier}}"}"""), Ct);
        Assert.True(link.StatusCode == HttpStatusCode.Created, await link.Content.ReadAsStringAsync(Ct));
        return id;
    }

    private static string Hex40() => Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()) + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray())[..8];

    [Fact]
    public async Task An_identifier_seen_on_two_platforms_lists_both_their_operation_and_the_case_naming_it_whatever_its_case_and_spaces()
    {
        fixture.Require();
        var id = Unique;
        var a = await PlatformAsync(fixture.Analyst, $"Alpha {id}", "GREEN");
        var b = await PlatformAsync(fixture.Analyst, $"Beta {id}", "AMBER");
        // One Ethereum account, written checksummed on one site and in lower case on the other.
        var wallet = "0x" + Hex40();
        var checksummed = "0x" + string.Concat(wallet[2..].Select((c, i) => i % 3 == 0 ? char.ToUpperInvariant(c) : c));
        var t0 = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
        await SightAsync(a, "wallet-ethereum", checksummed, t0, t0.AddDays(3));
        await SightAsync(b, "wallet-ethereum", wallet, t0.AddDays(1), t0.AddDays(5));
        var caseId = await CaseAsync(fixture.Analyst, $"Wallet case {id}", "AMBER", $"wallet-ethereum:{checksummed}");

        var pivot = await fixture.Analyst.GetFromJsonAsync<JsonElement>($"/api/v1/pivot?id={Uri.EscapeDataString($" WALLET-Ethereum : {wallet.ToUpperInvariant().Replace("0X", "0x")} ")}", Ct);
        Assert.Equal("wallet-ethereum", pivot.GetProperty("type").GetString());
        var platforms = pivot.GetProperty("platforms").EnumerateArray().ToList();
        Assert.Equal([a, b], platforms.Select(p => p.GetProperty("id").GetGuid()));
        Assert.Equal(t0, platforms[0].GetProperty("firstSeen").GetDateTimeOffset());
        Assert.Equal(t0.AddDays(5), platforms[1].GetProperty("lastSeen").GetDateTimeOffset());
        Assert.Equal("AMBER", platforms[1].GetProperty("tlp").GetString());
        Assert.Equal($"/Platforms/{b}", platforms[1].GetProperty("href").GetString());
        var operation = Assert.Single(pivot.GetProperty("operations").EnumerateArray());
        Assert.Equal($"/Operations/{operation.GetProperty("id").GetGuid()}", operation.GetProperty("href").GetString());
        Assert.Contains($"Alpha {id}", operation.GetProperty("name").GetString(), StringComparison.Ordinal);
        var found = Assert.Single(pivot.GetProperty("cases").EnumerateArray());
        Assert.Equal(caseId, found.GetProperty("id").GetGuid());
        Assert.Equal($"/Cases/{caseId}", found.GetProperty("href").GetString());
        Assert.Equal("open", found.GetProperty("status").GetString());

        // The page shows the same, with links, and the platform's signals link to the pivot.
        var page = await fixture.Analyst.GetStringAsync($"/Pivot?id={Uri.EscapeDataString($"wallet-ethereum:{wallet}")}", Ct);
        Assert.Contains($"href=\"/Platforms/{a}\"", page, StringComparison.Ordinal);
        Assert.Contains($"href=\"/Platforms/{b}\"", page, StringComparison.Ordinal);
        Assert.Contains($"href=\"/Cases/{caseId}\"", page, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"pivot-operations\"", page, StringComparison.Ordinal);
        var detail = await fixture.Analyst.GetStringAsync($"/Platforms/{a}", Ct);
        Assert.Contains(WebUtility.HtmlEncode($"/Pivot?id={Uri.EscapeDataString($"wallet-ethereum:{checksummed}")}"), detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_member_of_another_organisation_sees_neither_the_RED_platform_nor_its_count_nor_the_operation_or_case_it_makes()
    {
        fixture.Require();
        var id = Unique;
        var lead = await fixture.App.MemberAsync($"lead-{id}@police.test", $"Police {id}", OrganisationKind.LawEnforcement, MemberRole.Analyst);
        var other = await fixture.App.MemberAsync($"other-{id}@isp.test", $"ISP {id}", OrganisationKind.Intermediary, MemberRole.Analyst);
        var police = fixture.App.ClientWithToken(lead.Token);
        var stranger = fixture.App.ClientWithToken(other.Token);
        var red = await PlatformAsync(police, $"Red {id}", "RED");
        var green = await PlatformAsync(police, $"Green {id}", "GREEN");
        var channel = $"Evo_{id}";
        var now = DateTimeOffset.UtcNow;
        await SightAsync(red, "telegram", channel, now.AddDays(-2), now);
        await SightAsync(green, "telegram", channel.ToLowerInvariant(), now.AddDays(-1), now);
        await CaseAsync(police, $"Red case {id}", "RED", $"telegram:@{channel}");

        var asLead = await police.GetFromJsonAsync<JsonElement>($"/api/v1/pivot?id=telegram:{channel.ToUpperInvariant()}", Ct);
        Assert.Equal($"telegram:{channel.ToLowerInvariant()}", asLead.GetProperty("id").GetString());
        Assert.Equal(2, asLead.GetProperty("platforms").GetArrayLength());
        Assert.Equal(1, asLead.GetProperty("operations").GetArrayLength());
        Assert.Equal(1, asLead.GetProperty("cases").GetArrayLength());

        var response = await stranger.GetAsync($"/api/v1/pivot?id=telegram:{channel}", Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        var asStranger = JsonDocument.Parse(text).RootElement;
        Assert.Equal(green, Assert.Single(asStranger.GetProperty("platforms").EnumerateArray()).GetProperty("id").GetGuid());
        // Alone, the visible platform is no operation; the RED case and platform are not there, not even by id or name.
        Assert.Equal(0, asStranger.GetProperty("operations").GetArrayLength());
        Assert.Equal(0, asStranger.GetProperty("cases").GetArrayLength());
        Assert.DoesNotContain(red.ToString(), text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain($"Red {id}", text, StringComparison.Ordinal);
        var page = await stranger.GetStringAsync($"/Pivot?id=telegram:{channel}", Ct);
        Assert.Contains("data-testid=\"pivot-platform-count\">1<", page, StringComparison.Ordinal);
        Assert.DoesNotContain($"Red {id}", page, StringComparison.Ordinal);
        Assert.DoesNotContain($"Red case {id}", page, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "required")]
    [InlineData("bc1qexample", "expected type:value")]
    [InlineData("walet-bitcoin:bc1qexample", "unknown type")]
    [InlineData("infohash:1234", "40 (or 64) hexadecimal digits")]
    [InlineData("telegram:", "expected a value after telegram:")]
    public async Task A_malformed_identifier_is_a_400_that_says_what_was_expected_and_the_page_says_so_too(string id, string expected)
    {
        fixture.Require();
        var response = await fixture.Analyst.GetAsync($"/api/v1/pivot?id={Uri.EscapeDataString(id)}", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        var page = await fixture.Analyst.GetAsync($"/Pivot?id={Uri.EscapeDataString(id)}", Ct);
        if (id.Length == 0) Assert.Equal(HttpStatusCode.OK, page.StatusCode); // the empty form
        else
        {
            Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
            Assert.Contains("data-testid=\"pivot-problem\"", await page.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_too_long_identifier_is_a_400_and_anonymous_callers_are_refused()
    {
        fixture.Require();
        var response = await fixture.Analyst.GetAsync($"/api/v1/pivot?id=email:{new string('a', 600)}@x.test", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("at most 500 characters", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await fixture.Anonymous.GetAsync("/api/v1/pivot?id=telegram:evo", Ct)).StatusCode);
    }

    [Fact]
    public async Task An_info_hash_pivots_to_the_platforms_that_list_it()
    {
        fixture.Require();
        var id = Unique;
        var a = await PlatformAsync(fixture.Analyst, $"Torrents {id}", "GREEN");
        var hash = Hex40();
        await using (var db = fixture.App.SystemDb())
        {
            db.Observations.Add(new Observation
            {
                Id = Guid.CreateVersion7(), PlatformId = a, Key = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(hash))), Text = "Show.S01E01.1080p.WEB-DL-EVO",
                Kind = "magnet", InfoHash = hash, FirstSeen = DateTimeOffset.UtcNow, LastSeen = DateTimeOffset.UtcNow, FirstRunId = Guid.Empty, LastRunId = Guid.Empty,
            });
            await db.SaveChangesAsync(Ct);
        }
        var pivot = await fixture.Analyst.GetFromJsonAsync<JsonElement>($"/api/v1/pivot?id=InfoHash:{hash.ToUpperInvariant()}", Ct);
        Assert.Equal($"infohash:{hash}", pivot.GetProperty("id").GetString());
        Assert.Equal(a, Assert.Single(pivot.GetProperty("platforms").EnumerateArray()).GetProperty("id").GetGuid());
    }
}

public sealed class SqlitePivotTests(SqliteApp fixture) : PivotTests(fixture), IClassFixture<SqliteApp>;

public sealed class PostgresPivotTests(PostgresApp fixture) : PivotTests(fixture), IClassFixture<PostgresApp>;
