using System.Net.Http.Json;
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
        // Feeds pull from this server's own TAXII collections and from medallion, both on loopback: the lab setting.
        App = new IsopApp(_database) { Settings = { [TaxiiFeeds.AllowPrivateSetting] = "true" } };
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

    [Fact]
    public async Task OASIS_taxii2client_posts_into_a_sharing_groups_collection_and_another_member_pages_it()
    {
        var (_, tokenA, a) = await MemberAsync();
        var (_, tokenB, b) = await MemberAsync();
        Guid group;
        await using (var db = server.App.SystemDb())
        {
            var (created, errors) = await SharingGroups.CreateAsync(db, new SharingGroupInput($"Peers {SharingTests.Suffix()}", null, [a, b]), Ct);
            Assert.Empty(errors);
            group = created!.Id;
        }
        var ids = Enumerable.Range(0, 60).Select(_ => $"indicator--{Guid.NewGuid()}").ToList();
        var envelope = new JsonObject { ["objects"] = new JsonArray([.. ids.Select(id => (JsonNode)SharingTests.Indicator(id, DateTimeOffset.UtcNow, Tlp.Amber))]) };
        var envelopeFile = Path.Combine(Path.GetTempPath(), $"isop-envelope-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(envelopeFile, envelope.ToJsonString(), Ct);
        const string script = """
            import json, sys
            from taxii2client.v21 import Server, as_pages
            base, poster, reader, group, envelope = sys.argv[1:6]
            def collection(token):
                root = Server(base + "taxii2/", user="partner", password=token).api_roots[0]
                return [c for c in root.collections if c.id == group][0]
            status = collection(poster).add_objects(open(envelope).read())
            mine = collection(reader)
            pages = list(as_pages(mine.get_objects, per_request=25))
            print(json.dumps({"status": [status.status, status.success_count], "can_write": mine.can_write,
                              "ids": [o["id"] for p in pages for o in p.get("objects", [])], "pages": len(pages)}))
            """;
        var (code, output) = await StixPeers.PythonAsync(script, server.BaseAddress.ToString(), tokenA, tokenB, group.ToString("D"), envelopeFile);
        File.Delete(envelopeFile);
        Assert.True(code == 0, output);
        var result = JsonDocument.Parse(output.Trim().Split('\n')[^1]).RootElement;
        Assert.Equal(["complete", "60"], result.GetProperty("status").EnumerateArray().Select(s => s.ToString()));
        Assert.True(result.GetProperty("can_write").GetBoolean());
        Assert.Equal(ids.Order(), result.GetProperty("ids").EnumerateArray().Select(i => i.GetString()!).Order());
        Assert.Equal(3, result.GetProperty("pages").GetInt32());
    }

    private async Task<JsonElement> PullAsync(HttpClient client, Guid feed)
    {
        var response = await client.PostAsync($"/api/v1/feeds/{feed}/pull", null, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.IsSuccessStatusCode, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static async Task<Guid> AddFeedAsync(HttpClient client, object body)
    {
        var response = await client.PostAsJsonAsync("/api/v1/feeds", body, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, text);
        return JsonDocument.Parse(text).RootElement.GetProperty("id").GetGuid();
    }

    [Fact]
    public async Task A_feed_pulls_a_partners_collection_from_Isops_own_TAXII_server_once_and_then_only_what_is_new()
    {
        var (_, partnerToken, partnerOrg) = await MemberAsync();
        var (client, token, _) = await MemberAsync();
        var objectsUrl = new Uri(server.BaseAddress, $"/taxii2/api/collections/{partnerOrg:D}/objects/");
        using var http = new HttpClient();
        async Task PostAsync(IEnumerable<JsonObject> objects)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, objectsUrl) { Content = new StringContent(new JsonObject { ["objects"] = new JsonArray([.. objects]) }.ToJsonString()) };
            request.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(TaxiiApi.MediaType);
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", partnerToken);
            var response = await http.SendAsync(request, Ct);
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(Ct));
        }
        var green = Enumerable.Range(0, 1500).Select(_ => $"indicator--{Guid.NewGuid()}").ToList();
        var red = $"indicator--{Guid.NewGuid()}";
        await PostAsync([.. green.Select(id => SharingTests.Indicator(id, DateTimeOffset.UtcNow, Tlp.Green)), SharingTests.Indicator(red, DateTimeOffset.UtcNow, Tlp.Red)]);

        // Our organisation subscribes with its own token (sent as a bearer token: no user name).
        var feed = await AddFeedAsync(client, new { name = "Partner bureau", url = $"{server.BaseAddress}taxii2/api/collections/{partnerOrg:D}/", password = token, intervalMinutes = 30 });
        var first = await PullAsync(client, feed);
        Assert.True(first.GetProperty("pages").GetInt32() >= 2, first.ToString());
        Assert.True(first.GetProperty("added").GetInt32() >= 1500, first.ToString());
        Assert.Equal(JsonValueKind.Null, first.GetProperty("problem").ValueKind);
        var exported = Objects(JsonDocument.Parse(await client.GetByteArrayAsync("/api/v1/stix/export", Ct)).RootElement).Select(o => o.GetProperty("id").GetString()).ToHashSet();
        Assert.True(green.All(exported.Contains));
        // What the partner's TLP keeps from us never comes.
        Assert.DoesNotContain(red, exported);

        var again = await PullAsync(client, feed);
        Assert.Equal(0, again.GetProperty("added").GetInt32());
        var more = Enumerable.Range(0, 10).Select(_ => $"indicator--{Guid.NewGuid()}").ToList();
        await PostAsync(more.Select(id => SharingTests.Indicator(id, DateTimeOffset.UtcNow, Tlp.Green)));
        var third = await PullAsync(client, feed);
        Assert.Equal(10, third.GetProperty("added").GetInt32());
        Assert.Equal(10, third.GetProperty("objects").GetInt32());

        // Its provenance: the feed and the partner's collection; the secret is never shown.
        var imports = JsonDocument.Parse(await client.GetStringAsync("/api/v1/stix/imports", Ct)).RootElement.EnumerateArray().ToList();
        Assert.Contains(imports, i => i.GetProperty("channel").GetString() == "feed" && i.GetProperty("sentBy").GetString() == "feed Partner bureau"
                                      && i.GetProperty("source").GetString()!.Contains(partnerOrg.ToString("D"), StringComparison.Ordinal));
        var feeds = await client.GetStringAsync("/api/v1/feeds", Ct);
        Assert.DoesNotContain(token, feeds, StringComparison.Ordinal);
        Assert.Contains("\"hasSecret\":true", feeds, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Isops_feed_pulls_from_OASIS_medallion()
    {
        var medallion = await StixPeers.ToolAsync("medallion");
        var config = Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(medallion)!)!)!, "medallion-memory.json");
        Assert.True(File.Exists(config), config);
        var port = FreePort();
        var start = new System.Diagnostics.ProcessStartInfo(medallion) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "--host", "127.0.0.1", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--no-conf-dir", "--conf-file", config }) start.ArgumentList.Add(a);
        using var process = System.Diagnostics.Process.Start(start)!;
        try
        {
            await WaitForPortAsync(port);
            var (client, _, _) = await MemberAsync();
            // medallion's test data: a readable collection that holds indicators, malware, relationships and markings.
            var url = $"http://127.0.0.1:{port}/trustgroup1/collections/91a7b528-80eb-42ed-a74d-c6fbd5a26116/";
            var feed = await AddFeedAsync(client, new { name = "Medallion trust group", url, username = "admin", password = "Password0" });
            var first = await PullAsync(client, feed);
            Assert.True(first.GetProperty("added").GetInt32() > 0, first.ToString());
            Assert.Equal(0, first.GetProperty("failed").GetInt32());
            var again = await PullAsync(client, feed);
            Assert.Equal(0, again.GetProperty("added").GetInt32());

            var wrong = await AddFeedAsync(client, new { name = "Wrong password", url, username = "admin", password = "nope" });
            var refused = await PullAsync(client, wrong);
            Assert.Contains("401", refused.GetProperty("problem").GetString(), StringComparison.Ordinal);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
        }
    }

    private static List<JsonElement> Objects(JsonElement bundle) => bundle.TryGetProperty("objects", out var o) ? [.. o.EnumerateArray()] : [];

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task WaitForPortAsync(int port)
    {
        for (var i = 0; i < 150; i++)
        {
            try
            {
                using var tcp = new System.Net.Sockets.TcpClient();
                await tcp.ConnectAsync(System.Net.IPAddress.Loopback, port, Ct);
                return;
            }
            catch (System.Net.Sockets.SocketException)
            {
                await Task.Delay(100, Ct);
            }
        }
        Assert.Fail($"medallion did not listen on port {port} in 15 s");
    }
}
