using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Isop.Access;
using Isop.Monitoring;
using Isop.Tests.Infrastructure;
using Isop.Web;
using Microsoft.Extensions.DependencyInjection;

namespace Isop.Tests.Enforcement;

/// <summary>The address book: contacts added and imported from CSV with every problem located, changed by whom may, and proposed for a platform from its domains and the addresses its pages came from.</summary>
public abstract class ContactApiTests(AppFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static string Unique => Guid.NewGuid().ToString("N")[..10];

    [Fact]
    public async Task Contacts_are_added_and_imported_with_each_problem_located_and_changed_only_by_whom_may()
    {
        fixture.Require();
        var id = Unique;
        var added = await fixture.Analyst.PostAsync("/api/v1/contacts",
            Json($$"""{"name":"Host One","kind":"host","email":"Abuse@HostOne-{{id}}.test","country":"kr","domains":["hostone-{{id}}.test"],"networks":["127.0.0.0/8"]}"""), Ct);
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        var contact = await added.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal($"abuse@hostone-{id}.test", contact.GetProperty("email").GetString());
        Assert.Equal("KR", contact.GetProperty("country").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await fixture.Analyst.PostAsync("/api/v1/contacts", Json($$"""{"name":"Again","kind":"host","email":"abuse@hostone-{{id}}.test"}"""), Ct)).StatusCode);
        var bad = await fixture.Analyst.PostAsync("/api/v1/contacts", Json("""{"name":"","kind":"isp","email":"nobody","domains":["not a domain"],"networks":["300.0.0.0/8"]}"""), Ct);
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors");
        foreach (var field in new[] { "name", "kind", "email", "domains[0]", "networks[0]" })
            Assert.True(errors.TryGetProperty(field, out _), $"{field} not named in {errors}");
        Assert.Equal(HttpStatusCode.Forbidden, (await fixture.Viewer.PostAsync("/api/v1/contacts", Json("""{"name":"V","kind":"host","email":"v@v.test"}"""), Ct)).StatusCode);

        // CSV: quoted cells, several domains in one cell; imported again, the same e-mails are updated.
        var csv = $"name,kind,email,domains,networks\r\n\"Registrar, Inc.\",registrar,abuse@registrar-{id}.test,\"reg-{id}.test other-{id}.test\",\r\nCDN {id},cdn,abuse@cdn-{id}.test,,2001:db8::/32\r\n";
        var imported = await fixture.Analyst.PostAsync("/api/v1/contacts/import", new StringContent(csv, Encoding.UTF8, "text/csv"), Ct);
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        Assert.Equal(2, (await imported.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("added").GetInt32());
        var again = await (await fixture.Analyst.PostAsync("/api/v1/contacts/import", new StringContent(csv.Replace("Registrar, Inc.", "Registrar Ltd", StringComparison.Ordinal), Encoding.UTF8, "text/csv"), Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal((0, 2), (again.GetProperty("added").GetInt32(), again.GetProperty("updated").GetInt32()));
        var book = await fixture.Analyst.GetFromJsonAsync<JsonElement>($"/api/v1/contacts?q=registrar-{id}", Ct);
        var registrar = Assert.Single(book.EnumerateArray());
        Assert.Equal("Registrar Ltd", registrar.GetProperty("name").GetString());
        Assert.Equal([$"reg-{id}.test", $"other-{id}.test"], registrar.GetProperty("domains").EnumerateArray().Select(d => d.GetString()));

        // A broken file is refused whole, each problem with its line.
        foreach (var (broken, where, what) in new[]
        {
            ($"name,kind,email\r\nA,host,a-{id}@a.test\r\n\"B,host,b@b.test\r\n", "line 3", "not closed"),
            ($"name,kind,email,colour\r\nA,host,a-{id}@a.test,red\r\n", "line 1, column 4", "unknown column \"colour\""),
            ($"name,kind,email\r\nA,host,a-{id}@a.test\r\nB,isp,b-{id}@b.test\r\n", "line 3, kind", "expected one of host"),
            ($"name,kind,email\r\nA,host,same-{id}@a.test\r\nB,host,same-{id}@a.test\r\n", "line 3, email", "already on line 2"),
            ("name,email\r\nA,a@a.test\r\n", "line 1", "no kind column"),
        })
        {
            var refused = await fixture.Analyst.PostAsync("/api/v1/contacts/import", new StringContent(broken, Encoding.UTF8, "text/csv"), Ct);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            var problem = (await refused.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors");
            Assert.True(problem.TryGetProperty(where, out var messages), $"{where} not in {problem}");
            Assert.Contains(what, messages[0].GetString(), StringComparison.Ordinal);
        }
        Assert.Empty((await fixture.Analyst.GetFromJsonAsync<JsonElement>($"/api/v1/contacts?q=a-{id}", Ct)).EnumerateArray());

        // Another organisation may read the book, not remove what this one added.
        var other = await fixture.App.MemberAsync($"analyst-{Unique}@label.test", $"Label {Unique}", OrganisationKind.RightsHolder, MemberRole.Analyst);
        var otherClient = fixture.App.ClientWithToken(other.Token);
        var contactId = contact.GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.Forbidden, (await otherClient.DeleteAsync($"/api/v1/contacts/{contactId}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await fixture.Analyst.DeleteAsync($"/api/v1/contacts/{contactId}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Analyst.DeleteAsync($"/api/v1/contacts/{contactId}", Ct)).StatusCode);
    }

    [Fact]
    public async Task The_responsible_contacts_are_proposed_from_the_platforms_domains_and_the_addresses_its_pages_came_from()
    {
        fixture.Require();
        var id = Unique;
        var created = await fixture.Analyst.PostAsync("/api/v1/platforms", Json($$"""{"name":"Blog {{id}}","kind":"download-blog","domains":["pirate-{{id}}.freehost-{{id}}.test"]}"""), Ct);
        var platform = (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.Created, (await fixture.Analyst.PostAsync("/api/v1/contacts", Json($$"""{"name":"Free host {{id}}","kind":"host","email":"abuse@freehost-{{id}}.test","domains":["freehost-{{id}}.test"]}"""), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await fixture.Analyst.PostAsync("/api/v1/contacts", Json($$"""{"name":"Datacentre {{id}}","kind":"host","email":"noc@dc-{{id}}.test","networks":["127.0.9.0/24"]}"""), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await fixture.Analyst.PostAsync("/api/v1/contacts", Json($$"""{"name":"Elsewhere {{id}}","kind":"host","email":"noc@else-{{id}}.test","networks":["127.0.10.0/24"],"domains":["else-{{id}}.test"]}"""), Ct)).StatusCode);

        // The page was fetched from 127.0.9.7: its evidence record says so.
        var settings = fixture.App.Services.GetRequiredService<MonitorSettings>();
        var file = $"{platform:N}/run/00000.warc";
        Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(settings.EvidenceRoot, file))!);
        var block = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html></html>"u8.ToArray();
        var head = $"WARC/1.1\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:{Guid.NewGuid()}>\r\nWARC-Date: 2026-12-01T00:00:00Z\r\nWARC-Target-URI: http://pirate-{id}.freehost-{id}.test/\r\nWARC-IP-Address: 127.0.9.7\r\nContent-Type: application/http;msgtype=response\r\nContent-Length: {block.Length}\r\n\r\n";
        await File.WriteAllBytesAsync(Path.Combine(settings.EvidenceRoot, file), [.. Encoding.ASCII.GetBytes(head), .. block, .. "\r\n\r\n"u8], Ct);
        await using (var db = fixture.App.SystemDb())
        {
            var run = Guid.NewGuid();
            db.Observations.Add(new Observation
            {
                Id = Guid.NewGuid(), PlatformId = platform, Key = Unique + Unique, Text = "x", Kind = "item", FirstSeen = DateTimeOffset.UtcNow, LastSeen = DateTimeOffset.UtcNow,
                FirstRunId = run, LastRunId = run, WarcFile = file, WarcOffset = 0,
            });
            await db.SaveChangesAsync(Ct);
        }
        var proposals = await fixture.Analyst.GetFromJsonAsync<JsonElement>($"/api/v1/contacts/propose?platformId={platform}", Ct);
        var byName = proposals.EnumerateArray().ToDictionary(p => p.GetProperty("contact").GetProperty("name").GetString()!, p => p.GetProperty("reasons")[0].GetString());
        Assert.Equal($"pirate-{id}.freehost-{id}.test is under freehost-{id}.test", byName[$"Free host {id}"]);
        Assert.Equal("its pages were served from 127.0.9.7, in 127.0.9.0/24", byName[$"Datacentre {id}"]);
        Assert.False(byName.ContainsKey($"Elsewhere {id}"));

        var other = await fixture.App.MemberAsync($"analyst-{Unique}@label.test", $"Label {Unique}", OrganisationKind.RightsHolder, MemberRole.Analyst);
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.App.ClientWithToken(other.Token).GetAsync($"/api/v1/contacts/propose?platformId={platform}", Ct)).StatusCode);
    }
}

public sealed class SqliteContactApiTests(SqliteApp app) : ContactApiTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresContactApiTests(PostgresApp app) : ContactApiTests(app), IClassFixture<PostgresApp>;

/// <summary>The CSV reader on untrusted input: what Isop writes reads back cell for cell, and nothing else it is given makes it fail but with a located CSV error.</summary>
public sealed class CsvReaderTests
{
    [Fact]
    public void What_the_writer_writes_reads_back_and_random_text_fails_only_with_a_located_error()
    {
        var random = new Random(1402);
        const string alphabet = "ab,\"\r\n 한é\t;";
        for (var round = 0; round < 3000; round++)
        {
            var rows = Enumerable.Range(0, random.Next(1, 5)).Select(_ => Enumerable.Range(0, random.Next(1, 5))
                .Select(_ => new string([.. Enumerable.Range(0, random.Next(1, 8)).Select(_ => alphabet[random.Next(alphabet.Length)])]).TrimStart('=', '+', '-', '@', '\t', '\r')).Select(c => c.Length == 0 ? "x" : c).ToArray()).ToList();
            var text = string.Concat(rows.Select(r => Csv.Row(r)));
            Assert.Equal(rows, CsvReader.Read(text, 100).Select(r => r.Cells.ToArray()).ToList());

            var noise = new string([.. Enumerable.Range(0, random.Next(0, 40)).Select(_ => alphabet[random.Next(alphabet.Length)])]);
            try
            {
                foreach (var (line, cells) in CsvReader.Read(noise, 100)) Assert.True(line >= 1 && cells.Count >= 1);
            }
            catch (CsvFormatException e)
            {
                Assert.InRange(e.Line, 1, noise.Count(c => c == '\n') + noise.Count(c => c == '\r') + 1);
            }
        }
    }
}
