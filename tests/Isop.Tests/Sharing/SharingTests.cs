using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Isop.Access;
using Isop.Catalogue;
using Isop.Monitoring;
using Isop.Platforms;
using Isop.Sharing;
using Isop.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Isop.Tests.Sharing;

/// <summary>
/// STIX export and import and the TAXII 2.1 server, end to end on each database: exports that the OASIS schemas accept,
/// examples that import and export again without loss, precise errors, TAXII paging and filters, and TLP everywhere.
/// </summary>
public abstract class SharingTests(AppFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    internal static string Suffix() => Guid.NewGuid().ToString("N")[..8];

    /// <summary>A platform with domains and operator identifiers, and two listings recognised as a work: what an export maps.</summary>
    internal static async Task<(Guid Platform, Guid Work)> ArrangeAsync(IsopApp app, Guid owner, Tlp tlp, string suffix)
    {
        await using var db = app.SystemDb();
        var now = DateTimeOffset.UtcNow;
        var work = new Work
        {
            ExternalId = $"K{suffix}", Kind = WorkKind.Series, Year = 2024, RightsHolder = $"Studio Dragon {suffix}", Tlp = tlp, OwnerOrganisationId = owner, CreatedAt = now, UpdatedAt = now,
            Titles = [new WorkTitle { Text = $"눈물의 여왕 {suffix}", Language = "ko", Position = 0 }, new WorkTitle { Text = $"Queen of Tears {suffix}", Language = "en", Position = 1 }],
        };
        db.Works.Add(work);
        var platform = new Platform { Name = $"Toonkor {suffix}", Kind = PlatformKind.StreamingSite, Tlp = tlp, OwnerOrganisationId = owner, CreatedAt = now, UpdatedAt = now, Description = "Webtoons and dramas" };
        platform.SetDomains([$"toonkor{suffix}.test", $"toonkor{suffix}-2.test"], now);
        db.Platforms.Add(platform);
        await db.SaveChangesAsync(Ct);
        var run = Guid.CreateVersion7();
        await ObservationStore.UpsertSignalsAsync(db, platform.Id, run, now,
        [
            new SignalInput("google-analytics", $"G-{suffix.ToUpperInvariant()}", "script", $"http://toonkor{suffix}.test/"),
            new SignalInput("wallet-bitcoin", $"bc1q{suffix}{new string('x', 30)}", "footer", $"http://toonkor{suffix}.test/"),
            new SignalInput("email", $"admin{suffix}@proton.me", "footer", $"http://toonkor{suffix}.test/"),
            new SignalInput("ip", "127.0.0.9", $"toonkor{suffix}.test", $"http://toonkor{suffix}.test/"),
            new SignalInput("tls-sha256", new string('a', 56) + suffix, "certificate", $"https://toonkor{suffix}.test/"),
            new SignalInput("tracker", "udp://tracker.test:80", "magnet", $"http://toonkor{suffix}.test/"),
        ], Ct);
        await ObservationStore.UpsertAsync(db, platform.Id, run, now,
        [
            new ObservationInput($"Queen.of.Tears.{suffix}.E01.1080p.WEB-DL", $"http://toonkor{suffix}.test/1", null, "page", null, $"http://toonkor{suffix}.test/", work.Id, 1, 1, 0.95,
                [], new Dictionary<string, long> { ["views"] = 1200 }, null, null, null),
            new ObservationInput($"Queen.of.Tears.{suffix}.E02.1080p.WEB-DL", $"http://toonkor{suffix}.test/2", null, "page", null, $"http://toonkor{suffix}.test/", work.Id, 1, 2, 0.95,
                [], new Dictionary<string, long> { ["views"] = 800 }, null, null, null),
        ], Ct);
        return (platform.Id, work.Id);
    }

    private static async Task<JsonElement> ExportAsync(HttpClient client, string query = "")
    {
        var response = await client.GetAsync("/api/v1/stix/export" + query, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/stix+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync(Ct)).RootElement.Clone();
    }

    private static List<JsonElement> Objects(JsonElement bundle) => bundle.TryGetProperty("objects", out var o) ? [.. o.EnumerateArray()] : [];

    private static async Task<HttpResponseMessage> ImportAsync(HttpClient client, string json) =>
        await client.PostAsync("/api/v1/stix/import", new StringContent(json, Encoding.UTF8, "application/json"), Ct);

    [Fact]
    public async Task An_export_validates_against_the_OASIS_schemas_carries_TLP_on_every_object_and_repeats_itself()
    {
        fixture.Require();
        var suffix = Suffix();
        var studio = (await fixture.App.OrganisationAsync("Studio")).Id;
        await ArrangeAsync(fixture.App, studio, Tlp.Green, suffix);

        var bundle = await ExportAsync(fixture.Analyst);
        // The OASIS bundle schema predates extension definitions and new-sdo extensions: it takes an extension-definition
        // or a custom domain object for both a custom domain object and a custom observable, and so for neither (oneOf).
        // Those are checked against their own schemas below, like every object.
        var envelope = JsonNode.Parse(bundle.GetRawText())!.AsObject();
        envelope["objects"] = new JsonArray([.. envelope["objects"]!.AsArray()
            .Where(o => (string)o!["type"]! is not ("extension-definition" or StixExtensions.WorkType)).Select(o => o!.DeepClone())]);
        Assert.Empty(StixSchemas.BundleErrors(JsonDocument.Parse(envelope.ToJsonString()).RootElement));
        var objects = Objects(bundle);
        foreach (var o in objects) Assert.True(StixSchemas.Errors(o).Count == 0, $"{o.GetProperty("id")}: {string.Join("; ", StixSchemas.Errors(o))}");
        var tlpIds = Enum.GetValues<Tlp>().Select(StixMarkings.IdOf).ToHashSet();
        foreach (var o in objects.Where(o => o.GetProperty("type").GetString() != "marking-definition"))
        {
            var marks = o.GetProperty("object_marking_refs").EnumerateArray().Select(m => m.GetString()!).ToList();
            Assert.Single(marks, tlpIds.Contains);
        }

        var types = objects.Select(o => o.GetProperty("type").GetString()).ToHashSet();
        foreach (var t in new[] { "infrastructure", "domain-name", "ipv4-addr", "x509-certificate", "email-addr", StixExtensions.WalletType, StixExtensions.IdentifierType,
                     "identity", StixExtensions.WorkType, "sighting", "relationship", "extension-definition", "marking-definition" })
            Assert.Contains(t, types);
        // A tracker is a weak signal of no operator: not shared.
        Assert.DoesNotContain(objects, o => o.GetRawText().Contains("tracker.test", StringComparison.Ordinal));

        var infra = objects.Single(o => o.GetProperty("type").GetString() == "infrastructure" && o.GetProperty("name").GetString() == $"Toonkor {suffix}");
        var sighting = objects.Single(o => o.GetProperty("type").GetString() == "sighting" && o.GetProperty("sighting_of_ref").GetString() == infra.GetProperty("id").GetString());
        Assert.Equal(2, sighting.GetProperty("count").GetInt32());
        var organisationIdentity = StixMapper.OrganisationId(studio);
        Assert.Equal(organisationIdentity, sighting.GetProperty("where_sighted_refs")[0].GetString());
        Assert.Equal(organisationIdentity, infra.GetProperty("created_by_ref").GetString());
        Assert.Equal(StixMarkings.IdOf(Tlp.Green), infra.GetProperty("object_marking_refs")[0].GetString());
        var domain = objects.Single(o => o.GetProperty("type").GetString() == "domain-name" && o.GetProperty("value").GetString() == $"toonkor{suffix}.test");
        Assert.Equal(StixJson.ObservableId("domain-name", new JsonObject { ["value"] = $"toonkor{suffix}.test" }), domain.GetProperty("id").GetString());
        Assert.Contains(objects, o => o.GetProperty("type").GetString() == "relationship" && o.GetProperty("relationship_type").GetString() == "consists-of"
                                      && o.GetProperty("source_ref").GetString() == infra.GetProperty("id").GetString() && o.GetProperty("target_ref").GetString() == domain.GetProperty("id").GetString());

        // Exporting again names every object alike, with the same versions: a partner's second import adds nothing.
        var again = Objects(await ExportAsync(fixture.Analyst));
        static HashSet<string> Versions(IEnumerable<JsonElement> list) =>
            list.Select(o => $"{o.GetProperty("id")}|{(o.TryGetProperty("modified", out var m) ? m.GetString() : "")}").ToHashSet();
        Assert.Equal(Versions(objects), Versions(again));

        // A record added since is published at the next export.
        var (later, _) = await ArrangeAsync(fixture.App, studio, Tlp.Green, suffix + "n");
        Assert.Contains(Objects(await ExportAsync(fixture.Analyst)), o => o.GetProperty("id").GetString() == StixMapper.PlatformId(later));

        // --tlp keeps objects at that level or below, in any case.
        var clear = Objects(await ExportAsync(fixture.Analyst, "?tlp=clear"));
        Assert.DoesNotContain(clear, o => o.TryGetProperty("object_marking_refs", out var m) && m[0].GetString() != StixMarkings.IdOf(Tlp.Clear));
        Assert.DoesNotContain(clear, o => o.GetProperty("type").GetString() == "infrastructure");
        var bad = await fixture.Analyst.GetAsync("/api/v1/stix/export?tlp=purple", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("tlp", await bad.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await fixture.Analyst.GetAsync("/api/v1/stix/export?since=yesterday", Ct)).StatusCode);
    }

    public static TheoryData<string> Examples() =>
    [
        "indicator-for-c2-ip-address.json", "indicator-to-campaign-relationship.json", "indicators-for-C2-with-COA.json", "infrastructure.json",
        "interop-objectmarking-test.json", "malicious-email-indicator-with-attachment.json", "threat-reports/apt1.json", "threat-reports/poisonivy.json",
    ];

    [Theory]
    [MemberData(nameof(Examples))]
    public async Task Every_OASIS_example_imports_and_exports_again_without_loss(string example)
    {
        fixture.Require();
        var path = SharedData.Require("stix2/examples/" + example);
        var text = await File.ReadAllTextAsync(path, Ct);
        var member = await fixture.App.MemberAsync($"analyst-{Suffix()}@nb.test", $"Bureau {Suffix()}", OrganisationKind.NationalCentralBureau, MemberRole.Analyst);
        var client = fixture.App.ClientWithToken(member.Token);

        var response = await ImportAsync(client, text);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        var result = JsonDocument.Parse(body).RootElement;
        var root = JsonNode.Parse(text)!.AsObject();
        var originals = root["objects"] is JsonArray array ? array.Select(o => o!.AsObject()).ToList() : [root];
        Assert.Equal(originals.Count, result.GetProperty("objects").GetInt32());

        var exported = Objects(await ExportAsync(client, "?tlp=red")).Select(o => JsonNode.Parse(o.GetRawText())!.AsObject()).ToList();
        // Every property comes back as it was; an object that came without a TLP marking comes back with the one it was given.
        foreach (var original in originals)
            Assert.Contains(exported, e => Keeps(e, original));

        // A second import adds nothing.
        var second = JsonDocument.Parse(await (await ImportAsync(client, text)).Content.ReadAsStringAsync(Ct)).RootElement;
        Assert.Equal(0, second.GetProperty("added").GetInt32());
        Assert.Equal(originals.Count, second.GetProperty("duplicates").GetInt32());
    }

    /// <summary>Whether an exported object has every property of the original, unchanged, and at most a TLP marking more.</summary>
    private static bool Keeps(JsonObject exported, JsonObject original)
    {
        if (exported.Count != original.Count + (original.ContainsKey("object_marking_refs") || !exported.ContainsKey("object_marking_refs") ? 0 : 1)) return false;
        foreach (var (name, value) in original)
        {
            if (name == "object_marking_refs")
            {
                var given = exported[name]!.AsArray().Select(x => (string)x!).ToList();
                var sent = value!.AsArray().Select(x => (string)x!).ToList();
                if (!sent.SequenceEqual(given.Take(sent.Count)) || given.Count > sent.Count + 1) return false;
            }
            else if (!JsonNode.DeepEquals(exported[name], value)) return false;
        }
        return !exported.ContainsKey("object_marking_refs") || original.ContainsKey("object_marking_refs")
            || exported["object_marking_refs"]!.AsArray().Select(x => (string)x!).SequenceEqual([StixMarkings.IdOf(Tlp.Amber)]);
    }

    [Fact]
    public async Task A_bundle_with_an_invalid_object_is_refused_whole_naming_the_object_and_the_property()
    {
        fixture.Require();
        var good = $"indicator--{Guid.NewGuid()}";
        var broken = $"malware--{Guid.NewGuid()}";
        var bundle = $$"""
            {"type":"bundle","id":"bundle--{{Guid.NewGuid()}}","objects":[
              {"type":"indicator","spec_version":"2.1","id":"{{good}}","created":"2026-01-01T00:00:00.000Z","modified":"2026-01-01T00:00:00.000Z","pattern":"[domain-name:value = 'a.test']","pattern_type":"stix","valid_from":"2026-01-01T00:00:00Z"},
              {"type":"malware","spec_version":"2.1","id":"{{broken}}","created":"2026-01-01T00:00:00.000Z","modified":"yesterday","is_family":false}
            ]}
            """;
        var response = await ImportAsync(fixture.Analyst, bundle);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.Contains(broken, text, StringComparison.Ordinal);
        Assert.Contains("modified", text, StringComparison.Ordinal);
        Assert.Contains("nothing was imported", text, StringComparison.Ordinal);
        Assert.DoesNotContain(Objects(await ExportAsync(fixture.Analyst)), o => o.GetProperty("id").GetString() == good);

        var notJson = await ImportAsync(fixture.Analyst, "{\"type\": \"bundle\",\n \"objects\": [");
        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
        Assert.Contains("line 2", await notJson.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        var wrongId = await ImportAsync(fixture.Analyst, $$"""{"type":"bundle","id":"bundle--{{Guid.NewGuid()}}","objects":[{"type":"indicator","spec_version":"2.1","id":"malware--{{Guid.NewGuid()}}"}]}""");
        Assert.Contains("expected indicator--", await wrongId.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        var nul = await ImportAsync(fixture.Analyst, $$"""{"type":"bundle","id":"bundle--{{Guid.NewGuid()}}","objects":[{"type":"x-acme","id":"x-acme--{{Guid.NewGuid()}}","name":"a\u0000b"}]}""");
        Assert.Equal(HttpStatusCode.BadRequest, nul.StatusCode);
        Assert.Contains("NUL", await nul.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_types_are_kept_counted_and_shown_with_the_provenance_of_the_import()
    {
        fixture.Require();
        var member = await fixture.App.MemberAsync($"analyst-{Suffix()}@nb.test", $"Bureau {Suffix()}", OrganisationKind.NationalCentralBureau, MemberRole.Analyst);
        var client = fixture.App.ClientWithToken(member.Token);
        var custom = $"x-acme-seller--{Guid.NewGuid()}";
        var bundle = $$"""{"type":"bundle","id":"bundle--{{Guid.NewGuid()}}","objects":[{"type":"x-acme-seller","spec_version":"2.1","id":"{{custom}}","created":"2026-01-01T00:00:00.000Z","modified":"2026-01-01T00:00:00.000Z","shop":"iptv.test","object_marking_refs":["marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb"]}]}""";
        var result = JsonDocument.Parse(await (await ImportAsync(client, bundle)).Content.ReadAsStringAsync(Ct)).RootElement;
        Assert.Equal(1, result.GetProperty("unknownTypes").GetProperty("x-acme-seller").GetInt32());
        Assert.Contains(Objects(await ExportAsync(client)), o => o.GetProperty("id").GetString() == custom);

        var imports = JsonDocument.Parse(await client.GetStringAsync("/api/v1/stix/imports", Ct)).RootElement.EnumerateArray().ToList();
        var import = imports.Single(i => i.GetProperty("id").GetGuid() == result.GetProperty("import").GetGuid());
        Assert.Equal("api", import.GetProperty("channel").GetString());
        Assert.Equal(member.Member.Email, import.GetProperty("sentBy").GetString());
        Assert.Equal(64, import.GetProperty("digest").GetString()!.Length);
        Assert.Equal(1, import.GetProperty("unknownTypes").GetProperty("x-acme-seller").GetInt32());
        // Another organisation's imports are its own.
        var studioImports = JsonDocument.Parse(await fixture.Analyst.GetStringAsync("/api/v1/stix/imports", Ct)).RootElement.EnumerateArray();
        Assert.DoesNotContain(studioImports, i => i.GetProperty("id").GetGuid() == result.GetProperty("import").GetGuid());
    }

    private static HttpRequestMessage Taxii(HttpMethod method, string url, string? token, object? body = null, string accept = TaxiiApi.MediaType)
    {
        var request = new HttpRequestMessage(method, url);
        request.Headers.TryAddWithoutValidation("Accept", accept);
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"any:{token}")));
        if (body is not null)
        {
            request.Content = new StringContent(body as string ?? JsonSerializer.Serialize(body), Encoding.UTF8);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(TaxiiApi.MediaType);
        }
        return request;
    }

    internal static JsonObject Indicator(string id, DateTimeOffset modified, Tlp? tlp, string name = "seller")
    {
        var o = new JsonObject
        {
            ["type"] = "indicator", ["spec_version"] = "2.1", ["id"] = id, ["created"] = "2026-01-01T00:00:00.000Z", ["modified"] = StixJson.Timestamp(modified),
            ["name"] = name, ["pattern"] = "[domain-name:value = 'iptv.test']", ["pattern_type"] = "stix", ["valid_from"] = "2026-01-01T00:00:00Z",
        };
        if (tlp is { } t) o["object_marking_refs"] = new JsonArray(StixMarkings.IdOf(t));
        return o;
    }

    private async Task<JsonElement> SendAsync(HttpClient client, HttpRequestMessage request, HttpStatusCode expected)
    {
        var response = await client.SendAsync(request, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(expected == response.StatusCode, $"{request.Method} {request.RequestUri}: {(int)response.StatusCode} {text}");
        Assert.Equal(TaxiiApi.MediaType, response.Content.Headers.ContentType?.ToString().Replace(" ", "", StringComparison.Ordinal));
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    [Fact]
    public async Task The_TAXII_server_authenticates_pages_filters_versions_and_reports_status()
    {
        fixture.Require();
        var suffix = Suffix();
        var member = await fixture.App.MemberAsync($"analyst-{suffix}@nb.test", $"Bureau {suffix}", OrganisationKind.NationalCentralBureau, MemberRole.Analyst);
        var viewer = await fixture.App.MemberAsync($"viewer-{suffix}@nb.test", $"Bureau {suffix}", OrganisationKind.NationalCentralBureau, MemberRole.Viewer);
        var client = fixture.App.ClientWithToken(null);
        var token = member.Token;
        var collection = member.Member.OrganisationId.ToString("D");
        var objectsUrl = $"/taxii2/api/collections/{collection}/objects/";

        // Without credentials, or with wrong ones: a TAXII error and how to authenticate.
        var anonymous = await client.SendAsync(Taxii(HttpMethod.Get, "/taxii2/", null), Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Contains("Basic", anonymous.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.Equal("401", JsonDocument.Parse(await anonymous.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("http_status").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(Taxii(HttpMethod.Get, "/taxii2/", "isop_" + new string('0', 64)), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotAcceptable, (await client.SendAsync(Taxii(HttpMethod.Get, "/taxii2/", token, accept: "text/html"), Ct)).StatusCode);
        // The token as a bearer token works as well.
        var bearer = Taxii(HttpMethod.Get, "/taxii2/", null);
        bearer.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var discovery = await SendAsync(client, bearer, HttpStatusCode.OK);
        var apiRoot = discovery.GetProperty("api_roots")[0].GetString()!;
        Assert.EndsWith(TaxiiApi.Root, apiRoot, StringComparison.Ordinal);
        var root = await SendAsync(client, Taxii(HttpMethod.Get, TaxiiApi.Root, token), HttpStatusCode.OK);
        Assert.Equal(TaxiiApi.MediaType, root.GetProperty("versions")[0].GetString());

        var collections = (await SendAsync(client, Taxii(HttpMethod.Get, TaxiiApi.Root + "collections/", token), HttpStatusCode.OK)).GetProperty("collections").EnumerateArray().ToList();
        var mine = collections.Single(c => c.GetProperty("id").GetString() == collection);
        Assert.True(mine.GetProperty("can_write").GetBoolean());
        var asViewer = (await SendAsync(client, Taxii(HttpMethod.Get, TaxiiApi.Root + $"collections/{collection}/", viewer.Token), HttpStatusCode.OK));
        Assert.False(asViewer.GetProperty("can_write").GetBoolean());
        await SendAsync(client, Taxii(HttpMethod.Get, TaxiiApi.Root + $"collections/{Guid.NewGuid()}/", token), HttpStatusCode.NotFound);

        // A post of 250 objects (and one broken): a status that counts them, and can be read again.
        var start = new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero);
        var ids = Enumerable.Range(0, 250).Select(_ => $"indicator--{Guid.NewGuid()}").ToList();
        var envelope = new JsonObject { ["objects"] = new JsonArray([.. ids.Select(id => (JsonNode)Indicator(id, start, Tlp.Green)), new JsonObject { ["type"] = "indicator" }]) };
        var status = await SendAsync(client, Taxii(HttpMethod.Post, objectsUrl, token, envelope.ToJsonString()), HttpStatusCode.Accepted);
        Assert.Equal("complete", status.GetProperty("status").GetString());
        Assert.Equal(251, status.GetProperty("total_count").GetInt32());
        Assert.Equal(250, status.GetProperty("success_count").GetInt32());
        Assert.Equal(1, status.GetProperty("failure_count").GetInt32());
        Assert.Contains("id", status.GetProperty("failures")[0].GetProperty("message").GetString(), StringComparison.Ordinal);
        var again = await SendAsync(client, Taxii(HttpMethod.Get, TaxiiApi.Root + $"status/{status.GetProperty("id").GetString()}/", token), HttpStatusCode.OK);
        Assert.Equal(250, again.GetProperty("success_count").GetInt32());
        await SendAsync(client, Taxii(HttpMethod.Post, objectsUrl, viewer.Token, envelope.ToJsonString()), HttpStatusCode.Forbidden);

        // Paging with next: every object once, in date_added order, with the range in the headers.
        var seen = new List<string>();
        string? next = null;
        var pages = 0;
        do
        {
            var response = await client.SendAsync(Taxii(HttpMethod.Get, objectsUrl + "?limit=100&match[type]=indicator" + (next is null ? "" : "&next=" + next), token), Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.True(response.Headers.Contains("X-TAXII-Date-Added-First"));
            var page = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;
            seen.AddRange(page.GetProperty("objects").EnumerateArray().Select(o => o.GetProperty("id").GetString()!));
            next = page.GetProperty("more").GetBoolean() ? page.GetProperty("next").GetString() : null;
            pages++;
        }
        while (next is not null);
        Assert.Equal(3, pages);
        Assert.Equal(ids.Order(), seen.Order());

        // Filters: by id, by type, added after the last object.
        var one = await SendAsync(client, Taxii(HttpMethod.Get, objectsUrl + $"?match[id]={ids[7]}", token), HttpStatusCode.OK);
        Assert.Equal(ids[7], one.GetProperty("objects").EnumerateArray().Single().GetProperty("id").GetString());
        var lastAdded = (await client.SendAsync(Taxii(HttpMethod.Get, objectsUrl + $"?match[id]={ids[^1]}", token), Ct)).Headers.GetValues("X-TAXII-Date-Added-Last").Single();
        var after = await SendAsync(client, Taxii(HttpMethod.Get, objectsUrl + $"?match[type]=indicator&added_after={lastAdded}", token), HttpStatusCode.OK);
        Assert.False(after.GetProperty("more").GetBoolean());
        Assert.False(after.TryGetProperty("objects", out _));
        await SendAsync(client, Taxii(HttpMethod.Get, objectsUrl + "?limit=zero", token), HttpStatusCode.BadRequest);
        await SendAsync(client, Taxii(HttpMethod.Get, objectsUrl + "?added_after=2026-13-01", token), HttpStatusCode.BadRequest);
        await SendAsync(client, Taxii(HttpMethod.Get, objectsUrl + "?next=bogus", token), HttpStatusCode.BadRequest);

        // A newer version: the last by default, both with match[version]=all, the first with first; versions and the manifest list them.
        var later = start.AddDays(1);
        await SendAsync(client, Taxii(HttpMethod.Post, objectsUrl, token, new JsonObject { ["objects"] = new JsonArray(Indicator(ids[0], later, Tlp.Green, "renamed")) }.ToJsonString()), HttpStatusCode.Accepted);
        var current = await SendAsync(client, Taxii(HttpMethod.Get, objectsUrl + $"{ids[0]}/", token), HttpStatusCode.OK);
        Assert.Equal("renamed", current.GetProperty("objects").EnumerateArray().Single().GetProperty("name").GetString());
        var all = await SendAsync(client, Taxii(HttpMethod.Get, objectsUrl + $"{ids[0]}/?match[version]=all", token), HttpStatusCode.OK);
        Assert.Equal(2, all.GetProperty("objects").GetArrayLength());
        var first = await SendAsync(client, Taxii(HttpMethod.Get, objectsUrl + $"?match[id]={ids[0]}&match[version]=first", token), HttpStatusCode.OK);
        Assert.Equal("seller", first.GetProperty("objects").EnumerateArray().Single().GetProperty("name").GetString());
        var at = await SendAsync(client, Taxii(HttpMethod.Get, objectsUrl + $"?match[id]={ids[0]}&match[version]={StixJson.Timestamp(start)}", token), HttpStatusCode.OK);
        Assert.Equal("seller", at.GetProperty("objects").EnumerateArray().Single().GetProperty("name").GetString());
        var versions = await SendAsync(client, Taxii(HttpMethod.Get, objectsUrl + $"{ids[0]}/versions/", token), HttpStatusCode.OK);
        Assert.Equal([StixJson.Timestamp(start), StixJson.Timestamp(later)], versions.GetProperty("versions").EnumerateArray().Select(v => v.GetString()!));
        var manifest = await SendAsync(client, Taxii(HttpMethod.Get, $"/taxii2/api/collections/{collection}/manifest/?match[id]={ids[0]}", token), HttpStatusCode.OK);
        var entry = manifest.GetProperty("objects").EnumerateArray().Single();
        Assert.Equal(StixJson.Timestamp(later), entry.GetProperty("version").GetString());
        Assert.Equal(TaxiiApi.StixMediaType, entry.GetProperty("media_type").GetString());
        await SendAsync(client, Taxii(HttpMethod.Get, objectsUrl + $"indicator--{Guid.NewGuid()}/", token), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task TLP_holds_on_every_TAXII_endpoint_and_export_for_another_organisations_records()
    {
        fixture.Require();
        var suffix = Suffix();
        var bureau = await fixture.App.MemberAsync($"analyst-{suffix}@nb.test", $"Bureau {suffix}", OrganisationKind.NationalCentralBureau, MemberRole.Analyst);
        var bureauOrg = bureau.Member.OrganisationId;
        var studioToken = (await fixture.App.MemberAsync($"analyst-{suffix}@studio.test", "Studio", OrganisationKind.RightsHolder, MemberRole.Analyst)).Token;
        var client = fixture.App.ClientWithToken(null);
        var objectsUrl = $"/taxii2/api/collections/{bureauOrg:D}/objects/";

        // The bureau's records at every level, as its own platforms and as objects it posted; none shared with the studio.
        var (redPlatform, _) = await ArrangeAsync(fixture.App, bureauOrg, Tlp.Red, suffix + "r");
        var (strictPlatform, _) = await ArrangeAsync(fixture.App, bureauOrg, Tlp.AmberStrict, suffix + "s");
        var (greenPlatform, _) = await ArrangeAsync(fixture.App, bureauOrg, Tlp.Green, suffix + "g");
        var posted = Enum.GetValues<Tlp>().ToDictionary(t => t, _ => $"indicator--{Guid.NewGuid()}");
        await SendAsync(client, Taxii(HttpMethod.Post, objectsUrl, bureau.Token,
            new JsonObject { ["objects"] = new JsonArray([.. posted.Select(p => (JsonNode)Indicator(p.Value, DateTimeOffset.UtcNow, p.Key))]) }.ToJsonString()), HttpStatusCode.Accepted);
        var unmarked = $"indicator--{Guid.NewGuid()}";
        var status = await SendAsync(client, Taxii(HttpMethod.Post, objectsUrl, bureau.Token, new JsonObject { ["objects"] = new JsonArray(Indicator(unmarked, DateTimeOffset.UtcNow, null)) }.ToJsonString()), HttpStatusCode.Accepted);

        var hidden = new List<string> { posted[Tlp.Red], posted[Tlp.AmberStrict], posted[Tlp.Amber], unmarked, StixMapper.PlatformId(redPlatform), StixMapper.PlatformId(strictPlatform) };
        var visible = new List<string> { posted[Tlp.Green], posted[Tlp.Clear], StixMapper.PlatformId(greenPlatform) };

        async Task<List<JsonElement>> AllAsync(string token, string path)
        {
            var list = new List<JsonElement>();
            string? next = null;
            do
            {
                var page = await SendAsync(client, Taxii(HttpMethod.Get, path + (path.Contains('?') ? "&" : "?") + "limit=37" + (next is null ? "" : "&next=" + next), token), HttpStatusCode.OK);
                if (page.TryGetProperty("objects", out var objects)) list.AddRange(objects.EnumerateArray());
                next = page.GetProperty("more").GetBoolean() ? page.GetProperty("next").GetString() : null;
            }
            while (next is not null);
            return list;
        }

        foreach (var version in new[] { "", "?match[version]=all", "?match[version]=first" })
        {
            var seen = (await AllAsync(studioToken, objectsUrl + version)).Select(o => o.GetProperty("id").GetString()!).ToHashSet();
            Assert.Empty(seen.Intersect(hidden));
            Assert.Superset(visible.ToHashSet(), seen.Intersect(visible).ToHashSet());
            Assert.True(visible.All(seen.Contains), $"missing visible objects with '{version}'");
            // No object of the RED or AMBER+STRICT platforms comes through another door (a sighting, a relationship).
            var all = await AllAsync(studioToken, objectsUrl + version);
            Assert.DoesNotContain(all, o => o.GetRawText().Contains($"Toonkor {suffix}r", StringComparison.Ordinal) || o.GetRawText().Contains($"toonkor{suffix}s", StringComparison.Ordinal));
            Assert.DoesNotContain(all, o => o.TryGetProperty("object_marking_refs", out var m) && m.EnumerateArray().Any(x => x.GetString() is { } id && id != StixMarkings.IdOf(Tlp.Green) && id != StixMarkings.IdOf(Tlp.Clear)));
        }
        var manifest = await AllAsync(studioToken, $"/taxii2/api/collections/{bureauOrg:D}/manifest/");
        Assert.Empty(manifest.Select(o => o.GetProperty("id").GetString()!).Intersect(hidden));
        foreach (var id in hidden)
        {
            await SendAsync(client, Taxii(HttpMethod.Get, objectsUrl + $"{id}/", studioToken), HttpStatusCode.NotFound);
            await SendAsync(client, Taxii(HttpMethod.Get, objectsUrl + $"{id}/versions/", studioToken), HttpStatusCode.NotFound);
            var filtered = await SendAsync(client, Taxii(HttpMethod.Get, objectsUrl + $"?match[id]={id}&match[version]=all", studioToken), HttpStatusCode.OK);
            Assert.False(filtered.TryGetProperty("objects", out _));
        }
        // A status resource is its poster's own.
        await SendAsync(client, Taxii(HttpMethod.Get, TaxiiApi.Root + $"status/{status.GetProperty("id").GetString()}/", studioToken), HttpStatusCode.NotFound);
        // The studio may not write into the bureau's collection.
        await SendAsync(client, Taxii(HttpMethod.Post, objectsUrl, studioToken, new JsonObject { ["objects"] = new JsonArray() }.ToJsonString()), HttpStatusCode.Forbidden);

        // The bureau itself reads all of it.
        var own = (await AllAsync(bureau.Token, objectsUrl)).Select(o => o.GetProperty("id").GetString()!).ToHashSet();
        Assert.True(hidden.Concat(visible).All(own.Contains));
    }

    [Fact]
    public async Task A_feed_never_reaches_a_private_address_without_the_lab_setting_and_its_settings_are_checked()
    {
        fixture.Require();
        var response = await fixture.Analyst.PostAsync("/api/v1/feeds",
            new StringContent($$"""{"name":"Loopback {{Suffix()}}","url":"https://127.0.0.1:8443/taxii2/api/collections/{{Guid.NewGuid()}}/","password":"x"}""", Encoding.UTF8, "application/json"), Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var feed = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("id").GetGuid();
        var pull = JsonDocument.Parse(await (await fixture.Analyst.PostAsync($"/api/v1/feeds/{feed}/pull", null, Ct)).Content.ReadAsStringAsync(Ct)).RootElement;
        Assert.Contains("public addresses only", pull.GetProperty("problem").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, pull.GetProperty("pages").GetInt32());

        foreach (var (body, field) in new[]
                 {
                     ("""{"name":"x","url":"ftp://partner.test/c/"}""", "url"), ("""{"name":"x","url":"https://user:pw@partner.test/c/"}""", "url"),
                     ("""{"url":"https://partner.test/c/"}""", "name"), ("""{"name":"x","url":"https://partner.test/c/","intervalMinutes":1}""", "intervalMinutes"),
                     ("""{"name":"x","url":"https://partner.test/c/","colour":"red"}""", "colour"),
                 })
        {
            var bad = await fixture.Analyst.PostAsync("/api/v1/feeds", new StringContent(body, Encoding.UTF8, "application/json"), Ct);
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            Assert.Contains(field, await bad.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }
        // A viewer cannot pull.
        Assert.Equal(HttpStatusCode.Forbidden, (await fixture.Viewer.PostAsync($"/api/v1/feeds/{feed}/pull", null, Ct)).StatusCode);
    }

    [Fact]
    public async Task Every_version_takes_the_strictest_TLP_of_later_ones_and_no_import_replaces_the_organisations_own_records()
    {
        fixture.Require();
        var suffix = Suffix();
        var bureau = await fixture.App.MemberAsync($"analyst-{suffix}@nb.test", $"Bureau {suffix}", OrganisationKind.NationalCentralBureau, MemberRole.Analyst);
        var studioToken = (await fixture.App.MemberAsync($"analyst-{suffix}@studio.test", "Studio", OrganisationKind.RightsHolder, MemberRole.Analyst)).Token;
        var client = fixture.App.ClientWithToken(null);
        var objectsUrl = $"/taxii2/api/collections/{bureau.Member.OrganisationId:D}/objects/";

        // A GREEN first version and a RED second one in one envelope: the first is RED to others too, so nothing shows.
        var id = $"indicator--{Guid.NewGuid()}";
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        await SendAsync(client, Taxii(HttpMethod.Post, objectsUrl, bureau.Token,
            new JsonObject { ["objects"] = new JsonArray(Indicator(id, start, Tlp.Green), Indicator(id, start.AddMonths(5), Tlp.Red)) }.ToJsonString()), HttpStatusCode.Accepted);
        // A GREEN version older than a stored RED one (received later) is RED as well.
        await SendAsync(client, Taxii(HttpMethod.Post, objectsUrl, bureau.Token,
            new JsonObject { ["objects"] = new JsonArray(Indicator(id, start.AddMonths(2), Tlp.Green)) }.ToJsonString()), HttpStatusCode.Accepted);
        await SendAsync(client, Taxii(HttpMethod.Get, objectsUrl + $"{id}/versions/", studioToken), HttpStatusCode.NotFound);
        foreach (var version in new[] { "all", "first", "last" })
        {
            var page = await SendAsync(client, Taxii(HttpMethod.Get, objectsUrl + $"?match[id]={id}&match[version]={version}", studioToken), HttpStatusCode.OK);
            Assert.False(page.TryGetProperty("objects", out _));
        }
        var own = await SendAsync(client, Taxii(HttpMethod.Get, objectsUrl + $"{id}/versions/", bureau.Token), HttpStatusCode.OK);
        Assert.Equal(3, own.GetProperty("versions").GetArrayLength());

        // A partner's forged version of one of the studio's own platforms (same id, later modified) is refused.
        var studio = (await fixture.App.OrganisationAsync("Studio")).Id;
        var (platform, _) = await ArrangeAsync(fixture.App, studio, Tlp.Green, suffix);
        var infrastructure = StixMapper.PlatformId(platform);
        await ExportAsync(fixture.Analyst);
        var forged = new JsonObject
        {
            ["type"] = "infrastructure", ["spec_version"] = "2.1", ["id"] = infrastructure, ["created"] = "2026-01-01T00:00:00.000Z", ["modified"] = "2099-01-01T00:00:00.000Z",
            ["name"] = "forged", ["revoked"] = true, ["object_marking_refs"] = new JsonArray(StixMarkings.IdOf(Tlp.Clear)),
        };
        var response = await ImportAsync(fixture.Analyst, new JsonObject { ["type"] = "bundle", ["id"] = $"bundle--{Guid.NewGuid()}", ["objects"] = new JsonArray(forged) }.ToJsonString());
        var result = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;
        Assert.Equal(0, result.GetProperty("added").GetInt32());
        Assert.Equal(1, result.GetProperty("failed").GetInt32());
        var current = await SendAsync(client, Taxii(HttpMethod.Get, $"/taxii2/api/collections/{studio:D}/objects/{infrastructure}/", studioToken), HttpStatusCode.OK);
        Assert.Equal($"Toonkor {suffix}", current.GetProperty("objects")[0].GetProperty("name").GetString());
    }

    [Fact]
    public async Task The_demo_ranges_records_export_and_import_into_another_organisation_without_loss()
    {
        fixture.Require();
        var world = Isop.Range.RangeWorld.Create(21, 1);
        await using var range = await Isop.Range.RangeHost.StartAsync(world, 0, cancellation: Ct);
        var registration = await RangeRegistration.CreateAsync(fixture.App, range, "Demo", new RangeMonitoring(Enabled: false, DelayMs: 0, PerHost: 4, MaxPages: 40, MaxDepth: 2), Ct);
        await registration.RunAllAsync(Ct);
        string demoName;
        await using (var db = fixture.App.SystemDb()) demoName = (await db.Organisations.SingleAsync(o => o.Id == registration.Organisation, Ct)).Name;
        var demo = fixture.App.ClientWithToken((await fixture.App.MemberAsync($"analyst-{Suffix()}@demo.test", demoName, OrganisationKind.Secretariat, MemberRole.Analyst)).Token);
        var partner = fixture.App.ClientWithToken((await fixture.App.MemberAsync($"analyst-{Suffix()}@nb.test", $"Bureau {Suffix()}", OrganisationKind.NationalCentralBureau, MemberRole.Analyst)).Token);

        var bundle = await ExportAsync(demo, "?tlp=red");
        var objects = Objects(bundle);
        var types = objects.Select(o => o.GetProperty("type").GetString()).ToHashSet();
        foreach (var t in new[] { "infrastructure", "domain-name", "sighting", StixExtensions.WorkType, "relationship" }) Assert.Contains(t, types);
        foreach (var o in objects) Assert.True(StixSchemas.Errors(o).Count == 0, $"{o.GetProperty("id")}: {string.Join("; ", StixSchemas.Errors(o))}");

        var response = await ImportAsync(partner, bundle.GetRawText());
        var result = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;
        Assert.True(response.StatusCode == HttpStatusCode.OK, result.ToString());
        Assert.Equal(objects.Count, result.GetProperty("objects").GetInt32());
        Assert.Equal(0, result.GetProperty("failed").GetInt32());
        var again = Objects(await ExportAsync(partner, "?tlp=red")).Select(o => JsonNode.Parse(o.GetRawText())!).ToList();
        foreach (var o in objects)
        {
            var original = JsonNode.Parse(o.GetRawText());
            Assert.True(again.Any(e => JsonNode.DeepEquals(e, original)), $"{o.GetProperty("id")} did not come back as it was");
        }
    }

    [Fact]
    public async Task A_TAXII_page_of_100_objects_costs_at_most_two_database_round_trips()
    {
        fixture.Require();
        var member = await fixture.App.MemberAsync($"analyst-{Suffix()}@nb.test", $"Bureau {Suffix()}", OrganisationKind.NationalCentralBureau, MemberRole.Analyst);
        var client = fixture.App.ClientWithToken(null);
        var objectsUrl = $"/taxii2/api/collections/{member.Member.OrganisationId:D}/objects/";
        var envelope = new JsonObject { ["objects"] = new JsonArray([.. Enumerable.Range(0, 300).Select(_ => (JsonNode)Indicator($"indicator--{Guid.NewGuid()}", DateTimeOffset.UtcNow, Tlp.Green))]) };
        await SendAsync(client, Taxii(HttpMethod.Post, objectsUrl, member.Token, envelope.ToJsonString()), HttpStatusCode.Accepted);
        // Warm: the collection is published and known.
        await SendAsync(client, Taxii(HttpMethod.Get, objectsUrl + "?limit=100", member.Token), HttpStatusCode.OK);

        using var counter = new CommandCounter(fixture.App.Database.DatabaseArgument);
        var page = await SendAsync(client, Taxii(HttpMethod.Get, objectsUrl + "?limit=100&match[type]=indicator", member.Token), HttpStatusCode.OK);
        Assert.Equal(100, page.GetProperty("objects").GetArrayLength());
        Assert.InRange(counter.Count, 1, 2);
    }

    [Fact]
    public async Task A_change_made_by_another_process_is_published_once_the_server_sees_the_audit_log_move()
    {
        fixture.Require();
        var suffix = Suffix();
        var member = await fixture.App.MemberAsync($"analyst-{suffix}@xp.test", $"Bureau {suffix}", OrganisationKind.NationalCentralBureau, MemberRole.Analyst);
        var (platform, _) = await ArrangeAsync(fixture.App, member.Member.OrganisationId, Tlp.Green, suffix);
        var client = fixture.App.ClientWithToken(null);
        var url = $"/taxii2/api/collections/{member.Member.OrganisationId:D}/objects/?match[type]=infrastructure";
        Assert.Contains($"Toonkor {suffix}", (await SendAsync(client, Taxii(HttpMethod.Get, url, member.Token), HttpStatusCode.OK)).GetRawText(), StringComparison.Ordinal);
        var sharing = fixture.App.Services.GetRequiredService<StixSharing>();
        await sharing.WatchAsync(Ct);

        // Another process (a command run beside the server) renames the platform: this process is not told.
        await using (var db = fixture.App.SystemDb())
        {
            await db.Database.ExecuteSqlAsync($"UPDATE \"Platforms\" SET \"Name\" = {"Renamed " + suffix} WHERE \"Id\" = {platform}", Ct);
            await db.Database.ExecuteSqlRawAsync("UPDATE \"AuditHeads\" SET \"Sequence\" = \"Sequence\" + 1 WHERE \"Id\" = 1", Ct);
        }
        Assert.DoesNotContain($"Renamed {suffix}", (await SendAsync(client, Taxii(HttpMethod.Get, url, member.Token), HttpStatusCode.OK)).GetRawText(), StringComparison.Ordinal);
        await sharing.WatchAsync(Ct);
        Assert.Contains($"Renamed {suffix}", (await SendAsync(client, Taxii(HttpMethod.Get, url, member.Token), HttpStatusCode.OK)).GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_status_counts_each_refused_object_once_whatever_its_problems()
    {
        fixture.Require();
        var member = await fixture.App.MemberAsync($"analyst-{Suffix()}@st.test", $"Bureau {Suffix()}", OrganisationKind.NationalCentralBureau, MemberRole.Analyst);
        var client = fixture.App.ClientWithToken(null);
        var broken = new JsonObject { ["type"] = "indicator", ["spec_version"] = "2.1", ["id"] = $"indicator--{Guid.NewGuid()}", ["pattern"] = "[x:y = 1]", ["pattern_type"] = "stix", ["valid_from"] = "2026-01-01T00:00:00Z" };
        var envelope = new JsonObject { ["objects"] = new JsonArray(Indicator($"indicator--{Guid.NewGuid()}", DateTimeOffset.UtcNow, Tlp.Green), Indicator($"indicator--{Guid.NewGuid()}", DateTimeOffset.UtcNow, Tlp.Green),
            Indicator($"indicator--{Guid.NewGuid()}", DateTimeOffset.UtcNow, Tlp.Green), broken) };
        var status = await SendAsync(client, Taxii(HttpMethod.Post, $"/taxii2/api/collections/{member.Member.OrganisationId:D}/objects/", member.Token, envelope.ToJsonString()), HttpStatusCode.Accepted);
        Assert.Equal(4, status.GetProperty("total_count").GetInt32());
        Assert.Equal(3, status.GetProperty("success_count").GetInt32());
        Assert.Equal(3, status.GetProperty("successes").GetArrayLength());
        Assert.Equal(1, status.GetProperty("failure_count").GetInt32());
        var failure = Assert.Single(status.GetProperty("failures").EnumerateArray());
        Assert.Contains("created", failure.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains("modified", failure.GetProperty("message").GetString(), StringComparison.Ordinal);
        // Each success states its version as the manifest does (an observable without times: when it was added).
        var value = $"v{Suffix()}.test";
        var domain = new JsonObject { ["type"] = "domain-name", ["spec_version"] = "2.1", ["id"] = StixJson.ObservableId("domain-name", new JsonObject { ["value"] = value }), ["value"] = value };
        var posted = await SendAsync(client, Taxii(HttpMethod.Post, $"/taxii2/api/collections/{member.Member.OrganisationId:D}/objects/", member.Token,
            new JsonObject { ["objects"] = new JsonArray(domain, Indicator($"indicator--{Guid.NewGuid()}", DateTimeOffset.UtcNow, Tlp.Green)) }.ToJsonString()), HttpStatusCode.Accepted);
        var manifest = await SendAsync(client, Taxii(HttpMethod.Get, $"/taxii2/api/collections/{member.Member.OrganisationId:D}/manifest/?limit=1000", member.Token), HttpStatusCode.OK);
        foreach (var success in posted.GetProperty("successes").EnumerateArray())
            Assert.Contains(manifest.GetProperty("objects").EnumerateArray(), m => m.GetProperty("id").GetString() == success.GetProperty("id").GetString()
                && m.GetProperty("version").GetString() == success.GetProperty("version").GetString());
        var again = await SendAsync(client, Taxii(HttpMethod.Get, $"/taxii2/api/status/{status.GetProperty("id").GetString()}/", member.Token), HttpStatusCode.OK);
        Assert.Equal(status.GetProperty("request_timestamp").GetString(), again.GetProperty("request_timestamp").GetString());
        Assert.Equal(1, again.GetProperty("failure_count").GetInt32());
    }

    [Fact]
    public async Task TLP_comes_from_granular_markings_and_from_a_producers_own_definitions_named_or_sent_before()
    {
        fixture.Require();
        var owner = await fixture.App.MemberAsync($"analyst-{Suffix()}@gm.test", $"Bureau {Suffix()}", OrganisationKind.NationalCentralBureau, MemberRole.Analyst);
        var other = await fixture.App.MemberAsync($"analyst-{Suffix()}@gm2.test", $"Bureau {Suffix()}", OrganisationKind.NationalCentralBureau, MemberRole.Analyst);
        var client = fixture.App.ClientWithToken(null);
        var collection = $"/taxii2/api/collections/{owner.Member.OrganisationId:D}/";
        Task<JsonElement> Post(params JsonNode[] objects) =>
            SendAsync(client, Taxii(HttpMethod.Post, collection + "objects/", owner.Token, new JsonObject { ["objects"] = new JsonArray(objects) }.ToJsonString()), HttpStatusCode.Accepted);
        async Task<bool> OtherReads(string id) =>
            (await client.SendAsync(Taxii(HttpMethod.Get, collection + $"objects/{id}/", other.Token), Ct)).StatusCode == HttpStatusCode.OK;

        // A RED property makes the object RED, whatever its object-level marking says.
        var granular = Indicator($"indicator--{Guid.NewGuid()}", DateTimeOffset.UtcNow, Tlp.Green);
        granular["description"] = "informant's name";
        granular["granular_markings"] = new JsonArray(new JsonObject { ["marking_ref"] = StixMarkings.IdOf(Tlp.Red), ["selectors"] = new JsonArray("description") });
        var green = Indicator($"indicator--{Guid.NewGuid()}", DateTimeOffset.UtcNow, Tlp.Green);
        await Post(granular, green);
        Assert.False(await OtherReads((string)granular["id"]!));
        Assert.True(await OtherReads((string)green["id"]!));

        // A statement marking named for a level, in the same envelope; a TLP 2.0 definition sent in an earlier one.
        var named = $"marking-definition--{Guid.NewGuid()}";
        var earlier = $"marking-definition--{Guid.NewGuid()}";
        var byName = Indicator($"indicator--{Guid.NewGuid()}", DateTimeOffset.UtcNow, null);
        byName["object_marking_refs"] = new JsonArray(named);
        await Post(new JsonObject { ["type"] = "marking-definition", ["spec_version"] = "2.1", ["id"] = named, ["created"] = "2026-01-01T00:00:00.000Z", ["name"] = "TLP:GREEN",
            ["definition_type"] = "statement", ["definition"] = new JsonObject { ["statement"] = "TLP:GREEN" } }, byName);
        Assert.True(await OtherReads((string)byName["id"]!));
        await Post(new JsonObject { ["type"] = "marking-definition", ["spec_version"] = "2.1", ["id"] = earlier, ["created"] = "2026-01-01T00:00:00.000Z", ["name"] = "our red",
            ["extensions"] = new JsonObject { [StixMarkings.Tlp2Extension] = new JsonObject { ["extension_type"] = "property-extension", ["tlp_2_0"] = "red" } } });
        var later = Indicator($"indicator--{Guid.NewGuid()}", DateTimeOffset.UtcNow, Tlp.Green);
        later["object_marking_refs"] = new JsonArray(StixMarkings.IdOf(Tlp.Green), earlier);
        await Post(later);
        Assert.False(await OtherReads((string)later["id"]!));
        // An unmarked object is given its level's marking, so that a partner it is exported to knows it.
        var unmarked = Indicator($"indicator--{Guid.NewGuid()}", DateTimeOffset.UtcNow, null);
        await Post(unmarked);
        var stored = await SendAsync(client, Taxii(HttpMethod.Get, collection + $"objects/{unmarked["id"]}/", owner.Token), HttpStatusCode.OK);
        Assert.Equal(StixMarkings.IdOf(Tlp.Amber), stored.GetProperty("objects")[0].GetProperty("object_marking_refs")[0].GetString());
    }

    [Fact]
    public async Task The_gaps_between_the_objects_a_reader_sees_do_not_count_those_it_may_not()
    {
        fixture.Require();
        var owner = await fixture.App.MemberAsync($"analyst-{Suffix()}@gap.test", $"Bureau {Suffix()}", OrganisationKind.NationalCentralBureau, MemberRole.Analyst);
        var other = await fixture.App.MemberAsync($"analyst-{Suffix()}@gap2.test", $"Bureau {Suffix()}", OrganisationKind.NationalCentralBureau, MemberRole.Analyst);
        var client = fixture.App.ClientWithToken(null);
        var collection = $"/taxii2/api/collections/{owner.Member.OrganisationId:D}/";
        async Task<List<long>> GreenGaps(int hidden)
        {
            var objects = new JsonArray();
            objects.Add(Indicator($"indicator--{Guid.NewGuid()}", DateTimeOffset.UtcNow, Tlp.Green));
            for (var i = 0; i < hidden; i++) objects.Add(Indicator($"indicator--{Guid.NewGuid()}", DateTimeOffset.UtcNow, i % 2 == 0 ? Tlp.Red : Tlp.AmberStrict));
            objects.Add(Indicator($"indicator--{Guid.NewGuid()}", DateTimeOffset.UtcNow, Tlp.Green));
            for (var i = 0; i < hidden; i++) objects.Add(Indicator($"indicator--{Guid.NewGuid()}", DateTimeOffset.UtcNow, Tlp.Amber));
            objects.Add(Indicator($"indicator--{Guid.NewGuid()}", DateTimeOffset.UtcNow, Tlp.Green));
            var ids = objects.Where(o => o!["object_marking_refs"]![0]!.GetValue<string>() == StixMarkings.IdOf(Tlp.Green)).Select(o => (string)o!["id"]!).ToList();
            await SendAsync(client, Taxii(HttpMethod.Post, collection + "objects/", owner.Token, new JsonObject { ["objects"] = objects }.ToJsonString()), HttpStatusCode.Accepted);
            var manifest = await SendAsync(client, Taxii(HttpMethod.Get, collection + $"manifest/?match[id]={string.Join(",", ids)}", other.Token), HttpStatusCode.OK);
            var added = manifest.GetProperty("objects").EnumerateArray().Select(o => DateTimeOffset.Parse(o.GetProperty("date_added").GetString()!, System.Globalization.CultureInfo.InvariantCulture).UtcTicks).ToList();
            Assert.Equal(3, added.Count);
            return [added[1] - added[0], added[2] - added[1]];
        }
        Assert.Equal(await GreenGaps(0), await GreenGaps(400));
    }

    [Fact]
    public async Task A_version_without_modified_keeps_older_versions_as_strict_as_it_is()
    {
        fixture.Require();
        var owner = await fixture.App.MemberAsync($"analyst-{Suffix()}@cv.test", $"Bureau {Suffix()}", OrganisationKind.NationalCentralBureau, MemberRole.Analyst);
        var other = await fixture.App.MemberAsync($"analyst-{Suffix()}@cv2.test", $"Bureau {Suffix()}", OrganisationKind.NationalCentralBureau, MemberRole.Analyst);
        var client = fixture.App.ClientWithToken(null);
        var collection = $"/taxii2/api/collections/{owner.Member.OrganisationId:D}/";
        var id = $"x-case-note--{Guid.NewGuid()}";
        JsonObject Note(string created, Tlp tlp) => new() { ["type"] = "x-case-note", ["spec_version"] = "2.1", ["id"] = id, ["created"] = created, ["object_marking_refs"] = new JsonArray(StixMarkings.IdOf(tlp)) };
        await SendAsync(client, Taxii(HttpMethod.Post, collection + "objects/", owner.Token, new JsonObject { ["objects"] = new JsonArray(Note("2026-01-01T00:00:00.000Z", Tlp.Green)) }.ToJsonString()), HttpStatusCode.Accepted);
        await SendAsync(client, Taxii(HttpMethod.Post, collection + "objects/", owner.Token, new JsonObject { ["objects"] = new JsonArray(Note("2026-06-01T00:00:00.000Z", Tlp.Red)) }.ToJsonString()), HttpStatusCode.Accepted);
        Assert.Equal(HttpStatusCode.NotFound, (await client.SendAsync(Taxii(HttpMethod.Get, collection + $"objects/{id}/", other.Token), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.SendAsync(Taxii(HttpMethod.Get, collection + $"objects/{id}/versions/", other.Token), Ct)).StatusCode);
    }

    [Fact]
    public async Task Unknown_TAXII_resources_and_methods_are_TAXII_errors_and_an_export_since_a_date_has_what_arrived_since()
    {
        fixture.Require();
        var member = await fixture.App.MemberAsync($"analyst-{Suffix()}@un.test", $"Bureau {Suffix()}", OrganisationKind.NationalCentralBureau, MemberRole.Analyst);
        var client = fixture.App.ClientWithToken(null);
        foreach (var (method, url, code) in new[] { (HttpMethod.Get, "/taxii2/api2/", HttpStatusCode.NotFound), (HttpMethod.Delete, $"/taxii2/api/collections/{member.Member.OrganisationId:D}/objects/indicator--{Guid.NewGuid()}/", HttpStatusCode.MethodNotAllowed) })
        {
            var response = await client.SendAsync(Taxii(method, url, member.Token), Ct);
            Assert.Equal(code, response.StatusCode);
            Assert.Equal(TaxiiApi.MediaType, response.Content.Headers.ContentType?.ToString().Replace(" ", "", StringComparison.Ordinal));
            Assert.Equal(((int)code).ToString(System.Globalization.CultureInfo.InvariantCulture), JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("http_status").GetString());
        }

        // A partner's object made months ago but received now is news since yesterday.
        var old = Indicator($"indicator--{Guid.NewGuid()}", new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero), Tlp.Green);
        await SendAsync(client, Taxii(HttpMethod.Post, $"/taxii2/api/collections/{member.Member.OrganisationId:D}/objects/", member.Token, new JsonObject { ["objects"] = new JsonArray(old) }.ToJsonString()), HttpStatusCode.Accepted);
        var since = Uri.EscapeDataString(StixJson.Timestamp(DateTimeOffset.UtcNow.AddDays(-1)));
        Assert.Contains(Objects(await ExportAsync(fixture.App.ClientWithToken(member.Token), $"?since={since}")), o => o.GetProperty("id").GetString() == (string)old["id"]!);
    }

    [Fact]
    public async Task Into_a_large_collection_a_second_post_of_the_same_objects_adds_nothing_and_a_new_version_becomes_the_last()
    {
        fixture.Require();
        var member = await fixture.App.MemberAsync($"analyst-{Suffix()}@lg.test", $"Bureau {Suffix()}", OrganisationKind.NationalCentralBureau, MemberRole.Analyst);
        var client = fixture.App.ClientWithToken(null);
        var url = $"/taxii2/api/collections/{member.Member.OrganisationId:D}/objects/";
        var at = DateTimeOffset.UtcNow;
        var many = Enumerable.Range(0, 400).Select(_ => Indicator($"indicator--{Guid.NewGuid()}", at, Tlp.Green)).ToList();
        await SendAsync(client, Taxii(HttpMethod.Post, url, member.Token, new JsonObject { ["objects"] = new JsonArray([.. many.Select(o => o.DeepClone())]) }.ToJsonString()), HttpStatusCode.Accepted);
        var again = new JsonArray([.. many.Take(10).Select(o => o.DeepClone()), Indicator((string)many[0]["id"]!, at.AddSeconds(1), Tlp.Green, "renamed")]);
        var status = await SendAsync(client, Taxii(HttpMethod.Post, url, member.Token, new JsonObject { ["objects"] = again }.ToJsonString()), HttpStatusCode.Accepted);
        Assert.Equal(11, status.GetProperty("success_count").GetInt32());
        Assert.Equal(10, status.GetProperty("successes").EnumerateArray().Count(s => s.TryGetProperty("message", out var m) && m.GetString() == "already in the collection"));
        var last = await SendAsync(client, Taxii(HttpMethod.Get, url + $"{many[0]["id"]}/", member.Token), HttpStatusCode.OK);
        Assert.Equal("renamed", Assert.Single(last.GetProperty("objects").EnumerateArray()).GetProperty("name").GetString());
        var versions = await SendAsync(client, Taxii(HttpMethod.Get, url + $"{many[0]["id"]}/versions/", member.Token), HttpStatusCode.OK);
        Assert.Equal(2, versions.GetProperty("versions").GetArrayLength());
    }

    [Fact]
    public async Task A_bundle_larger_than_a_batch_is_written_as_read_deduped_and_versioned_across_batches_and_refused_whole_for_one_late_invalid_object()
    {
        fixture.Require();
        var member = await fixture.App.MemberAsync($"analyst-{Suffix()}@big.test", $"Bureau {Suffix()}", OrganisationKind.NationalCentralBureau, MemberRole.Analyst);
        var client = fixture.App.ClientWithToken(member.Token);
        var at = new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
        var versioned = $"indicator--{Guid.NewGuid()}";
        // More than two of the import's batches (20,000 objects each): the object's first version in the first, a copy of
        // another object in the second, the object's newer version in the third.
        JsonNode Domain(int i) => new JsonObject
        {
            ["type"] = "domain-name", ["spec_version"] = "2.1", ["id"] = $"domain-name--{Guid.NewGuid()}", ["value"] = $"mirror{i}.big.test",
            ["object_marking_refs"] = new JsonArray(StixMarkings.IdOf(Tlp.Green)),
        };
        var objects = Enumerable.Range(0, 45_000).Select(Domain).ToList();
        objects[0] = Indicator(versioned, at, Tlp.Green, "first");
        objects[25_000] = objects[1].DeepClone();
        objects[44_000] = Indicator(versioned, at.AddSeconds(1), Tlp.Green, "renamed");
        string Bundle(IEnumerable<JsonNode> list) => new JsonObject { ["type"] = "bundle", ["id"] = $"bundle--{Guid.NewGuid()}", ["objects"] = new JsonArray([.. list.Select(o => o.DeepClone())]) }.ToJsonString();

        var response = await ImportAsync(client, Bundle(objects));
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        var result = JsonDocument.Parse(text).RootElement;
        Assert.Equal(45_000, result.GetProperty("objects").GetInt32());
        Assert.Equal(44_999, result.GetProperty("added").GetInt32());
        Assert.Equal(1, result.GetProperty("duplicates").GetInt32());
        Assert.Equal(44_998, result.GetProperty("byType").GetProperty("domain-name").GetInt32());
        var url = $"/taxii2/api/collections/{member.Member.OrganisationId:D}/objects/";
        var last = await SendAsync(client, Taxii(HttpMethod.Get, url + $"{versioned}/", member.Token), HttpStatusCode.OK);
        Assert.Equal("renamed", Assert.Single(last.GetProperty("objects").EnumerateArray()).GetProperty("name").GetString());
        var versions = await SendAsync(client, Taxii(HttpMethod.Get, url + $"{versioned}/versions/", member.Token), HttpStatusCode.OK);
        Assert.Equal(2, versions.GetProperty("versions").GetArrayLength());
        var again = JsonDocument.Parse(await (await ImportAsync(client, Bundle(objects))).Content.ReadAsStringAsync(Ct)).RootElement;
        Assert.Equal(0, again.GetProperty("added").GetInt32());
        Assert.Equal(45_000, again.GetProperty("duplicates").GetInt32());

        // One invalid object in the last batch: nothing of the bundle is kept, and the refusal names it.
        var more = Enumerable.Range(100_000, 45_000).Select(Domain).ToList();
        var broken = $"malware--{Guid.NewGuid()}";
        more[^1] = new JsonObject { ["type"] = "malware", ["spec_version"] = "2.1", ["id"] = broken, ["created"] = "2026-01-01T00:00:00.000Z", ["modified"] = "yesterday", ["is_family"] = false };
        var refused = await ImportAsync(client, Bundle(more));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var why = await refused.Content.ReadAsStringAsync(Ct);
        Assert.Contains(broken, why, StringComparison.Ordinal);
        Assert.Contains("nothing was imported", why, StringComparison.Ordinal);
        await SendAsync(client, Taxii(HttpMethod.Get, url + $"{more[0]["id"]}/", member.Token), HttpStatusCode.NotFound);
        var manifest = await SendAsync(client, Taxii(HttpMethod.Get, url.Replace("/objects/", "/manifest/", StringComparison.Ordinal) + "?limit=1", member.Token), HttpStatusCode.OK);
        Assert.True(manifest.GetProperty("more").GetBoolean());
    }
}

/// <summary>Counts the database commands EF Core runs on one test database (the token's check and the page's query).</summary>
internal sealed class CommandCounter : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private readonly string _database;
    private readonly IDisposable _all;
    private readonly List<IDisposable> _subscriptions = [];
    private int _count;

    public CommandCounter(string databaseArgument)
    {
        _database = databaseArgument;
        _all = DiagnosticListener.AllListeners.Subscribe(this);
    }

    public int Count => Volatile.Read(ref _count);

    public void OnNext(DiagnosticListener listener)
    {
        if (listener.Name == "Microsoft.EntityFrameworkCore") lock (_subscriptions) _subscriptions.Add(listener.Subscribe(this));
    }

    public void OnNext(KeyValuePair<string, object?> e)
    {
        if (e.Key != Microsoft.EntityFrameworkCore.Diagnostics.RelationalEventId.CommandExecuted.Name) return;
        // The server's look at the audit log every five seconds runs beside requests, not for them.
        if (e.Value is Microsoft.EntityFrameworkCore.Diagnostics.CommandExecutedEventData data && Matches(data.Command.Connection?.ConnectionString)
            && !data.Command.CommandText.Contains(StixSharing.WatchTag, StringComparison.Ordinal))
            Interlocked.Increment(ref _count);
    }

    private bool Matches(string? connection)
    {
        if (connection is null) return false;
        // The SQLite file or the PostgreSQL database of this test's server.
        var name = _database.Contains("Database=", StringComparison.OrdinalIgnoreCase)
            ? _database.Split(';').First(p => p.TrimStart().StartsWith("Database=", StringComparison.OrdinalIgnoreCase)).Split('=')[1]
            : _database.Replace("sqlite:", "", StringComparison.Ordinal);
        return connection.Contains(name, StringComparison.OrdinalIgnoreCase);
    }

    public void OnCompleted() { }

    public void OnError(Exception error) { }

    public void Dispose()
    {
        _all.Dispose();
        lock (_subscriptions) foreach (var s in _subscriptions) s.Dispose();
    }
}

public sealed class SqliteSharingTests(SqliteApp app) : SharingTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresSharingTests(PostgresApp app) : SharingTests(app), IClassFixture<PostgresApp>;
