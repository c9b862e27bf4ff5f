using System.Text.Json;
using System.Text.Json.Nodes;
using Isop.Access;
using Isop.Sharing;
using Isop.Tests.Infrastructure;

namespace Isop.Tests.Sharing;

/// <summary>The server on Kestrel (loopback, a free port), so that OASIS's Python tools can reach it.</summary>
public sealed class KestrelApp(PostgresServer postgres) : IAsyncLifetime
{
    private TestDatabase? _database;
    public IsopApp App { get; private set; } = null!;
    public Uri BaseAddress { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(Provider.Sqlite, postgres);
        App = new IsopApp(_database);
        App.UseKestrel(0);
        App.StartServer();
        using var client = App.CreateClient();
        BaseAddress = client.BaseAddress!;
    }

    public async ValueTask DisposeAsync()
    {
        if (App is not null) await App.DisposeAsync();
        _database?.Dispose();
    }
}

/// <summary>
/// Interoperability with the tools partners run: OASIS's STIX validator on Isop's exports, the stix2 library's
/// identifiers for the same observables, and OASIS's TAXII 2.1 client against Isop's server.
/// </summary>
public sealed class StixPeerTests(KestrelApp server) : IClassFixture<KestrelApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(HttpClient Client, string Token, Guid Organisation)> MemberAsync()
    {
        var suffix = SharingTests.Suffix();
        var member = await server.App.MemberAsync($"analyst-{suffix}@nb.test", $"Bureau {suffix}", OrganisationKind.NationalCentralBureau, MemberRole.Analyst);
        var client = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromMinutes(5) };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", member.Token);
        return (client, member.Token, member.Member.OrganisationId);
    }

    private static async Task<string> ExportFileAsync(HttpClient client)
    {
        var path = Path.Combine(Path.GetTempPath(), $"isop-export-{Guid.NewGuid():N}.json");
        await File.WriteAllBytesAsync(path, await client.GetByteArrayAsync("/api/v1/stix/export", Ct), Ct);
        return path;
    }

    [Fact]
    public async Task The_OASIS_validator_accepts_every_export_and_warns_of_nothing_Isop_wrote()
    {
        var validator = await StixPeers.ToolAsync("stix2_validator");
        var (client, _, organisation) = await MemberAsync();
        var suffix = SharingTests.Suffix();
        await SharingTests.ArrangeAsync(server.App, organisation, Tlp.Green, suffix);
        await SharingTests.ArrangeAsync(server.App, organisation, Tlp.Red, suffix + "r");

        var own = await ExportFileAsync(client);
        var (code, output) = await StixPeers.RunAsync(validator, ["--version", "2.1", own], null);
        Assert.True(code == 0, output);
        Assert.Contains("STIX JSON: Valid", output, StringComparison.Ordinal);
        Assert.DoesNotContain("[X]", output, StringComparison.Ordinal);
        // Isop's own objects meet the SHOULDs too, but one the validator cannot know: it asks UUIDv4 of observable types
        // it does not know, where STIX asks UUIDv5 of every observable (custom ones included).
        var warnings = output.Split('\n').Where(l => l.Contains("Warning", StringComparison.Ordinal)).ToList();
        Assert.All(warnings, w => Assert.Matches(@"(x-isop-identifier|cryptocurrency-wallet)--[0-9a-f-]+: \{103\}", w));

        // With the OASIS examples imported beside them: still valid (their own warnings are theirs).
        foreach (var example in new[] { "threat-reports/apt1.json", "threat-reports/poisonivy.json", "infrastructure.json" })
        {
            var response = await client.PostAsync("/api/v1/stix/import", new StringContent(await File.ReadAllTextAsync(SharedData.Require("stix2/examples/" + example), Ct), System.Text.Encoding.UTF8, "application/stix+json"), Ct);
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(Ct));
        }
        var mixed = await ExportFileAsync(client);
        (code, output) = await StixPeers.RunAsync(validator, ["--version", "2.1", mixed], null);
        Assert.True(code == 0, output);
        Assert.DoesNotContain("[X]", output, StringComparison.Ordinal);
        File.Delete(own);
        File.Delete(mixed);
    }

    [Fact]
    public async Task The_stix2_library_reads_the_export_and_names_observables_as_Isop_does()
    {
        var (client, _, organisation) = await MemberAsync();
        await SharingTests.ArrangeAsync(server.App, organisation, Tlp.Green, SharingTests.Suffix());
        var file = await ExportFileAsync(client);
        const string script = """
            import json, sys, stix2
            bundle = stix2.parse(open(sys.argv[1]).read(), allow_custom=True)
            print(len(bundle.objects))
            print(stix2.DomainName(value="toonkor.test").id)
            print(stix2.IPv4Address(value="127.0.0.9").id)
            print(stix2.EmailAddress(value="admin@proton.me").id)
            print(stix2.URL(value="http://pay.test/donate?a=1&b=\u00e9").id)
            print(stix2.X509Certificate(hashes={"SHA-256": "aa" * 32}).id)
            """;
        var (code, output) = await StixPeers.PythonAsync(script, file);
        Assert.True(code == 0, output);
        var lines = output.Trim().Split('\n').Select(l => l.Trim()).ToList();
        Assert.True(int.Parse(lines[0], System.Globalization.CultureInfo.InvariantCulture) > 10);
        Assert.Equal(StixJson.ObservableId("domain-name", new JsonObject { ["value"] = "toonkor.test" }), lines[1]);
        Assert.Equal(StixJson.ObservableId("ipv4-addr", new JsonObject { ["value"] = "127.0.0.9" }), lines[2]);
        Assert.Equal(StixJson.ObservableId("email-addr", new JsonObject { ["value"] = "admin@proton.me" }), lines[3]);
        Assert.Equal(StixJson.ObservableId("url", new JsonObject { ["value"] = "http://pay.test/donate?a=1&b=é" }), lines[4]);
        Assert.Equal(StixJson.ObservableId("x509-certificate", new JsonObject { ["hashes"] = new JsonObject { ["SHA-256"] = new string('a', 64) } }), lines[5]);
        File.Delete(file);
    }

    [Fact]
    public async Task OASIS_taxii2client_discovers_lists_pages_and_posts_against_Isop()
    {
        var (_, token, organisation) = await MemberAsync();
        var ids = Enumerable.Range(0, 120).Select(_ => $"indicator--{Guid.NewGuid()}").ToList();
        var envelope = new JsonObject { ["objects"] = new JsonArray([.. ids.Select(id => (JsonNode)SharingTests.Indicator(id, DateTimeOffset.UtcNow, Tlp.Green))]) };
        var envelopeFile = Path.Combine(Path.GetTempPath(), $"isop-envelope-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(envelopeFile, envelope.ToJsonString(), Ct);
        const string script = """
            import json, sys
            from taxii2client.v21 import Server, ApiRoot, Collection, as_pages
            base, token, collection_id, envelope = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
            server = Server(base + "taxii2/", user="partner", password=token)
            out = {"title": server.title, "roots": [r.url for r in server.api_roots]}
            root = server.api_roots[0]
            out["versions"] = root.versions
            out["collections"] = [c.id for c in root.collections]
            collection = [c for c in root.collections if c.id == collection_id][0]
            out["can_write"] = collection.can_write
            status = collection.add_objects(open(envelope).read())
            out["status"] = [status.status, status.total_count, status.success_count, status.failure_count]
            out["status_again"] = root.get_status(status.id).success_count
            pages = list(as_pages(collection.get_objects, per_request=50, type="indicator"))
            out["pages"] = [len(p.get("objects", [])) for p in pages]
            out["ids"] = [o["id"] for p in pages for o in p.get("objects", [])]
            first = out["ids"][0]
            out["object"] = [o["id"] for o in collection.get_object(first)["objects"]]
            out["versions_of"] = collection.object_versions(first)["versions"]
            manifest = collection.get_manifest(type="indicator")
            out["manifest"] = len(manifest.get("objects", []))
            print(json.dumps(out))
            """;
        var (code, output) = await StixPeers.PythonAsync(script, server.BaseAddress.ToString(), token, organisation.ToString("D"), envelopeFile);
        Assert.True(code == 0, output);
        var result = JsonDocument.Parse(output.Trim().Split('\n')[^1]).RootElement;
        Assert.Equal("Isop TAXII 2.1", result.GetProperty("title").GetString());
        Assert.Equal(TaxiiApi.MediaType, result.GetProperty("versions")[0].GetString());
        Assert.Contains(organisation.ToString("D"), result.GetProperty("collections").EnumerateArray().Select(c => c.GetString()));
        Assert.True(result.GetProperty("can_write").GetBoolean());
        Assert.Equal(["complete", "120", "120", "0"], result.GetProperty("status").EnumerateArray().Select(s => s.ToString()));
        Assert.Equal(120, result.GetProperty("status_again").GetInt32());
        Assert.Equal([50, 50, 20], result.GetProperty("pages").EnumerateArray().Select(p => p.GetInt32()));
        Assert.Equal(ids.Order(), result.GetProperty("ids").EnumerateArray().Select(i => i.GetString()!).Order());
        Assert.Single(result.GetProperty("object").EnumerateArray());
        Assert.Single(result.GetProperty("versions_of").EnumerateArray());
        Assert.Equal(100, result.GetProperty("manifest").GetInt32());
        File.Delete(envelopeFile);
    }
}
