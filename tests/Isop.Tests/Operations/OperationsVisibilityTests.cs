using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Isop.Access;
using Isop.Monitoring;
using Isop.Platforms;
using Isop.Tests.Infrastructure;

namespace Isop.Tests.Operations;

/// <summary>
/// Operations and lineage under TLP: a RED platform's sightings tie platforms together only for its owner's members;
/// everyone else sees no link, no operation and no succession it rests on, not even as a count.
/// </summary>
public abstract class OperationsVisibilityTests(AppFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<Guid> PlatformAsync(string name, Tlp tlp, Guid owner, params (string Type, string Value)[] signals) => PlatformAsync(name, tlp, owner, PlatformKind.StreamingSite, signals);

    private async Task<Guid> PlatformAsync(string name, Tlp tlp, Guid owner, PlatformKind kind, params (string Type, string Value)[] signals)
    {
        await using var db = fixture.App.SystemDb();
        var platform = new Platform { Name = name, Kind = kind, Tlp = tlp, OwnerOrganisationId = owner, CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow };
        platform.SetDomains([$"{name.ToLowerInvariant()}.test"], DateTimeOffset.UtcNow);
        db.Platforms.Add(platform);
        await db.SaveChangesAsync(Ct);
        await ObservationStore.UpsertSignalsAsync(db, platform.Id, Guid.CreateVersion7(), DateTimeOffset.UtcNow,
            [.. signals.Select(s => new SignalInput(s.Type, s.Value, "footer", $"http://{name.ToLowerInvariant()}.test/", $"{platform.Id:N}/run/a.warc.gz", 1234))], Ct);
        return platform.Id;
    }

    private static async Task<List<JsonElement>> OperationsAsync(HttpClient client)
    {
        var response = await client.GetAsync("/api/v1/operations", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return [.. (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).EnumerateArray()];
    }

    private static IEnumerable<Guid> Members(JsonElement operation) => operation.GetProperty("platforms").EnumerateArray().Select(p => p.GetProperty("id").GetGuid());

    [Fact]
    public async Task A_red_sighting_links_platforms_for_its_owner_only_and_changes_nothing_others_see()
    {
        fixture.Require();
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var studio = (await fixture.App.OrganisationAsync("Studio")).Id;
        var other = await fixture.App.MemberAsync($"analyst-{suffix}@bureau.test", $"Bureau {suffix}", OrganisationKind.NationalCentralBureau, MemberRole.Analyst);
        var otherClient = fixture.App.ClientWithToken(other.Token);
        var otherOrg = other.Member.OrganisationId;
        var (ga, wallet, x) = ($"G-{suffix.ToUpperInvariant()}AB", $"0x{suffix}{new string('a', 32)}", $"fan{suffix}");

        // The studio's RED platform shares an analytics ID with one of the bureau's GREEN platforms and a wallet with another.
        var red = await PlatformAsync($"Red{suffix}", Tlp.Red, studio, ("google-analytics", ga), ("wallet-ethereum", wallet));
        var green1 = await PlatformAsync($"GreenA{suffix}", Tlp.Green, otherOrg, ("google-analytics", ga), ("x", x));
        var green2 = await PlatformAsync($"GreenB{suffix}", Tlp.Green, otherOrg, ("wallet-ethereum", wallet.ToUpperInvariant().Replace("0X", "0x", StringComparison.Ordinal)), ("x", x));

        // The studio sees one operation of three, through the RED platform, each link with its identifiers and evidence.
        var mine = (await OperationsAsync(fixture.Analyst)).Single(o => Members(o).Contains(red));
        Assert.Equal([red, green1, green2], Members(mine).Order());
        Assert.Equal("RED", mine.GetProperty("tlp").GetString());
        var link = mine.GetProperty("links").EnumerateArray().Single(l => new[] { l.GetProperty("from").GetGuid(), l.GetProperty("to").GetGuid() }.Order().SequenceEqual(new[] { red, green1 }.Order()));
        var signal = link.GetProperty("signals").EnumerateArray().Single();
        Assert.Equal(("google-analytics", ga), (signal.GetProperty("kind").GetString(), signal.GetProperty("value").GetString()));
        Assert.All(signal.GetProperty("evidence").EnumerateArray(), e => Assert.EndsWith(".warc.gz", e.GetProperty("warcFile").GetString(), StringComparison.Ordinal));

        // The bureau sees neither the RED platform nor what it ties: its two platforms share only a social profile (medium), which links nothing.
        var theirs = await OperationsAsync(otherClient);
        Assert.DoesNotContain(theirs, o => Members(o).Contains(red) || Members(o).Contains(green1) || Members(o).Contains(green2));
        Assert.Equal(HttpStatusCode.NotFound, (await otherClient.GetAsync($"/api/v1/operations/{green1}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await fixture.Anonymous.GetAsync($"/api/v1/operations/{green1}", Ct)).StatusCode); // members only
        Assert.Equal(HttpStatusCode.OK, (await fixture.Analyst.GetAsync($"/api/v1/operations/{green1}", Ct)).StatusCode);
    }

    [Fact]
    public async Task A_social_profile_every_operation_links_corroborates_none_of_them()
    {
        fixture.Require();
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var studio = (await fixture.App.OrganisationAsync("Studio")).Id;
        var broadcaster = $"tvn{suffix}";
        var a = await PlatformAsync($"OpA1{suffix}", Tlp.Green, studio, ("google-analytics", $"G-A{suffix.ToUpperInvariant()}"), ("x", broadcaster), ("x", $"own{suffix}"));
        var b = await PlatformAsync($"OpA2{suffix}", Tlp.Green, studio, ("google-analytics", $"G-A{suffix.ToUpperInvariant()}"), ("x", broadcaster), ("x", $"own{suffix}"));
        var c = await PlatformAsync($"OpB1{suffix}", Tlp.Green, studio, ("wallet-ethereum", $"0x{suffix}{new string('b', 32)}"), ("x", broadcaster));
        var d = await PlatformAsync($"OpB2{suffix}", Tlp.Green, studio, ("wallet-ethereum", $"0x{suffix}{new string('b', 32)}"), ("x", broadcaster));
        var operations = await OperationsAsync(fixture.Analyst);
        var first = operations.Single(o => Members(o).Contains(a));
        var second = operations.Single(o => Members(o).Contains(c));
        Assert.Equal([a, b], Members(first).Order());
        Assert.Equal([c, d], Members(second).Order());
        // The broadcaster's account is on both operations' sites: it is left out; the first operation's own account stays.
        var values = new[] { first, second }.SelectMany(o => o.GetProperty("links").EnumerateArray()).SelectMany(l => l.GetProperty("signals").EnumerateArray())
            .Select(x => x.GetProperty("value").GetString()).ToList();
        Assert.DoesNotContain(broadcaster, values);
        Assert.Contains($"own{suffix}", values);
    }

    [Fact]
    public async Task An_address_list_repeating_channels_and_a_hosting_certificate_link_nothing_a_certificate_of_their_own_does()
    {
        fixture.Require();
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var studio = (await fixture.App.OrganisationAsync("Studio")).Id;
        var (channelA, channelB) = ($"chan_a{suffix}", $"chan_b{suffix}");
        var list = await PlatformAsync($"List{suffix}", Tlp.Green, studio, PlatformKind.AddressList, ("telegram", channelA), ("telegram", channelB));
        var siteA = await PlatformAsync($"SiteA{suffix}", Tlp.Green, studio, ("telegram", channelA), ("tls-sha256", $"aa{suffix}"), ("tls-name", "*.blogspot.test"));
        var siteB = await PlatformAsync($"SiteB{suffix}", Tlp.Green, studio, ("telegram", channelB), ("tls-sha256", $"aa{suffix}"), ("tls-name", "*.blogspot.test"));
        var operations = await OperationsAsync(fixture.Analyst);
        Assert.DoesNotContain(operations, o => Members(o).Contains(list) || Members(o).Contains(siteA) || Members(o).Contains(siteB));

        // A certificate that names only the two sites' own domains is theirs: it links them.
        var siteC = await PlatformAsync($"SiteC{suffix}", Tlp.Green, studio, ("tls-sha256", $"cc{suffix}"), ("tls-name", $"sitec{suffix}.test"), ("tls-name", $"sited{suffix}.test"));
        var siteD = await PlatformAsync($"SiteD{suffix}", Tlp.Green, studio, ("tls-sha256", $"cc{suffix}"), ("tls-name", $"sitec{suffix}.test"), ("tls-name", $"sited{suffix}.test"));
        var linked = (await OperationsAsync(fixture.Analyst)).Single(o => Members(o).Contains(siteC));
        Assert.Equal([siteC, siteD], Members(linked).Order());
    }
}

public sealed class SqliteOperationsVisibilityTests(SqliteApp app) : OperationsVisibilityTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresOperationsVisibilityTests(PostgresApp app) : OperationsVisibilityTests(app), IClassFixture<PostgresApp>;
