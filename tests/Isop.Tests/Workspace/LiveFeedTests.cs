using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Isop.Access;
using Isop.Monitoring;
using Isop.Range;
using Isop.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Isop.Tests.Workspace;

/// <summary>
/// The live feed the dashboard polls: new detections of real monitoring runs appear once, a cursor asks for what came
/// after, and a platform another organisation marked RED is never told to an outsider (neither an item nor its work).
/// </summary>
public abstract class LiveFeedTests(AppFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task New_detections_appear_once_after_the_cursor_and_never_to_who_may_not_see_the_platform()
    {
        await fixture.App.FirstAdminAsync(Ct);
        var world = RangeWorld.Create(29, 1);
        await using var range = await RangeHost.StartAsync(world, RangeWorld.Days - 1, cancellation: Ct);
        var registration = await RangeRegistration.CreateAsync(fixture.App, range, "Live feed", new RangeMonitoring(Enabled: false, DelayMs: 0, PerHost: 4, MaxPages: 200, MaxDepth: 2), Ct, Tlp.Red);
        string organisation;
        await using (var system = fixture.App.SystemDb())
            organisation = (await system.Organisations.SingleAsync(o => o.Id == registration.Organisation, Ct)).Name;
        var (_, insiderToken, _) = await fixture.App.MemberAsync($"{Guid.NewGuid():N}@live.test", organisation, OrganisationKind.Secretariat, MemberRole.Analyst);
        var (_, outsiderToken, _) = await fixture.App.MemberAsync($"{Guid.NewGuid():N}@elsewhere.test", "Elsewhere " + Guid.NewGuid().ToString("N"), OrganisationKind.RightsHolder, MemberRole.Analyst);
        var insider = fixture.App.ClientWithToken(insiderToken);
        var outsider = fixture.App.ClientWithToken(outsiderToken);

        // The catalogue is the lead's, published CLEAR: what hides the detections from others is the platforms' RED.
        var import = await insider.PostAsync("/api/v1/catalogue/import?tlp=CLEAR", new StringContent(RangeCatalogue.ToJson(), Encoding.UTF8, "application/json"), Ct);
        Assert.True(import.IsSuccessStatusCode, await import.Content.ReadAsStringAsync(Ct));
        var before = await insider.GetFromJsonAsync<JsonElement>("/api/v1/live", Ct);
        var cursor = before.GetProperty("cursor").GetString()!;
        await registration.RunAllAsync(Ct);
        var ours = registration.Platforms.Select(p => $"/Platforms/{p}?matched=true").ToHashSet();

        var after = await insider.GetFromJsonAsync<JsonElement>($"/api/v1/live?since={Uri.EscapeDataString(cursor)}&limit=50&kind=detection", Ct);
        var items = after.GetProperty("items").EnumerateArray().ToList();
        var detections = items.Where(i => i.GetProperty("kind").GetString() == "detection" && ours.Contains(i.GetProperty("href").GetString()!)).ToList();
        int seenCount, recognisedCount;
        await using (var system = fixture.App.SystemDb())
        {
            seenCount = await system.Observations.CountAsync(o => registration.Platforms.Contains(o.PlatformId), Ct);
            recognisedCount = await system.Recognitions.CountAsync(r => registration.Platforms.Contains(r.PlatformId) && r.WorkId != null, Ct);
        }
        Assert.True(detections.Count > 0, $"{seenCount} seen, {recognisedCount} recognised; cursor {cursor}, next {after.GetProperty("cursor")}: {string.Join("; ", items.Take(5).Select(i => i.ToString()))}");
        Assert.All(detections, d =>
        {
            Assert.Equal("Detection", d.GetProperty("label").GetString());
            Assert.Contains(" on ", d.GetProperty("title").GetString(), StringComparison.Ordinal);
        });
        // Newest first, and the cursor is the newest moment told: asking again tells nothing twice.
        var times = items.Select(i => i.GetProperty("at").GetDateTimeOffset()).ToList();
        Assert.Equal(times.OrderByDescending(t => t), times);
        var next = after.GetProperty("cursor").GetString()!;
        Assert.Equal(times[0], DateTimeOffset.Parse(next, System.Globalization.CultureInfo.InvariantCulture));
        var again = await insider.GetFromJsonAsync<JsonElement>($"/api/v1/live?since={Uri.EscapeDataString(next)}", Ct);
        Assert.DoesNotContain(again.GetProperty("items").EnumerateArray(), i => ours.Contains(i.GetProperty("href").GetString()!));

        // The outsider is told nothing of the RED platforms: not an item, not the time of one (its cursor stays where it was).
        var told = await outsider.GetFromJsonAsync<JsonElement>($"/api/v1/live?since={Uri.EscapeDataString(cursor)}&limit=50", Ct);
        var toldDetections = await outsider.GetFromJsonAsync<JsonElement>($"/api/v1/live?since={Uri.EscapeDataString(cursor)}&limit=50&kind=detection", Ct);
        Assert.DoesNotContain(toldDetections.GetProperty("items").EnumerateArray(), i => ours.Contains(i.GetProperty("href").GetString()!));
        Assert.DoesNotContain(told.GetProperty("items").EnumerateArray(), i => registration.Platforms.Any(p => i.GetProperty("href").GetString()!.Contains(p.ToString(), StringComparison.Ordinal)));
        if (told.GetProperty("items").GetArrayLength() == 0) Assert.Equal(cursor, told.GetProperty("cursor").GetString());

        // In the reader's language.
        using var korean = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/live?since={Uri.EscapeDataString(cursor)}&limit=50&kind=detection");
        korean.Headers.AcceptLanguage.ParseAdd("ko");
        var ko = await (await insider.SendAsync(korean, Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Contains(ko.GetProperty("items").EnumerateArray(), i => i.GetProperty("label").GetString() == "탐지");
    }

    [Theory]
    [InlineData("since=yesterday", "since")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=51", "limit")]
    [InlineData("kind=detection,arrest", "kind")]
    public async Task A_wrong_cursor_or_limit_is_named(string query, string field)
    {
        var response = await fixture.Analyst.GetAsync("/api/v1/live?" + query, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task The_dashboard_shows_cases_operations_detections_and_a_table_behind_every_chart()
    {
        var (member, _, password) = await fixture.App.MemberAsync($"{Guid.NewGuid():N}@dash.test", "Dashboard " + Guid.NewGuid().ToString("N"), OrganisationKind.LawEnforcement, MemberRole.Analyst);
        var client = fixture.App.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        await Forms.SignInAsync(client, member.Email!, password);
        var created = await Forms.PostAsync(client, "/Cases", new Dictionary<string, string> { ["title"] = "Dashboard case", ["tlp"] = "AMBER" }, "/Cases?handler=Create");
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var home = await client.GetStringAsync("/", Ct);
        foreach (var id in new[] { "detections-by-day", "detections-table", "top-platforms", "top-platforms-table", "most-offered", "top-works-table", "open-cases", "new-operations", "live-feed" })
            Assert.Contains(id, home, StringComparison.Ordinal);
        Assert.Contains("Dashboard case", home, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"open-cases-count\">1<", home, StringComparison.Ordinal);
        Assert.Contains("/js/live.js", home, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await fixture.Anonymous.GetAsync("/api/v1/live", Ct)).StatusCode);
    }
}

public sealed class SqliteLiveFeedTests(SqliteApp app) : LiveFeedTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresLiveFeedTests(PostgresApp app) : LiveFeedTests(app), IClassFixture<PostgresApp>;
