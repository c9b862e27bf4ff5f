using System.Text.Json;
using Isop.Tests.Infrastructure;

namespace Isop.Tests.Cli;

/// <summary><c>isop stix export</c> and <c>isop stix import</c>, and <c>isop feed</c>: what an operator types.</summary>
public sealed class SharingCommandTests(PostgresServer postgres) : CommandLineTest(postgres)
{
    [Fact]
    public async Task Export_writes_a_bundle_import_counts_and_refuses_what_is_wrong_and_feeds_are_added_listed_and_removed()
    {
        Assert.Equal(0, (await RunAsync("admin", "create", "--email", "a@bureau.test", "--org", "Bureau")).Code);
        Assert.Equal(0, (await RunAsync("platform", "add", "Toonkor", "--domain", "toonkor.test", "--tlp", "green", "--json")).Code);
        Assert.Equal(0, (await RunAsync("platform", "add", "Secret", "--domain", "secret.test", "--tlp", "red", "--json")).Code);
        var file = Path.Combine(Database.DataDirectory, "out.json");

        // By default AMBER and below: the RED platform leaves only when asked for.
        var (code, stdout, stderr) = await RunAsync("stix", "export", "--out", file, "--json");
        Assert.True(code == 0, stderr);
        Assert.Equal("AMBER", JsonDocument.Parse(stdout).RootElement.GetProperty("tlp").GetString());
        var text = await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken);
        Assert.Contains("toonkor.test", text, StringComparison.Ordinal);
        Assert.DoesNotContain("secret.test", text, StringComparison.Ordinal);
        (code, _, _) = await RunAsync("stix", "export", "--out", file, "--tlp", "red", "--json");
        Assert.Equal(0, code);
        Assert.Contains("secret.test", await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken), StringComparison.Ordinal);
        (code, _, stderr) = await RunAsync("stix", "export", "--out", file, "--tlp", "purple", "--json");
        Assert.Equal(1, code);
        Assert.Contains("--tlp", stderr, StringComparison.Ordinal);

        var example = SharedData.Require("stix2/examples/threat-reports/apt1.json");
        (code, stdout, stderr) = await RunAsync("stix", "import", example, "--from", "Partner police", "--json");
        Assert.True(code == 0, stderr);
        var result = JsonDocument.Parse(stdout).RootElement;
        Assert.Equal(76, result.GetProperty("added").GetInt32());
        Assert.True(result.GetProperty("objectsPerSecond").GetDouble() > 0);
        (code, stdout, _) = await RunAsync("stix", "import", example, "--json");
        Assert.Equal(76, JsonDocument.Parse(stdout).RootElement.GetProperty("duplicates").GetInt32());

        var broken = Path.Combine(Database.DataDirectory, "broken.json");
        await File.WriteAllTextAsync(broken, $$"""{"type":"bundle","id":"bundle--{{Guid.NewGuid()}}","objects":[{"type":"malware","spec_version":"2.1","id":"malware--{{Guid.NewGuid()}}","created":"2026-01-01","modified":"2026-01-01T00:00:00.000Z","is_family":true}]}""", TestContext.Current.CancellationToken);
        (code, _, stderr) = await RunAsync("stix", "import", broken, "--json");
        Assert.Equal(1, code);
        Assert.Contains("created", stderr, StringComparison.Ordinal);
        Assert.Contains("nothing was imported", stderr, StringComparison.Ordinal);

        (code, _, stderr) = await RunAsync("feed", "add", "Partner", "--url", "https://taxii.partner.test/api1/collections/91a7b528-80eb-42ed-a74d-c6fbd5a26116/", "--json");
        Assert.True(code == 0, stderr);
        (_, stdout, _) = await RunAsync("feed", "list", "--json");
        Assert.Contains("taxii.partner.test", stdout, StringComparison.Ordinal);
        (code, _, stderr) = await RunAsync("feed", "add", "Clear text", "--url", "http://taxii.partner.test/api1/collections/91a7b528-80eb-42ed-a74d-c6fbd5a26116/", "--json");
        Assert.Equal(1, code);
        Assert.Contains("feeds use https", stderr, StringComparison.Ordinal);
        Assert.Equal(0, (await RunAsync("feed", "remove", "Partner", "--json")).Code);
        (code, _, stderr) = await RunAsync("feed", "remove", "Partner", "--json");
        Assert.Equal(1, code);
        Assert.Contains("no feed named", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Groups_are_created_joined_left_listed_and_deleted_with_clear_refusals()
    {
        Assert.Equal(0, (await RunAsync("admin", "create", "--email", "a@kr.test", "--org", "NCB Seoul", "--org-kind", "national-central-bureau")).Code);
        Assert.Equal(0, (await RunAsync("admin", "create", "--email", "a@fr.test", "--org", "NCB Lyon", "--org-kind", "national-central-bureau")).Code);
        Assert.Equal(0, (await RunAsync("admin", "create", "--email", "a@jp.test", "--org", "NCB Tokyo", "--org-kind", "national-central-bureau")).Code);

        var (code, stdout, stderr) = await RunAsync("group", "create", "Asia-Europe", "--org", "NCB Seoul", "--org", "NCB Lyon", "--description", "Bureaus of two regions", "--json");
        Assert.True(code == 0, stderr);
        var created = JsonDocument.Parse(stdout).RootElement;
        Assert.Equal(2, created.GetProperty("organisations").GetArrayLength());
        Assert.StartsWith("/taxii2/api/collections/", created.GetProperty("collection").GetString(), StringComparison.Ordinal);

        (code, stdout, _) = await RunAsync("group", "join", "Asia-Europe", "--org", "NCB Tokyo", "--json");
        Assert.Equal(0, code);
        Assert.Equal(3, JsonDocument.Parse(stdout).RootElement.GetProperty("organisations").GetArrayLength());
        (code, stdout, _) = await RunAsync("group", "leave", "Asia-Europe", "--org", "NCB Lyon");
        Assert.Equal(0, code);
        Assert.DoesNotContain("NCB Lyon", stdout, StringComparison.Ordinal);
        (_, stdout, _) = await RunAsync("group", "list");
        Assert.Contains("NCB Seoul, NCB Tokyo", stdout, StringComparison.Ordinal);

        (code, _, stderr) = await RunAsync("group", "create", "Asia-Europe", "--org", "NCB Seoul");
        Assert.Equal(1, code);
        Assert.Contains("name: a sharing group named \"Asia-Europe\" exists", stderr, StringComparison.Ordinal);
        (code, _, stderr) = await RunAsync("group", "create", "Nowhere", "--org", "NCB Atlantis");
        Assert.Equal(1, code);
        Assert.Contains("no organisation named \"NCB Atlantis\"", stderr, StringComparison.Ordinal);
        (code, _, stderr) = await RunAsync("group", "leave", "Asia-Europe", "--org", "NCB Seoul", "--org", "NCB Tokyo");
        Assert.Equal(1, code);
        Assert.Contains("organisations: a group keeps at least one member organisation", stderr, StringComparison.Ordinal);
        (code, _, stderr) = await RunAsync("group", "leave", "asia-europe", "--org", "NCB Lyon");
        Assert.Equal(1, code);
        Assert.Contains("NCB Lyon is not a member of Asia-Europe", stderr, StringComparison.Ordinal);
        (code, _, stderr) = await RunAsync("group", "join", "Asia-Europe");
        Assert.Equal(1, code);
        Assert.Contains("--org", stderr, StringComparison.Ordinal);
        (code, _, stderr) = await RunAsync("group", "create", "ASIA-EUROPE", "--org", "NCB Seoul");
        Assert.Equal(1, code);
        Assert.Contains("exists", stderr, StringComparison.Ordinal);

        Assert.Equal(0, (await RunAsync("group", "delete", "Asia-Europe")).Code);
        (code, _, stderr) = await RunAsync("group", "delete", "Asia-Europe");
        Assert.Equal(1, code);
        Assert.Contains("no sharing group named", stderr, StringComparison.Ordinal);
    }
}
