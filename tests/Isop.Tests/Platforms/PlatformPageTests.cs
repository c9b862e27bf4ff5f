using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Isop.Access;
using Isop.Cases;
using Isop.Monitoring;
using Isop.Range;
using Isop.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace Isop.Tests.Platforms;

/// <summary>
/// A platform's page as an analyst acts on it, after real monitoring of the range: listings with their info-hash (a
/// pivot) and magnet, release name and group; the matcher's reasons said once per work rather than on every row; the
/// cases that link the platform, and adding it to one of the analyst's open cases — which another organisation's member
/// is never offered, and a viewer cannot do.
/// </summary>
public abstract class PlatformPageTests(AppFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(HttpClient Browser, HttpClient Api)> SignedInAsync(string organisation, MemberRole role, OrganisationKind kind = OrganisationKind.Secretariat)
    {
        var (member, token, password) = await fixture.App.MemberAsync($"{Guid.NewGuid():N}@platform-page.test", organisation, kind, role);
        var browser = fixture.App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        await Forms.SignInAsync(browser, member.Email!, password);
        return (browser, fixture.App.ClientWithToken(token));
    }

    /// <summary>
    /// A range of one seed registered for a new organisation under AMBER, an analyst of it signed in, what
    /// <paramref name="prepare"/> does first with the analyst's API client, then every platform monitored once.
    /// </summary>
    private async Task<(RangeRegistration Registration, string Organisation, HttpClient Browser, HttpClient Api)> MonitoredAsync(int seed, string name, Func<HttpClient, Task> prepare)
    {
        await fixture.App.FirstAdminAsync(Ct);
        await using var range = await RangeHost.StartAsync(RangeWorld.Create(seed, 1), RangeWorld.Days - 1, cancellation: Ct);
        var registration = await RangeRegistration.CreateAsync(fixture.App, range, name, new RangeMonitoring(Enabled: false, DelayMs: 0, PerHost: 4, MaxPages: 200, MaxDepth: 2), Ct, Tlp.Amber);
        string organisation;
        await using (var system = fixture.App.SystemDb())
            organisation = (await system.Organisations.SingleAsync(o => o.Id == registration.Organisation, Ct)).Name;
        var (browser, api) = await SignedInAsync(organisation, MemberRole.Analyst);
        await prepare(api);
        await registration.RunAllAsync(Ct);
        return (registration, organisation, browser, api);
    }

    private static async Task ImportCatalogueAsync(HttpClient client)
    {
        var import = await client.PostAsync("/api/v1/catalogue/import?tlp=CLEAR", new StringContent(RangeCatalogue.ToJson(), Encoding.UTF8, "application/json"), Ct);
        Assert.True(import.IsSuccessStatusCode, await import.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task Listings_show_hash_magnet_and_release_with_reasons_once_per_work_and_the_platform_joins_a_case_from_its_page()
    {
        // Another organisation published the same catalogue first: the same works twice must not make the matcher abstain.
        var (_, publisher) = await SignedInAsync("Publisher " + Guid.NewGuid().ToString("N"), MemberRole.Analyst, OrganisationKind.RightsHolder);
        var (registration, organisation, analyst, api) = await MonitoredAsync(37, "Platform page", async api =>
        {
            await ImportCatalogueAsync(publisher);
            await ImportCatalogueAsync(api);
        });

        // A platform with torrents, and a work more than one of its listings was recognised as.
        Guid platform;
        await using (var system = fixture.App.SystemDb())
        {
            var candidates = await system.Recognitions.Where(r => registration.Platforms.Contains(r.PlatformId) && r.WorkId != null && r.Observation!.InfoHash != null)
                .GroupBy(r => new { r.PlatformId, r.WorkId }).Where(g => g.Count() >= 2).Select(g => g.Key.PlatformId).ToListAsync(Ct);
            var stats = await system.Observations.Where(o => registration.Platforms.Contains(o.PlatformId))
                .GroupBy(o => o.PlatformId).Select(g => new { g.Key, All = g.Count(), Hashed = g.Count(o => o.InfoHash != null), Recognised = g.Count(o => o.Recognition != null && o.Recognition.WorkId != null) }).ToListAsync(Ct);
            Assert.True(candidates.Count > 0, string.Join("; ", stats.Select(x => $"{x.All} seen, {x.Hashed} hashed, {x.Recognised} recognised")));
            platform = candidates[0];
        }
        var rows = (await api.GetFromJsonAsync<JsonElement>($"/api/v1/platforms/{platform}/observations?matched=true&sort=text&pageSize=200", Ct)).GetProperty("items").EnumerateArray().ToList();
        var html = await analyst.GetStringAsync($"/Platforms/{platform}?matched=true&sort=text&size=200", Ct);
        var text = WebUtility.HtmlDecode(html);

        var hashed = rows.First(r => r.GetProperty("infoHash").ValueKind == JsonValueKind.String);
        var hash = hashed.GetProperty("infoHash").GetString()!;
        Assert.Contains($"/Pivot?id={Uri.EscapeDataString("infohash:" + hash)}", html, StringComparison.Ordinal);
        var magnet = hashed.GetProperty("magnet").GetString()!;
        Assert.StartsWith("magnet:?xt=urn:bt", magnet, StringComparison.Ordinal);
        Assert.Contains(hash, magnet, StringComparison.OrdinalIgnoreCase);
        Assert.Contains($"href=\"{magnet}\"", text, StringComparison.Ordinal);
        if (rows.FirstOrDefault(r => r.GetProperty("release").ValueKind == JsonValueKind.String) is { ValueKind: JsonValueKind.Object } released)
        {
            Assert.Contains($"/Releases/Detail?name={Uri.EscapeDataString(released.GetProperty("release").GetString()!)}", html, StringComparison.Ordinal);
            if (released.GetProperty("releaseGroup").GetString() is { } group) Assert.Contains($"/Releases?group={Uri.EscapeDataString(group)}", html, StringComparison.Ordinal);
        }

        // A reason every listing of a work shares is said once for the work, not on each of its rows.
        Assert.Contains("data-testid=\"work-reasons\"", html, StringComparison.Ordinal);
        var byWork = rows.Where(r => r.GetProperty("workId").ValueKind == JsonValueKind.String).GroupBy(r => r.GetProperty("workId").GetString()).First(g => g.Count() >= 2);
        var shared = byWork.Select(r => r.GetProperty("why").EnumerateArray().Select(w => w.GetProperty("text").GetString()!).ToHashSet()).Aggregate((a, b) => { a.IntersectWith(b); return a; });
        Assert.NotEmpty(shared);
        var reason = shared.First();
        var rowsSayingIt = rows.Count(r => r.GetProperty("why").ValueKind == JsonValueKind.Array && r.GetProperty("why").EnumerateArray().Any(w => w.GetProperty("text").GetString() == reason));
        var said = CountOf(text, reason);
        Assert.True(said >= 1 && said < rowsSayingIt, $"\"{reason}\" is said {said} times for {rowsSayingIt} rows that give it");

        // Adding the platform to a case from its page.
        var created = await api.PostAsJsonAsync("/api/v1/cases", new { title = "Platform page case " + Guid.NewGuid().ToString("N")[..6], tlp = "AMBER" }, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var caseId = (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
        html = await analyst.GetStringAsync($"/Platforms/{platform}", Ct);
        Assert.Contains($"value=\"{caseId}\"", html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"in-cases-none\"", html, StringComparison.Ordinal);
        var noCase = await Forms.PostAsync(analyst, $"/Platforms/{platform}", new Dictionary<string, string>(), $"/Platforms/{platform}?handler=AddToCase");
        Assert.Equal(HttpStatusCode.OK, noCase.StatusCode);
        Assert.Contains("Choose a case.", await noCase.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        var added = await Forms.PostAsync(analyst, $"/Platforms/{platform}", new Dictionary<string, string> { ["case"] = caseId.ToString() }, $"/Platforms/{platform}?handler=AddToCase");
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var after = await analyst.GetStringAsync(added.Headers.Location!.OriginalString, Ct);
        Assert.Contains("Added to the case", after, StringComparison.Ordinal);
        Assert.Contains($"href=\"/Cases/{caseId}\"", after, StringComparison.Ordinal);
        Assert.DoesNotContain($"value=\"{caseId}\"", after, StringComparison.Ordinal);
        await using (var system = fixture.App.SystemDb())
            Assert.Equal(1, await system.CaseLinks.CountAsync(l => l.CaseId == caseId && l.PlatformId == platform && l.Kind == CaseLinkKind.Platform, Ct));

        // A viewer of the organisation is offered no case and cannot add the platform to one.
        var second = await api.PostAsJsonAsync("/api/v1/cases", new { title = "Second case " + Guid.NewGuid().ToString("N")[..6], tlp = "AMBER" }, Ct);
        var secondId = (await second.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
        var (viewer, _) = await SignedInAsync(organisation, MemberRole.Viewer);
        var viewed = await viewer.GetStringAsync($"/Platforms/{platform}", Ct);
        Assert.DoesNotContain("data-testid=\"add-to-case\"", viewed, StringComparison.Ordinal);
        Assert.Contains($"href=\"/Cases/{caseId}\"", viewed, StringComparison.Ordinal);
        var refused = await Forms.PostAsync(viewer, "/Cases", new Dictionary<string, string> { ["case"] = secondId.ToString() }, $"/Platforms/{platform}?handler=AddToCase");
        Assert.False(refused.StatusCode == HttpStatusCode.Redirect && refused.Headers.Location?.OriginalString == $"/Platforms/{platform}", $"{refused.StatusCode} {refused.Headers.Location}");
        await using (var system = fixture.App.SystemDb())
            Assert.False(await system.CaseLinks.AnyAsync(l => l.CaseId == secondId, Ct));

        // Another organisation's analyst (the platform is AMBER, so not theirs to see) finds neither the page nor the case.
        var (outsider, _) = await SignedInAsync("Elsewhere " + Guid.NewGuid().ToString("N"), MemberRole.Analyst, OrganisationKind.RightsHolder);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/Platforms/{platform}", Ct)).StatusCode);
        var theirs = await Forms.PostAsync(outsider, "/Cases", new Dictionary<string, string> { ["title"] = "Theirs", ["tlp"] = "AMBER" }, "/Cases?handler=Create");
        Assert.Equal(HttpStatusCode.Redirect, theirs.StatusCode);
        var theirCase = Guid.Parse(theirs.Headers.Location!.OriginalString["/Cases/".Length..]);
        var linkHidden = await Forms.PostAsync(outsider, "/Cases", new Dictionary<string, string> { ["case"] = theirCase.ToString() }, $"/Platforms/{platform}?handler=AddToCase");
        Assert.Equal(HttpStatusCode.NotFound, linkHidden.StatusCode);
        await using (var system = fixture.App.SystemDb())
            Assert.False(await system.CaseLinks.AnyAsync(l => l.CaseId == theirCase, Ct));
    }

    [Fact]
    public async Task The_live_feed_narrowed_to_a_platform_tells_only_what_happened_on_it()
    {
        var (registration, _, _, api) = await MonitoredAsync(41, "Platform live", ImportCatalogueAsync);

        Guid[] detected;
        await using (var system = fixture.App.SystemDb())
            detected = [.. (await system.Recognitions.Where(r => registration.Platforms.Contains(r.PlatformId) && r.WorkId != null).Select(r => r.PlatformId).Distinct().ToListAsync(Ct))];
        Assert.True(detected.Length >= 2, $"{detected.Length} platforms with detections");
        var one = detected[0];
        var told = (await api.GetFromJsonAsync<JsonElement>($"/api/v1/live?platform={one}&limit=50", Ct)).GetProperty("items").EnumerateArray().ToList();
        Assert.NotEmpty(told);
        Assert.All(told, i => Assert.Contains(one.ToString(), i.GetProperty("href").GetString(), StringComparison.Ordinal));
        var all = (await api.GetFromJsonAsync<JsonElement>("/api/v1/live?limit=50", Ct)).GetProperty("items").EnumerateArray();
        Assert.Contains(all, i => !i.GetProperty("href").GetString()!.Contains(one.ToString(), StringComparison.Ordinal));

        // A malformed id is a problem naming the parameter, not a 500.
        var bad = await api.GetAsync("/api/v1/live?platform=nope", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Fact]
    public async Task A_case_links_an_operation_by_one_of_its_platforms_and_refuses_a_platform_in_no_operation()
    {
        var (registration, _, _, api) = await MonitoredAsync(43, "Operation links", _ => Task.CompletedTask);
        await using var asOwner = Isop.Data.DataServices.CreateContext(fixture.App.Database.Settings, new Caller(null, registration.Organisation, MemberRole.Analyst, "test", false));
        var inOperation = (await new Isop.Operations.OperationFinder(asOwner, new Isop.Operations.OperationSettings()).FindAsync(Ct)).SelectMany(o => o.Platforms).Select(p => p.Id).ToHashSet();
        var member = registration.Platforms.First(inOperation.Contains);
        var alone = registration.Platforms.FirstOrDefault(p => !inOperation.Contains(p));

        var created = await api.PostAsJsonAsync("/api/v1/cases", new { title = "Operation links " + Guid.NewGuid().ToString("N")[..6], tlp = "AMBER" }, Ct);
        var caseId = (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
        var linked = await api.PostAsJsonAsync($"/api/v1/cases/{caseId}/links", new { kind = "operation", id = member }, Ct);
        Assert.True(linked.IsSuccessStatusCode, await linked.Content.ReadAsStringAsync(Ct));
        if (alone != Guid.Empty)
        {
            var refused = await api.PostAsJsonAsync($"/api/v1/cases/{caseId}/links", new { kind = "operation", id = alone }, Ct);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains("is in no operation", await refused.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
            // As a platform it is linked.
            Assert.True((await api.PostAsJsonAsync($"/api/v1/cases/{caseId}/links", new { kind = "platform", id = alone }, Ct)).IsSuccessStatusCode);
        }
        // A platform that does not exist (or is hidden) is said the same way as ever: not one the caller may see.
        var unknown = await api.PostAsJsonAsync($"/api/v1/cases/{caseId}/links", new { kind = "operation", id = Guid.NewGuid() }, Ct);
        Assert.Contains("that you may see", await unknown.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    private static int CountOf(string text, string value)
    {
        var count = 0;
        for (var at = text.IndexOf(value, StringComparison.Ordinal); at >= 0; at = text.IndexOf(value, at + value.Length, StringComparison.Ordinal)) count++;
        return count;
    }
}

public sealed class SqlitePlatformPageTests(SqliteApp app) : PlatformPageTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresPlatformPageTests(PostgresApp app) : PlatformPageTests(app), IClassFixture<PostgresApp>;
