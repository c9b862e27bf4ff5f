using System.Text.Json;
using Isop.Access;
using Isop.Range;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Isop.Browser.Tests;

/// <summary>The sharing page on a monitored range: the collection by type and TLP, the export, an import with its provenance, a feed, in English and French.</summary>
public sealed class SharingPageTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task An_analyst_sees_the_collection_exports_imports_a_partners_bundle_and_adds_a_feed()
    {
        fixture.Require();
        var ct = TestContext.Current.CancellationToken;
        var (email, password) = await fixture.MemberAsync(MemberRole.Analyst);
        var world = RangeWorld.Create(12, 1);
        await using var range = await RangeHost.StartAsync(world, 0, cancellation: ct);
        await fixture.RunAsync(await fixture.RegisterRangeAsync(range, 40, ct), ct);

        var page = await ShellTests.SignInAsync(fixture, email, password);
        await page.GetByRole(AriaRole.Link, new() { Name = "Sharing", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sharing", Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("taxii-discovery")).ToContainTextAsync("/taxii2/");
        await Assertions.Expect(page.GetByTestId("by-type")).ToContainTextAsync("infrastructure");
        await Assertions.Expect(page.GetByTestId("by-type")).ToContainTextAsync("sighting");
        await Assertions.Expect(page.GetByTestId("tlp-bar").Locator(".progress-bar").First).ToBeVisibleAsync();
        Assert.True(int.Parse(await page.GetByTestId("collection-total").InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture) > world.Sites.Count);

        // The export the form asks for is a bundle.
        var export = await page.APIRequest.GetAsync("/api/v1/stix/export?tlp=AMBER");
        Assert.Equal(200, export.Status);
        var bundle = JsonDocument.Parse(await export.BodyAsync()).RootElement;
        Assert.Equal("bundle", bundle.GetProperty("type").GetString());
        Assert.Contains(bundle.GetProperty("objects").EnumerateArray(), o => o.GetProperty("type").GetString() == "infrastructure");

        // A partner's bundle, with a type of its own.
        var file = Path.Combine(Path.GetTempPath(), $"partner-{Guid.NewGuid():N}.json");
        var custom = $"x-partner-seller--{Guid.NewGuid()}";
        await File.WriteAllTextAsync(file, $$"""
            {"type":"bundle","id":"bundle--{{Guid.NewGuid()}}","objects":[
              {"type":"indicator","spec_version":"2.1","id":"indicator--{{Guid.NewGuid()}}","created":"2026-01-01T00:00:00.000Z","modified":"2026-01-01T00:00:00.000Z","pattern":"[domain-name:value = 'iptv-seller.test']","pattern_type":"stix","valid_from":"2026-01-01T00:00:00Z"},
              {"type":"x-partner-seller","spec_version":"2.1","id":"{{custom}}","created":"2026-01-01T00:00:00.000Z","modified":"2026-01-01T00:00:00.000Z","shop":"iptv-seller.test"}
            ]}
            """, ct);
        await page.GetByLabel("STIX 2.1 bundle (JSON)").SetInputFilesAsync(file);
        await page.GetByTestId("import-form").GetByRole(AriaRole.Button, new() { Name = "Import" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("import-result")).ToContainTextAsync("2 objects — 2 added");
        await Assertions.Expect(page.GetByTestId("import-result")).ToContainTextAsync("x-partner-seller (1)");
        await Assertions.Expect(page.GetByTestId("imports")).ToContainTextAsync(Path.GetFileName(file));
        await Assertions.Expect(page.GetByTestId("by-type")).ToContainTextAsync("unknown type");

        // A broken bundle names the object and the property.
        await File.WriteAllTextAsync(file, $$"""{"type":"bundle","id":"bundle--{{Guid.NewGuid()}}","objects":[{"type":"malware","spec_version":"2.1","id":"malware--{{Guid.NewGuid()}}","created":"2026-01-01","modified":"2026-01-01T00:00:00.000Z","is_family":true}]}""", ct);
        await page.GetByLabel("STIX 2.1 bundle (JSON)").SetInputFilesAsync(file);
        await page.GetByTestId("import-form").GetByRole(AriaRole.Button, new() { Name = "Import" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("sharing-problems")).ToContainTextAsync("created");
        File.Delete(file);

        // A feed to a private address is kept, and its pull says why it cannot go there.
        await page.GetByTestId("feed-form").GetByLabel("Name", new() { Exact = true }).FillAsync("Partner bureau");
        await page.GetByTestId("feed-form").GetByLabel("Collection URL").FillAsync($"https://127.0.0.1:8443/taxii2/api/collections/{Guid.NewGuid()}/");
        await page.GetByTestId("feed-form").GetByRole(AriaRole.Button, new() { Name = "Add" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("feeds")).ToContainTextAsync("Partner bureau");
        await page.GetByTestId("feeds").GetByRole(AriaRole.Button, new() { Name = "Pull now" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("pull-result")).ToContainTextAsync("public addresses only");

        // A sharing group the operator made: listed with its members and its collection.
        await using (var db = Isop.Data.DataServices.CreateContext(fixture.Server.Services.GetRequiredService<Isop.Data.DatabaseSettings>(), Caller.System("test")))
        {
            var partner = new Organisation { Name = "NCB Seoul", Kind = OrganisationKind.NationalCentralBureau, Country = "KR", CreatedAt = DateTimeOffset.UtcNow };
            db.Organisations.Add(partner);
            await db.SaveChangesAsync(ct);
            var studio = await db.Organisations.SingleAsync(o => o.Name == "Studio", ct);
            var (group, errors) = await Isop.Sharing.SharingGroups.CreateAsync(db, new Isop.Sharing.SharingGroupInput("Webtoon alliance", "Studios and bureaus", [studio.Id, partner.Id]), ct);
            Assert.Empty(errors);
            await page.GotoAsync("/Sharing");
            await Assertions.Expect(page.GetByTestId("groups")).ToContainTextAsync("Webtoon alliance");
            await Assertions.Expect(page.GetByTestId("groups")).ToContainTextAsync("NCB Seoul");
            await Assertions.Expect(page.GetByTestId("groups")).ToContainTextAsync(group!.Id.ToString("D"));
        }
        await page.ScreenshotAsync(new() { Path = Path.Combine(fixture.ScreenshotFolder, "sharing.png"), FullPage = true });

        // In French.
        await page.Context.AddCookiesAsync([new Cookie { Name = ".AspNetCore.Culture", Value = "c=fr|uic=fr", Url = fixture.BaseAddress.ToString() }]);
        await page.GotoAsync("/Sharing");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Partage", Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Votre collection", Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Groupes de partage", Exact = true })).ToBeVisibleAsync();
    }
}
