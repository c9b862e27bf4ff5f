using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Isop.Access;
using Isop.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Isop.Tests.Cases;

/// <summary>
/// A hostile member of another organisation against cases: what a reader may not see leaves no trace in what they
/// do see (the case's last change, its timeline), the audit trail of another organisation's records is not theirs
/// to read, and reading a case is not a right to write on it.
/// </summary>
public abstract class CaseLeakTests(AppFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static string Unique => Guid.NewGuid().ToString("N")[..10];

    private async Task<Guid> CreatedAsync(HttpClient client, string url, string body)
    {
        var created = await client.PostAsync(url, Json(body), Ct);
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync(Ct));
        return (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
    }

    private Task<Guid> PlatformAsync(HttpClient client, string id, string tlp) =>
        CreatedAsync(client, "/api/v1/platforms", $$"""{"name":"P {{id}} {{tlp}}","kind":"torrent-index","domains":["p-{{id}}-{{tlp.Replace("+", "").ToLowerInvariant()}}.test"],"tlp":"{{tlp}}"}""");

    /// <summary>Everything a reader sees change on a case: its last change (on the case and in the list) and its timeline.</summary>
    private async Task<string> WhatTheySeeAsync(HttpClient reader, Guid caseId, string id)
    {
        var view = await reader.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{caseId}", Ct);
        var listed = (await reader.GetFromJsonAsync<JsonElement>($"/api/v1/cases?q={id}", Ct)).GetProperty("items")[0];
        var timeline = await reader.GetStringAsync($"/api/v1/cases/{caseId}/timeline", Ct);
        return $"{view.GetProperty("updatedAt")} | {listed.GetProperty("updatedAt")} | {timeline}";
    }

    [Fact]
    public async Task A_link_the_participant_may_not_see_changes_nothing_they_see_of_the_case()
    {
        fixture.Require();
        var id = Unique;
        var lead = await fixture.App.MemberAsync($"lead-{id}@police.test", $"Police {id}", OrganisationKind.LawEnforcement, MemberRole.Analyst);
        var partner = await fixture.App.MemberAsync($"partner-{id}@ncb.test", $"NCB {id}", OrganisationKind.NationalCentralBureau, MemberRole.Analyst);
        var asLead = fixture.App.ClientWithToken(lead.Token);
        var asPartner = fixture.App.ClientWithToken(partner.Token);
        var strict = await PlatformAsync(asLead, id, "AMBER+STRICT");
        var caseId = await CreatedAsync(asLead, "/api/v1/cases", $$"""{"title":"Quiet {{id}}","tlp":"AMBER","sharedWith":{"organisations":["{{partner.Member.OrganisationId}}"]} }""");
        var before = await WhatTheySeeAsync(asPartner, caseId, id);

        var link = await CreatedAsync(asLead, $"/api/v1/cases/{caseId}/links", $$"""{"kind":"platform","id":"{{strict}}"}""");
        Assert.Equal(before, await WhatTheySeeAsync(asPartner, caseId, id));
        Assert.Equal(HttpStatusCode.NoContent, (await asLead.DeleteAsync($"/api/v1/cases/{caseId}/links/{link}", Ct)).StatusCode);
        Assert.Equal(before, await WhatTheySeeAsync(asPartner, caseId, id));

        // The lead, who may see the platform, sees both in the timeline.
        var timeline = (await asLead.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{caseId}/timeline", Ct)).EnumerateArray().ToList();
        Assert.Equal(2, timeline.Count(e => e.GetProperty("entity").GetString() == "CaseLink"));
        // A change the participant may see still moves the case on for them.
        Assert.Equal(HttpStatusCode.Created, (await asLead.PostAsync($"/api/v1/cases/{caseId}/links", Json("""{"kind":"identifier","value":"wallet-bitcoin:bc1qquiet"}"""), Ct)).StatusCode);
        Assert.NotEqual(before, await WhatTheySeeAsync(asPartner, caseId, id));
    }

    [Fact]
    public async Task A_timeline_shows_another_organisations_platform_from_the_link_on_and_names_that_organisation_not_its_people()
    {
        fixture.Require();
        var id = Unique;
        var owner = await fixture.App.MemberAsync($"owner-{id}@isp.test", $"ISP {id}", OrganisationKind.Intermediary, MemberRole.Analyst);
        var lead = await fixture.App.MemberAsync($"lead-{id}@police.test", $"Police {id}", OrganisationKind.LawEnforcement, MemberRole.Analyst);
        var asOwner = fixture.App.ClientWithToken(owner.Token);
        var asLead = fixture.App.ClientWithToken(lead.Token);
        var platform = await PlatformAsync(asOwner, id, "GREEN");
        // The owner's work on its record before anyone linked it: its own audit trail.
        Assert.Equal(HttpStatusCode.OK, (await asOwner.PutAsync($"/api/v1/platforms/{platform}", Json("""{"description":"watched since spring"}"""), Ct)).StatusCode);

        var caseId = await CreatedAsync(asLead, "/api/v1/cases", $$"""{"title":"Theirs {{id}}","tlp":"AMBER"}""");
        await CreatedAsync(asLead, $"/api/v1/cases/{caseId}/links", $$"""{"kind":"platform","id":"{{platform}}"}""");
        Assert.Equal(HttpStatusCode.OK, (await asOwner.PutAsync($"/api/v1/platforms/{platform}", Json("""{"description":"moved to a new host"}"""), Ct)).StatusCode);

        var raw = await asLead.GetStringAsync($"/api/v1/cases/{caseId}/timeline", Ct);
        Assert.DoesNotContain($"owner-{id}@isp.test", raw);
        var entries = JsonDocument.Parse(raw).RootElement.EnumerateArray().Where(e => e.GetProperty("entity").GetString() == "platform").ToList();
        var entry = Assert.Single(entries);
        Assert.Equal("update", entry.GetProperty("action").GetString());
        Assert.Equal($"ISP {id}", entry.GetProperty("actor").GetString());

        // The owner's own case shows the owner its record's whole trail, by name.
        var own = await CreatedAsync(asOwner, "/api/v1/cases", $$"""{"title":"Mine {{id}}","tlp":"AMBER"}""");
        await CreatedAsync(asOwner, $"/api/v1/cases/{own}/links", $$"""{"kind":"platform","id":"{{platform}}"}""");
        var mine = (await asOwner.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{own}/timeline", Ct)).EnumerateArray().Where(e => e.GetProperty("entity").GetString() == "platform").ToList();
        Assert.Equal(3, mine.Count);
        Assert.All(mine, e => Assert.Equal($"owner-{id}@isp.test", e.GetProperty("actor").GetString()));
    }

    [Fact]
    public async Task Reading_a_GREEN_case_is_no_right_to_write_notes_on_it()
    {
        fixture.Require();
        var id = Unique;
        var lead = await fixture.App.MemberAsync($"lead-{id}@police.test", $"Police {id}", OrganisationKind.LawEnforcement, MemberRole.Analyst);
        var partner = await fixture.App.MemberAsync($"partner-{id}@ncb.test", $"NCB {id}", OrganisationKind.NationalCentralBureau, MemberRole.Analyst);
        var named = await fixture.App.MemberAsync($"named-{id}@studio.test", $"Studio {id}", OrganisationKind.RightsHolder, MemberRole.Analyst);
        var stranger = await fixture.App.MemberAsync($"other-{id}@isp.test", $"ISP {id}", OrganisationKind.Intermediary, MemberRole.Analyst);
        var asLead = fixture.App.ClientWithToken(lead.Token);
        var caseId = await CreatedAsync(asLead, "/api/v1/cases",
            $$"""{"title":"Open {{id}}","tlp":"GREEN","sharedWith":{"organisations":["{{partner.Member.OrganisationId}}"],"members":["{{named.Member.Id}}"]} }""");
        var asStranger = fixture.App.ClientWithToken(stranger.Token);
        Assert.Equal(HttpStatusCode.OK, (await asStranger.GetAsync($"/api/v1/cases/{caseId}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await asStranger.PostAsync($"/api/v1/cases/{caseId}/notes", Json($$"""{"text":"@lead-{{id}} look at my site instead"}"""), Ct)).StatusCode);
        var view = await asLead.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{caseId}", Ct);
        Assert.Equal(0, view.GetProperty("notes").GetArrayLength());

        // The case's own people write: the lead, a participating organisation, a named member.
        foreach (var writer in new[] { lead.Token, partner.Token, named.Token })
            Assert.Equal(HttpStatusCode.Created, (await fixture.App.ClientWithToken(writer).PostAsync($"/api/v1/cases/{caseId}/notes", Json("""{"text":"noted"}"""), Ct)).StatusCode);

        // A task may be given to any member who may read the case, and they may complete it.
        var task = await CreatedAsync(asLead, $"/api/v1/cases/{caseId}/tasks", $$"""{"title":"Check the host","assignee":"{{stranger.Member.Id}}"}""");
        Assert.Equal(HttpStatusCode.OK, (await asStranger.PostAsync($"/api/v1/cases/{caseId}/tasks/{task}/done", Json("""{"done":true}"""), Ct)).StatusCode);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task A_package_or_a_spreadsheet_waiting_in_the_temporary_folder_is_readable_by_Isops_own_account_only()
    {
        fixture.Require();
        const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        var caseId = await CreatedAsync(fixture.Analyst, "/api/v1/cases", """{"title":"Waiting","tlp":"CLEAR"}""");
        await using (var scope = fixture.App.Services.CreateAsyncScope())
        {
            var download = await scope.ServiceProvider.GetRequiredService<Isop.Cases.CaseExport>().DownloadAsync(caseId, pdf: false, Ct);
            var file = Assert.IsType<FileStream>(download?.File);
            await using (file) Assert.Equal(Private, File.GetUnixFileMode(file.Name));
        }

        var http = new DefaultHttpContext();
        http.Response.Body = new MemoryStream();
        var modes = new List<UnixFileMode>();
        await Isop.Web.Exports.WriteAsync<int>(http, "xlsx", "waiting", [new("n", n => n)], 1, (_, _, _) =>
        {
            // The spreadsheet is being built in its temporary file now.
            foreach (var path in Directory.GetFiles(Path.GetTempPath(), "isop-export-*.xlsx"))
            {
                try { modes.Add(File.GetUnixFileMode(path)); }
                catch (FileNotFoundException) { }
            }
            return Task.FromResult<IReadOnlyList<int>>([1]);
        }, Ct);
        Assert.NotEmpty(modes);
        Assert.All(modes, m => Assert.Equal(Private, m));
    }
}

public sealed class SqliteCaseLeakTests(SqliteApp fixture) : CaseLeakTests(fixture), IClassFixture<SqliteApp>;

public sealed class PostgresCaseLeakTests(PostgresApp fixture) : CaseLeakTests(fixture), IClassFixture<PostgresApp>;
