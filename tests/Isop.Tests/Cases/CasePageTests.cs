using System.Net;
using System.Text.RegularExpressions;
using Isop.Access;
using Isop.Cases;
using Isop.Monitoring;
using Isop.Range;
using Isop.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Isop.Tests.Cases;

/// <summary>
/// An investigation run through the pages as a browser posts them (antiforgery and cookies): open a case on a platform
/// the range captured, link an identifier, note, task, move it on, attach the platform's evidence, download the
/// package and verify it offline; another organisation's member finds nothing of it, a viewer changes nothing.
/// </summary>
public abstract partial class CasePageTests(AppFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private HttpClient Browser() => fixture.App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    private async Task<(HttpClient Client, Member Member)> SignedInAsync(string organisation, MemberRole role, OrganisationKind kind = OrganisationKind.Secretariat)
    {
        var (member, _, password) = await fixture.App.MemberAsync($"{Guid.NewGuid():N}@cases.test", organisation, kind, role);
        var client = Browser();
        await Forms.SignInAsync(client, member.Email!, password);
        return (client, member);
    }

    private static async Task<string> FollowAsync(HttpClient client, HttpResponseMessage response, string expected)
    {
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{response.StatusCode}: {Errors(body)}");
        var location = response.Headers.Location!.OriginalString;
        Assert.StartsWith(expected, location, StringComparison.Ordinal);
        return await client.GetStringAsync(location, Ct);
    }

    private static string Errors(string html) => ErrorList().Match(html) is { Success: true } m ? WebUtility.HtmlDecode(m.Value) : html[..Math.Min(html.Length, 400)];

    [Fact]
    public async Task An_analyst_runs_an_investigation_through_the_pages_and_downloads_a_package_that_verifies()
    {
        await fixture.App.FirstAdminAsync(Ct);
        var world = RangeWorld.Create(23, 1);
        await using var range = await RangeHost.StartAsync(world, RangeWorld.Days - 1, cancellation: Ct);
        var registration = await RangeRegistration.CreateAsync(fixture.App, range, "Case pages", new RangeMonitoring(Enabled: false, DelayMs: 0, PerHost: 4, MaxPages: 200, MaxDepth: 2), Ct);
        var runner = fixture.App.Services.GetRequiredService<MonitorRunner>();
        string organisation;
        Guid platform = Guid.Empty;
        await using (var system = fixture.App.SystemDb())
        {
            organisation = (await system.Organisations.SingleAsync(o => o.Id == registration.Organisation, Ct)).Name;
            foreach (var candidate in registration.Platforms)
            {
                await runner.RunAsync(candidate, Ct);
                if (await system.Observations.AnyAsync(o => o.PlatformId == candidate && o.WarcFile != null, Ct)) { platform = candidate; break; }
            }
        }
        Assert.NotEqual(Guid.Empty, platform);
        var (analyst, member) = await SignedInAsync(organisation, MemberRole.Analyst);

        var list = await analyst.GetStringAsync("/Cases", Ct);
        Assert.Contains("data-testid=\"create-case\"", list, StringComparison.Ordinal);
        Assert.Contains(platform.ToString(), list, StringComparison.Ordinal);

        // A title that is too long is named, and nothing is opened.
        var refused = await Forms.PostAsync(analyst, "/Cases", new Dictionary<string, string> { ["title"] = new string('x', CaseModel.MaxTitle + 1), ["tlp"] = "AMBER", ["platform"] = platform.ToString() }, "/Cases?handler=Create");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("title: longer than 300 characters", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync(Ct)), StringComparison.Ordinal);

        var created = await Forms.PostAsync(analyst, "/Cases", new Dictionary<string, string> { ["title"] = "Operation 눈물의 여왕", ["summary"] = "Leaks of the series.", ["tlp"] = "AMBER", ["platform"] = platform.ToString() }, "/Cases?handler=Create");
        var page = await FollowAsync(analyst, created, "/Cases/");
        var url = created.Headers.Location!.OriginalString;
        var id = Guid.Parse(url["/Cases/".Length..]);
        Assert.Contains("Operation 눈물의 여왕", WebUtility.HtmlDecode(page), StringComparison.Ordinal);
        Assert.Contains($"href=\"/Platforms/{platform}\"", page, StringComparison.Ordinal);

        // An identifier, a note, a task.
        page = await FollowAsync(analyst, await Forms.PostAsync(analyst, url, new Dictionary<string, string> { ["kind"] = "identifier", ["value"] = "Telegram:@Evo_Leaks" }, url + "?handler=Link"), url);
        Assert.Contains("/Pivot?id=telegram%3Aevo_leaks", page, StringComparison.Ordinal);
        var bad = await Forms.PostAsync(analyst, url, new Dictionary<string, string> { ["kind"] = "identifier", ["value"] = "no colon" }, url + "?handler=Link");
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Contains("value:", Errors(await bad.Content.ReadAsStringAsync(Ct)), StringComparison.Ordinal);
        page = await FollowAsync(analyst, await Forms.PostAsync(analyst, url, new Dictionary<string, string> { ["text"] = $"Seen the uploader; @{member.Email} check the mirror." }, url + "?handler=Note"), url);
        Assert.Contains("check the mirror.", page, StringComparison.Ordinal);
        page = await FollowAsync(analyst, await Forms.PostAsync(analyst, url, new Dictionary<string, string> { ["title"] = "Ask the host", ["assignee"] = member.Id.ToString(), ["due"] = "2027-01-15" }, url + "?handler=Task"), url);
        Assert.Contains("2027-01-15", page, StringComparison.Ordinal);
        // The dashboard tells the member what waits for them: the task assigned, the note that mentions them.
        var dashboard = WebUtility.HtmlDecode(await analyst.GetStringAsync("/", Ct));
        Assert.Matches($"data-testid=\"my-tasks\">.*href=\"/Cases/{id}#tasks\">Ask the host<.*due 2027-01-15", dashboard.ReplaceLineEndings(" "));
        Assert.Matches($"data-testid=\"my-mentions\">.*href=\"/Cases/{id}#notes\">Operation 눈물의 여왕<.*check the mirror", dashboard.ReplaceLineEndings(" "));

        // The workflow: open → investigating; open → action is refused with the moves allowed.
        page = await FollowAsync(analyst, await Forms.PostAsync(analyst, url, new Dictionary<string, string> { ["status"] = "investigating" }, url + "?handler=Status"), url);
        Assert.Contains("data-testid=\"case-status\">Investigating<", page, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"status-action\"", page, StringComparison.Ordinal);

        // The platform's captures become the case's evidence.
        var attached = await Forms.PostAsync(analyst, url, new Dictionary<string, string> { ["platform"] = platform.ToString() }, url + "?handler=Attach");
        page = await FollowAsync(analyst, attached, url);
        Assert.Matches("\\d+ evidence records attached\\.", page);
        Assert.DoesNotContain("No evidence attached yet", page, StringComparison.Ordinal);

        // The package, as the export button downloads it, verifies offline.
        var download = await analyst.GetAsync(url + "?handler=Package&pdf=false", Ct);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/zip", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal(CaseExport.PackageName(id), download.Content.Headers.ContentDisposition?.FileNameStar ?? download.Content.Headers.ContentDisposition?.FileName);
        var bytes = await download.Content.ReadAsByteArrayAsync(Ct);
        var verified = EvidencePackage.Verify(new MemoryStream(bytes), null, Ct);
        Assert.True(verified.Valid, string.Join("\n", verified.Problems));
        // The API serves the same package.
        var api = await analyst.GetAsync($"/api/v1/cases/{id}/package?pdf=false", Ct);
        Assert.Equal(HttpStatusCode.OK, api.StatusCode);

        // The timeline tells what happened, in the reader's words.
        Assert.Contains("data-testid=\"case-timeline\"", page, StringComparison.Ordinal);
        // Changes are said in words, without the bookkeeping every change carries; captures attached at once are one row.
        var timeline = page[page.IndexOf("data-testid=\"case-timeline\"", StringComparison.Ordinal)..];
        Assert.DoesNotContain("StatusChangedById", timeline, StringComparison.Ordinal);
        Assert.DoesNotContain("UpdatedAt", timeline, StringComparison.Ordinal);
        Assert.Contains("status", timeline, StringComparison.Ordinal);
        int captures;
        await using (var system = fixture.App.SystemDb())
            captures = await system.CaseEvidence.CountAsync(e => e.CaseId == id, Ct);
        if (captures > 1) Assert.Contains($"× {captures}", WebUtility.HtmlDecode(timeline), StringComparison.Ordinal);
        Assert.Contains(">Evidence", page, StringComparison.Ordinal);

        // Another organisation's member finds nothing of it; a viewer of the lead reads it and changes nothing.
        var (stranger, _) = await SignedInAsync("Other studio " + Guid.NewGuid().ToString("N"), MemberRole.Analyst, OrganisationKind.RightsHolder);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync(url, Ct)).StatusCode);
        Assert.DoesNotContain("눈물의 여왕", WebUtility.HtmlDecode(await stranger.GetStringAsync("/Cases", Ct)), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync(url + "?handler=Package&pdf=false", Ct)).StatusCode);
        var theirDashboard = WebUtility.HtmlDecode(await stranger.GetStringAsync("/", Ct));
        Assert.DoesNotContain("Ask the host", theirDashboard, StringComparison.Ordinal);
        Assert.DoesNotContain("check the mirror", theirDashboard, StringComparison.Ordinal);
        var (viewer, _) = await SignedInAsync(organisation, MemberRole.Viewer);
        var read = await viewer.GetStringAsync(url, Ct);
        Assert.Contains("Operation 눈물의 여왕", WebUtility.HtmlDecode(read), StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"link-form\"", read, StringComparison.Ordinal);
        var token = TokenPattern().Match(read).Groups[1].Value;
        var forbidden = await viewer.PostAsync(url + "?handler=Status", new FormUrlEncodedContent(new Dictionary<string, string> { ["status"] = "closed", ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token) }), Ct);
        // Refused (403, or the sign-in's "denied" page), not done.
        Assert.False(forbidden.StatusCode == HttpStatusCode.Redirect && forbidden.Headers.Location?.OriginalString == url, $"{forbidden.StatusCode} {forbidden.Headers.Location}");
        await using var check = fixture.App.SystemDb();
        Assert.Equal(CaseStatus.Investigating, (await check.Cases.SingleAsync(c => c.Id == id, Ct)).Status);
    }

    [GeneratedRegex("<div class=\"alert alert-danger\"[^>]*>.*?</div>", RegexOptions.Singleline)]
    private static partial Regex ErrorList();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}

public sealed class SqliteCasePageTests(SqliteApp app) : CasePageTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresCasePageTests(PostgresApp app) : CasePageTests(app), IClassFixture<PostgresApp>;
