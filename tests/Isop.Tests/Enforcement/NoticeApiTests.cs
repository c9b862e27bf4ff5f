using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Isop.Access;
using Isop.Catalogue;
using Isop.Monitoring;
using Isop.Operations;
using Isop.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace Isop.Tests.Enforcement;

/// <summary>A server whose notices go to a real SMTP server on loopback.</summary>
public abstract class NoticeFixture(Provider provider, PostgresServer postgres) : AppFixture(provider, postgres)
{
    public LoopbackSmtp? Smtp { get; private set; }

    /// <summary>A second analyst of the same organisation: the one who approves what the first drafts.</summary>
    public HttpClient Approver { get; private set; } = null!;

    protected override async Task<Dictionary<string, string?>> SettingsAsync()
    {
        Smtp = await LoopbackSmtp.StartAsync(CancellationToken.None);
        return Smtp is null ? [] : new()
        {
            ["Isop:Smtp:Host"] = "127.0.0.1", ["Isop:Smtp:Port"] = Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Isop:Smtp:Security"] = "none", ["Isop:Smtp:From"] = "notices@studio.test",
        };
    }

    public async Task<HttpClient> ApproverAsync()
    {
        if (Approver is null)
        {
            var member = await App.MemberAsync("approver@studio.test", "Studio", OrganisationKind.RightsHolder, MemberRole.Analyst);
            Approver = App.ClientWithToken(member.Token);
        }
        return Approver;
    }

    protected override async ValueTask DisposeMoreAsync()
    {
        if (Smtp is not null) await Smtp.DisposeAsync();
    }
}

public sealed class SqliteNoticeApp(PostgresServer postgres) : NoticeFixture(Provider.Sqlite, postgres);

public sealed class PostgresNoticeApp(PostgresServer postgres) : NoticeFixture(Provider.Postgres, postgres);

/// <summary>
/// Notices end to end: drafted from captured evidence, refused approval by their drafter (four-eyes), approved by
/// another member, sent through a real SMTP server and read back there; the allow-list, TLP, outcomes, the observed
/// effect and the follow-up against a successor.
/// </summary>
public abstract class NoticeApiTests(NoticeFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static string Unique => Guid.NewGuid().ToString("N")[..10];

    private void Require()
    {
        fixture.Require();
        LoopbackSmtp.Require();
    }

    /// <summary>A platform of the analyst's organisation with a captured listing of a work, as monitoring leaves them.</summary>
    private async Task<(Guid Platform, string Domain, string Captured, string Uncaptured, string Title)> ArrangeAsync(string tlp = "AMBER")
    {
        var id = Unique;
        var domain = $"toonkor-{id}.test";
        var created = await fixture.Analyst.PostAsync("/api/v1/platforms",
            Json($$"""{"name":"Toonkor {{id}}","kind":"streaming-site","domains":["{{domain}}"],"tlp":"{{tlp}}"}"""), Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var platform = (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
        var captured = $"https://{domain}/webtoon/solo-leveling/ep-110";
        var title = $"나 혼자만 레벨업 {id}";
        await using var db = fixture.App.SystemDb();
        var owner = await db.Platforms.Where(p => p.Id == platform).Select(p => p.OwnerOrganisationId).SingleAsync(Ct);
        var work = new Work
        {
            ExternalId = $"W-{id}", Kind = WorkKind.Series, RightsHolder = "D&C Media", Tlp = Tlp.Amber, OwnerOrganisationId = owner,
            Titles = [new WorkTitle { Text = title, Language = "ko", Position = 0 }], CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow,
        };
        db.Works.Add(work);
        var run = Guid.NewGuid();
        var seen = DateTimeOffset.UtcNow.AddDays(-1);
        var key = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(captured)));
        db.Observations.Add(new Observation
        {
            Id = Guid.NewGuid(), PlatformId = platform, Key = key, Text = "나 혼자만 레벨업 110화 <script>alert(1)</script>", Href = captured, Kind = "item", PageUrl = $"https://{domain}/",
            FirstSeen = seen, LastSeen = seen, FirstRunId = run, LastRunId = run, WarcFile = $"{platform:N}/{run:N}/00000.warc.gz", WarcOffset = 4096,
            EvidenceDigest = "sha256:9f2c0e55b1f0d6d0c4f0a7f1f1c3e0b2a9d8e7c6b5a4f3e2d1c0b9a8f7e6d5c4",
        });
        db.Recognitions.Add(new Isop.Monitoring.Recognition { PlatformId = platform, Key = key, WorkId = work.Id, AboutWorkId = work.Id, Confidence = 0.97, SeenAt = seen });
        await db.SaveChangesAsync(Ct);
        return (platform, domain, captured, $"https://{domain}/webtoon/solo-leveling/ep-111", title);
    }

    private static async Task<JsonElement> DraftAsync(HttpClient client, Guid platform, string basis, params string[] urls)
    {
        var response = await client.PostAsync("/api/v1/notices",
            Json($$"""{"platformId":"{{platform}}","recipient":"abuse@host.test","recipientName":"Host Abuse Desk","basis":"{{basis}}","urls":{{JsonSerializer.Serialize(urls)}}}"""), Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    [Fact]
    public async Task A_notice_is_drafted_approved_by_another_member_sent_over_SMTP_and_arrives_as_approved()
    {
        Require();
        var (platform, _, captured, uncaptured, title) = await ArrangeAsync();
        var draft = await DraftAsync(fixture.Analyst, platform, "kr-copyright-103", captured, uncaptured);
        var id = draft.GetProperty("id").GetGuid();
        Assert.Equal("drafted", draft.GetProperty("state").GetString());
        Assert.Equal("ko", draft.GetProperty("language").GetString());
        // The organisation's own correspondence: drawn from AMBER records, it stays within the organisation unless it says otherwise.
        Assert.Equal("AMBER+STRICT", draft.GetProperty("tlp").GetString());
        Assert.Equal(title, draft.GetProperty("works")[0].GetProperty("title").GetString());
        var evidence = Assert.Single(draft.GetProperty("evidence").EnumerateArray());
        Assert.Equal(captured, evidence.GetProperty("url").GetString());
        Assert.Equal(4096, evidence.GetProperty("warcOffset").GetInt64());
        Assert.Equal($"{uncaptured}: no capture of this URL by monitoring", Assert.Single(draft.GetProperty("warnings").EnumerateArray()).GetString());
        var body = draft.GetProperty("body").GetString()!;
        Assert.Contains("저작권법 제103조", draft.GetProperty("subject").GetString(), StringComparison.Ordinal);
        Assert.Contains(captured, body, StringComparison.Ordinal);
        Assert.Contains(title, body, StringComparison.Ordinal);
        Assert.Contains("(승인 시 서명)", body, StringComparison.Ordinal);

        // Four-eyes: the drafter may not approve; nothing is sent before approval; a viewer may do neither.
        var own = await fixture.Analyst.PostAsync($"/api/v1/notices/{id}/approve", null, Ct);
        Assert.Equal(HttpStatusCode.Conflict, own.StatusCode);
        Assert.Contains("Four-eyes", (await own.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        var early = await fixture.Analyst.PostAsync($"/api/v1/notices/{id}/send", null, Ct);
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Contains("not approved yet", await early.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await fixture.Viewer.PostAsync($"/api/v1/notices/{id}/approve", null, Ct)).StatusCode);

        var approver = await fixture.ApproverAsync();
        var approved = await approver.PostAsync($"/api/v1/notices/{id}/approve", null, Ct);
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        var approvedNotice = await approved.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("approver@studio.test", approvedNotice.GetProperty("approvedBy").GetString());
        Assert.Matches("^[0-9a-f]{64}$", approvedNotice.GetProperty("contentDigest").GetString());
        Assert.DoesNotContain("(승인 시 서명)", approvedNotice.GetProperty("body").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, (await approver.PostAsync($"/api/v1/notices/{id}/approve", null, Ct)).StatusCode);

        var sent = await fixture.Analyst.PostAsync($"/api/v1/notices/{id}/send", null, Ct);
        Assert.True(sent.StatusCode == HttpStatusCode.OK, await sent.Content.ReadAsStringAsync(Ct));
        var sentNotice = await sent.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("sent", sentNotice.GetProperty("state").GetString());
        Assert.Matches("^[0-9a-f]{64}$", sentNotice.GetProperty("messageDigest").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await fixture.Analyst.PostAsync($"/api/v1/notices/{id}/send", null, Ct)).StatusCode);

        // What the SMTP server received: the headers, the Korean text as approved, and the evidence attached.
        var message = fixture.Smtp!.Single("X-Isop-Notice", id.ToString());
        Assert.Equal("abuse@host.test", Assert.Single(message.To.Mailboxes).Address);
        Assert.Equal("Host Abuse Desk", message.To.Mailboxes.Single().Name);
        Assert.Equal("notices@studio.test", Assert.Single(message.From.Mailboxes).Address);
        Assert.Equal("Studio", message.From.Mailboxes.Single().Name);
        Assert.Equal("analyst@studio.test", Assert.Single(message.ReplyTo.Mailboxes).Address);
        Assert.Equal(sentNotice.GetProperty("subject").GetString(), message.Subject);
        Assert.Equal(sentNotice.GetProperty("messageId").GetString(), message.MessageId);
        Assert.Equal("kr-copyright-103", message.Headers["X-Isop-Basis"]);
        var text = Assert.IsType<TextPart>(message.BodyParts.OfType<TextPart>().First(p => !p.IsAttachment));
        Assert.Equal("ko", text.Headers[HeaderId.ContentLanguage]);
        Assert.Equal(approvedNotice.GetProperty("body").GetString(), text.Text.Replace("\r\n", "\n", StringComparison.Ordinal));
        var attachment = Assert.Single(message.Attachments.OfType<MimePart>());
        Assert.Equal("evidence.json", attachment.FileName);
        using var attached = new MemoryStream();
        await attachment.Content!.DecodeToAsync(attached, Ct);
        var summary = JsonDocument.Parse(attached.ToArray()).RootElement;
        Assert.Equal(id, summary.GetProperty("notice").GetGuid());
        Assert.Equal(approvedNotice.GetProperty("contentDigest").GetString(), summary.GetProperty("contentDigest").GetString());
        Assert.EndsWith("00000.warc.gz", summary.GetProperty("evidence")[0].GetProperty("warcFile").GetString(), StringComparison.Ordinal);

        // The audit log names sender, recipient, time and digest.
        await using (var db = fixture.App.SystemDb())
        {
            var entries = await db.AuditEntries.Where(e => e.EntityType == "notice" && e.EntityId == id.ToString()).OrderBy(e => e.Sequence).ToListAsync(Ct);
            Assert.Equal(3, entries.Count);
            var sending = entries[^1];
            Assert.Equal("analyst@studio.test", sending.Actor);
            foreach (var field in new[] { "SentAt", "SentFrom", "MessageDigest", sentNotice.GetProperty("messageDigest").GetString()! })
                Assert.Contains(field, sending.Changes, StringComparison.Ordinal);
            Assert.Contains("abuse@host.test", entries[0].Changes, StringComparison.Ordinal);
        }

        // The outcome, and the recipient's response time.
        var outcome = await fixture.Analyst.PostAsync($"/api/v1/notices/{id}/outcome", Json("""{"state":"content-removed","note":"removed the same day"}"""), Ct);
        Assert.Equal(HttpStatusCode.OK, outcome.StatusCode);
        Assert.Equal("content-removed", (await outcome.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("state").GetString());
        var bad = await fixture.Analyst.PostAsync($"/api/v1/notices/{id}/outcome", Json("""{"state":"approved"}"""), Ct);
        Assert.Contains("expected one of acknowledged, content-removed, refused, no-answer", await bad.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        var recipients = await fixture.Analyst.GetFromJsonAsync<JsonElement>("/api/v1/notices/recipients", Ct);
        var host = recipients.EnumerateArray().Single(r => r.GetProperty("recipient").GetString() == "abuse@host.test");
        Assert.True(host.GetProperty("contentRemoved").GetInt32() >= 1);
        Assert.True(host.GetProperty("medianHoursToAnswer").GetDouble() >= 0);
        var removed = await fixture.Analyst.GetFromJsonAsync<JsonElement>("/api/v1/notices?state=content-removed", Ct);
        Assert.Contains(removed.GetProperty("items").EnumerateArray(), n => n.GetProperty("id").GetGuid() == id);
        Assert.Equal(HttpStatusCode.BadRequest, (await fixture.Analyst.GetAsync("/api/v1/notices?state=lost", Ct)).StatusCode);

        // The PDF is the approved text: Korean and Latin both drawn, readable by a PDF reader (PdfPig).
        var pdf = await fixture.Analyst.GetAsync($"/api/v1/notices/{id}.pdf", Ct);
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        using (var document = UglyToad.PdfPig.PdfDocument.Open(await pdf.Content.ReadAsByteArrayAsync(Ct)))
        {
            var words = string.Join(" ", document.GetPages().Select(p => p.Text));
            Assert.Contains("저작권법", words, StringComparison.Ordinal);
            Assert.Contains(approvedNotice.GetProperty("contentDigest").GetString()!, words, StringComparison.Ordinal);
            Assert.Contains("approver@studio.test", words, StringComparison.Ordinal);
        }

        // The .eml is the message as sent.
        var eml = await fixture.Analyst.GetAsync($"/api/v1/notices/{id}.eml", Ct);
        Assert.Equal("message/rfc822", eml.Content.Headers.ContentType?.MediaType);
        var saved = await MimeMessage.LoadAsync(await eml.Content.ReadAsStreamAsync(Ct), Ct);
        Assert.Equal(message.MessageId, saved.MessageId);
    }

    [Theory]
    [InlineData("dmca", "en", "17 U.S.C. §512(c)(3)", "under penalty of perjury")]
    [InlineData("dsa", "fr", "article 16 du règlement (UE) 2022/2065", "de bonne foi")]
    [InlineData("dmca", "ko", "17 U.S.C. §512(c)(3)", "위증 시 처벌")]
    [InlineData("dsa", "en", "Article 16 of Regulation (EU) 2022/2065", "bona fide belief")]
    [InlineData("kr-copyright-103", "fr", "l'article 103", "décret d'application")]
    [InlineData("kr-copyright-103", "en", "Article 103(1)", "Enforcement Decree")]
    public async Task Each_basis_is_written_in_each_language_with_its_required_elements(string basis, string language, string law, string element)
    {
        Require();
        var (platform, _, captured, _, _) = await ArrangeAsync();
        var response = await fixture.Analyst.PostAsync("/api/v1/notices",
            Json($$"""{"platformId":"{{platform}}","recipient":"abuse@host.test","basis":"{{basis}}","language":"{{language}}","urls":["{{captured}}"]}"""), Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var notice = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var body = notice.GetProperty("body").GetString()!;
        Assert.Contains(law, body, StringComparison.Ordinal);
        Assert.Contains(element, body, StringComparison.Ordinal);
        Assert.Contains(captured, body, StringComparison.Ordinal);
        Assert.DoesNotContain("{{", body, StringComparison.Ordinal);
        Assert.DoesNotContain("{%", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wrong_drafts_are_refused_field_by_field_and_the_allow_list_refuses_a_legitimate_site()
    {
        Require();
        var (platform, domain, captured, _, _) = await ArrangeAsync();
        var bad = await fixture.Analyst.PostAsync("/api/v1/notices",
            Json($$"""{"platformId":"{{platform}}","recipient":"abuse@host.test, other@x.test","basis":"gdpr","language":"de","urls":["ftp://{{domain}}/x","https://user:pw@{{domain}}/"],"tlp":"CLEAR","sendNow":true}"""), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors");
        foreach (var field in new[] { "recipient", "basis", "language", "urls[0]", "urls[1]", "sendNow" })
            Assert.True(errors.TryGetProperty(field, out _), $"{field} not named in {errors}");
        var clear = await fixture.Analyst.PostAsync("/api/v1/notices",
            Json($$"""{"platformId":"{{platform}}","recipient":"abuse@host.test","basis":"dmca","urls":["{{captured}}"],"tlp":"CLEAR"}"""), Ct);
        Assert.Contains("TLP:AMBER or stricter", await clear.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await fixture.Viewer.PostAsync("/api/v1/notices",
            Json($$"""{"platformId":"{{platform}}","recipient":"abuse@host.test","basis":"dmca","urls":["{{captured}}"]}"""), Ct)).StatusCode);

        // A URL on an allowed site, or under one, is refused with the entry named.
        var admin = await fixture.App.MemberAsync($"admin-{Unique}@secretariat.test", "I-SOP Secretariat", OrganisationKind.Secretariat, MemberRole.Admin);
        var legit = $"legit-{Unique}.test";
        Assert.Equal(HttpStatusCode.Created, (await fixture.App.ClientWithToken(admin.Token).PostAsync("/api/v1/allow-list", Json($$"""{"domain":"{{legit}}","reason":"watch legally"}"""), Ct)).StatusCode);
        var refused = await fixture.Analyst.PostAsync("/api/v1/notices",
            Json($$"""{"platformId":"{{platform}}","recipient":"abuse@host.test","basis":"dmca","urls":["{{captured}}","https://www.{{legit}}/watch"]}"""), Ct);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains($"www.{legit} is under {legit}, which is on the allow-list: watch legally", await refused.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        var dotted = await fixture.Analyst.PostAsync("/api/v1/notices",
            Json($$"""{"platformId":"{{platform}}","recipient":"abuse@host.test","basis":"dmca","urls":["https://www.{{legit}}./watch"]}"""), Ct);
        Assert.Equal(HttpStatusCode.Conflict, dotted.StatusCode);

        // Another organisation neither sees, approves nor sends the studio's notice.
        var draft = await DraftAsync(fixture.Analyst, platform, "dmca", captured);
        var id = draft.GetProperty("id").GetGuid();
        var other = await fixture.App.MemberAsync($"analyst-{Unique}@police.test", $"Police {Unique}", OrganisationKind.LawEnforcement, MemberRole.Analyst);
        var otherClient = fixture.App.ClientWithToken(other.Token);
        Assert.Equal(HttpStatusCode.NotFound, (await otherClient.GetAsync($"/api/v1/notices/{id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherClient.GetAsync($"/api/v1/notices/{id}.eml", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherClient.PostAsync($"/api/v1/notices/{id}/approve", null, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherClient.PostAsync($"/api/v1/notices/{id}/send", null, Ct)).StatusCode);
        Assert.Equal(0, (await otherClient.GetFromJsonAsync<JsonElement>("/api/v1/notices", Ct)).GetProperty("total").GetInt32());
        // An allow-list entry added after approval stops the sending.
        Assert.Equal(HttpStatusCode.OK, (await (await fixture.ApproverAsync()).PostAsync($"/api/v1/notices/{id}/approve", null, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await fixture.App.ClientWithToken(admin.Token).PostAsync("/api/v1/allow-list", Json($$"""{"domain":"{{domain}}"}"""), Ct)).StatusCode);
        var stopped = await fixture.Analyst.PostAsync($"/api/v1/notices/{id}/send", null, Ct);
        Assert.Equal(HttpStatusCode.Conflict, stopped.StatusCode);
        Assert.Contains("Refused by the allow-list", await stopped.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal("approved", (await fixture.Analyst.GetFromJsonAsync<JsonElement>($"/api/v1/notices/{id}", Ct)).GetProperty("state").GetString());
        Assert.Equal(HttpStatusCode.NoContent, (await fixture.App.ClientWithToken(admin.Token).DeleteAsync($"/api/v1/allow-list/{domain}", Ct)).StatusCode);
    }

    [Fact]
    public async Task A_notice_names_what_was_not_captured_concerns_only_the_platform_and_takes_works_by_catalogue_id()
    {
        Require();
        var (platform, domain, captured, uncaptured, title) = await ArrangeAsync();
        // A URL neither on the platform's domains nor seen linked from its pages is not the platform's to be noticed for.
        var elsewhere = await fixture.Analyst.PostAsync("/api/v1/notices",
            Json($$"""{"platformId":"{{platform}}","recipient":"abuse@host.test","basis":"dmca","urls":["{{captured}}","https://unrelated-{{Unique}}.test/film"]}"""), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, elsewhere.StatusCode);
        var problem = (await elsewhere.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors");
        Assert.Contains($"neither on a domain of Toonkor", problem.GetProperty("urls[1]")[0].GetString(), StringComparison.Ordinal);
        Assert.False(problem.TryGetProperty("urls[0]", out _));
        // A subdomain of the platform's domain is the platform's.
        var subdomain = $"https://cdn.{domain}/webtoon/solo-leveling/ep-112";

        // Works by the rights holder's catalogue id; titles in the notice's language, with the original beside them.
        string externalId;
        await using (var db = fixture.App.SystemDb())
        {
            var owner = await db.Platforms.Where(p => p.Id == platform).Select(p => p.OwnerOrganisationId).SingleAsync(Ct);
            externalId = $"FILM-{Unique}";
            db.Works.Add(new Work
            {
                ExternalId = externalId, Kind = WorkKind.Film, RightsHolder = "Studio", Tlp = Tlp.Amber, OwnerOrganisationId = owner,
                Titles = [new WorkTitle { Text = "기생충", Language = "ko", Position = 0 }, new WorkTitle { Text = "Parasite", Language = "en", Position = 1 }],
                CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow,
            });
            await db.SaveChangesAsync(Ct);
        }
        var unknown = await fixture.Analyst.PostAsync("/api/v1/notices",
            Json($$"""{"platformId":"{{platform}}","recipient":"abuse@host.test","basis":"dmca","urls":["{{captured}}"],"workIds":["{{externalId}}","NO-SUCH-{{Unique}}"]}"""), Ct);
        Assert.Contains("no work with the id or catalogue id \"NO-SUCH-", (await unknown.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").GetProperty("workIds[1]")[0].GetString(), StringComparison.Ordinal);
        var drafted = await fixture.Analyst.PostAsync("/api/v1/notices",
            Json($$"""{"platformId":"{{platform}}","recipient":"abuse@host.test","basis":"dmca","language":"en","urls":["{{captured}}","{{uncaptured}}","{{subdomain}}"],"workIds":["{{externalId}}"]}"""), Ct);
        Assert.True(drafted.StatusCode == HttpStatusCode.Created, await drafted.Content.ReadAsStringAsync(Ct));
        var draft = await drafted.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Contains(draft.GetProperty("works").EnumerateArray(), w => w.GetProperty("title").GetString() == "Parasite (기생충)");
        Assert.Contains(draft.GetProperty("works").EnumerateArray(), w => w.GetProperty("title").GetString() == title);
        // The text says which locations were captured and which were not; it never claims more.
        var body = draft.GetProperty("body").GetString()!;
        Assert.DoesNotContain("each location was captured", body, StringComparison.Ordinal);
        Assert.Contains($"{uncaptured}: not captured", body, StringComparison.Ordinal);
        Assert.Contains($"{subdomain}: not captured", body, StringComparison.Ordinal);
        Assert.DoesNotContain($"{captured}: not captured", body, StringComparison.Ordinal);
        Assert.Equal(2, draft.GetProperty("warnings").GetArrayLength());
        // The draft stays within the organisation unless the drafter says otherwise.
        Assert.Equal("AMBER+STRICT", draft.GetProperty("tlp").GetString());
        var id = draft.GetProperty("id").GetGuid();

        // Withdrawn before it is sent: with the reason, kept on record, and it can no longer be approved or sent.
        var reasonless = await fixture.Analyst.PostAsync($"/api/v1/notices/{id}/withdraw", Json("{}"), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, reasonless.StatusCode);
        Assert.True((await reasonless.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").TryGetProperty("reason", out _));
        Assert.Equal(HttpStatusCode.Forbidden, (await fixture.Viewer.PostAsync($"/api/v1/notices/{id}/withdraw", Json("""{"reason":"no"}"""), Ct)).StatusCode);
        var withdrawn = await fixture.Analyst.PostAsync($"/api/v1/notices/{id}/withdraw", Json("""{"reason":"the rights holder licensed the site meanwhile"}"""), Ct);
        Assert.Equal(HttpStatusCode.OK, withdrawn.StatusCode);
        var view = await withdrawn.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("withdrawn", view.GetProperty("state").GetString());
        Assert.Equal("the rights holder licensed the site meanwhile", view.GetProperty("outcomeNote").GetString());
        Assert.Equal("analyst@studio.test", view.GetProperty("withdrawnBy").GetString());
        var approve = await (await fixture.ApproverAsync()).PostAsync($"/api/v1/notices/{id}/approve", null, Ct);
        Assert.Equal(HttpStatusCode.Conflict, approve.StatusCode);
        var send = await fixture.Analyst.PostAsync($"/api/v1/notices/{id}/send", null, Ct);
        Assert.Contains("withdrawn", await send.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, (await fixture.Analyst.PostAsync($"/api/v1/notices/{id}/withdraw", Json("""{"reason":"again"}"""), Ct)).StatusCode);
        var listed = await fixture.Analyst.GetFromJsonAsync<JsonElement>("/api/v1/notices?state=withdrawn", Ct);
        Assert.Contains(listed.GetProperty("items").EnumerateArray(), n => n.GetProperty("id").GetGuid() == id);
    }

    [Fact]
    public async Task Other_organisations_records_stay_within_their_TLP_and_approval_signs_the_text_that_was_read()
    {
        Require();
        var (platform, domain, captured, _, _) = await ArrangeAsync();
        var other = await fixture.App.MemberAsync($"analyst-{Unique}@label.test", $"Label {Unique}", OrganisationKind.RightsHolder, MemberRole.Analyst);
        Guid amberWork, redWork;
        await using (var db = fixture.App.SystemDb())
        {
            Work Work(string title, Tlp tlp) => new()
            {
                ExternalId = $"X-{Unique}", Kind = WorkKind.Film, Tlp = tlp, OwnerOrganisationId = other.Member.OrganisationId,
                Titles = [new WorkTitle { Text = title, Language = "en", Position = 0 }], CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow,
            };
            var amberOne = Work("Shared at AMBER", Tlp.Amber);
            var redOne = Work("Shared in person at RED", Tlp.Red);
            db.Works.AddRange(amberOne, redOne);
            db.Shares.Add(new RecordShare { RecordKind = "work", RecordId = amberOne.Id, OwnerOrganisationId = other.Member.OrganisationId, OrganisationId = fixture.AnalystMember.OrganisationId });
            db.Shares.Add(new RecordShare { RecordKind = "work", RecordId = redOne.Id, OwnerOrganisationId = other.Member.OrganisationId, MemberId = fixture.AnalystMember.Id });
            await db.SaveChangesAsync(Ct);
            (amberWork, redWork) = (amberOne.Id, redOne.Id);
        }
        // Another organisation's RED record, shared with one person, cannot go into the organisation's notice.
        var red = await fixture.Analyst.PostAsync("/api/v1/notices",
            Json($$"""{"platformId":"{{platform}}","recipient":"abuse@host.test","basis":"dmca","urls":["{{captured}}"],"workIds":["{{redWork}}"]}"""), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, red.StatusCode);
        Assert.Contains("TLP:RED record", await red.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        // Its AMBER record makes the notice AMBER+STRICT: it stays within the organisation it was shared with.
        var amber = await fixture.Analyst.PostAsync("/api/v1/notices",
            Json($$"""{"platformId":"{{platform}}","recipient":"abuse@host.test","basis":"dmca","urls":["{{captured}}"],"workIds":["{{amberWork}}"]}"""), Ct);
        Assert.Equal(HttpStatusCode.Created, amber.StatusCode);
        Assert.Equal("AMBER+STRICT", (await amber.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("tlp").GetString());
        var tooMany = await fixture.Analyst.PostAsync("/api/v1/notices",
            Json($$"""{"platformId":"{{platform}}","recipient":"abuse@host.test","basis":"dmca","urls":["{{captured}}"],"workIds":{{JsonSerializer.Serialize(Enumerable.Range(0, 201).Select(_ => Guid.NewGuid().ToString()))}}}"""), Ct);
        Assert.Equal("at most 200 works in one notice", (await tooMany.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").GetProperty("workIds")[0].GetString());
        var forged = await fixture.Analyst.PostAsync("/api/v1/notices",
            Json($$"""{"platformId":"{{platform}}","recipient":"abuse@host.test","recipientName":"Desk\n\nPlease ignore the above","basis":"dmca","urls":["{{captured}}"]}"""), Ct);
        Assert.True((await forged.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").TryGetProperty("recipientName", out _));

        // A notice shared with the other organisation (and its platform too, else the notice stays hidden with it): it may
        // read it, never follow it up into a record of its own.
        Assert.Equal(HttpStatusCode.OK, (await fixture.Analyst.PutAsync($"/api/v1/platforms/{platform}",
            Json($$$"""{"sharedWith":{"organisations":["{{{other.Member.OrganisationId}}}"],"members":[]}}"""), Ct)).StatusCode);
        var shared = await fixture.Analyst.PostAsync("/api/v1/notices",
            Json($$$"""{"platformId":"{{{platform}}}","recipient":"abuse@host.test","basis":"dmca","urls":["{{{captured}}}"],"sharedWith":{"organisations":["{{{other.Member.OrganisationId}}}"],"members":[]}}"""), Ct);
        var sharedId = (await shared.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
        var otherClient = fixture.App.ClientWithToken(other.Token);
        Assert.Equal(HttpStatusCode.OK, (await otherClient.GetAsync($"/api/v1/notices/{sharedId}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await otherClient.PostAsync($"/api/v1/notices/{sharedId}/follow-up", null, Ct)).StatusCode);

        // The platform renamed between the draft and its approval: what is approved is the text that was read, signed.
        var draft = await DraftAsync(fixture.Analyst, platform, "dmca", captured);
        var id = draft.GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await fixture.Analyst.PutAsync($"/api/v1/platforms/{platform}", Json("""{"name":"Renamed meanwhile"}"""), Ct)).StatusCode);
        var approved = await (await (await fixture.ApproverAsync()).PostAsync($"/api/v1/notices/{id}/approve", null, Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(draft.GetProperty("body").GetString()!.Replace("(signed on approval)", "approver@studio.test", StringComparison.Ordinal), approved.GetProperty("body").GetString());
        Assert.Equal(draft.GetProperty("subject").GetString(), approved.GetProperty("subject").GetString());
        _ = domain;
    }

    [Fact]
    public async Task The_effect_is_tracked_from_monitoring_and_a_hop_to_a_successor_proposes_the_same_notice_there()
    {
        Require();
        var (platform, domain, captured, _, title) = await ArrangeAsync();
        var id = (await DraftAsync(fixture.Analyst, platform, "dsa", captured)).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await (await fixture.ApproverAsync()).PostAsync($"/api/v1/notices/{id}/approve", null, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await fixture.Analyst.PostAsync($"/api/v1/notices/{id}/follow-up", null, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await fixture.Analyst.PostAsync($"/api/v1/notices/{id}/send", null, Ct)).StatusCode);
        var before = await fixture.Analyst.GetFromJsonAsync<JsonElement>($"/api/v1/notices/{id}", Ct);
        Assert.Equal(0, before.GetProperty("effect").GetProperty("urlsGone").GetInt32());

        // Monitoring runs after the notice: the listing is not seen again, the domain goes dark, the site hops.
        var successor = $"toonkor-next-{Unique}.test";
        await using (var db = fixture.App.SystemDb())
        {
            var now = DateTimeOffset.UtcNow.AddMinutes(1);
            var p = await db.Platforms.SingleAsync(x => x.Id == platform, Ct);
            p.Domains.Single(d => d.Name == domain).DarkSince = now;
            p.Domains.Add(new Isop.Platforms.PlatformDomain { Name = successor, FirstSeen = now, Discovered = true });
            var run = new CrawlRun { PlatformId = platform, StartedAt = now, FinishedAt = now.AddMinutes(2), Status = CrawlRunStatus.Completed, EvidenceFolder = "x" };
            db.CrawlRuns.Add(run);
            db.DomainSuccessions.Add(new DomainSuccession { PlatformId = platform, FromDomain = domain, ToDomain = successor, Via = SuccessionVia.Redirect, At = now, RunId = run.Id, Evidence = "[]" });
            await db.SaveChangesAsync(Ct);
        }
        var after = (await fixture.Analyst.GetFromJsonAsync<JsonElement>($"/api/v1/notices/{id}", Ct)).GetProperty("effect");
        Assert.Equal(1, after.GetProperty("urlsGone").GetInt32());
        Assert.Equal([domain], after.GetProperty("darkDomains").EnumerateArray().Select(d => d.GetString()));
        Assert.Equal(successor, Assert.Single(after.GetProperty("successors").EnumerateArray()).GetProperty("toDomain").GetString());

        var followUp = await fixture.Analyst.PostAsync($"/api/v1/notices/{id}/follow-up", null, Ct);
        Assert.Equal(HttpStatusCode.Created, followUp.StatusCode);
        var proposed = await followUp.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("drafted", proposed.GetProperty("state").GetString());
        Assert.Equal(id, proposed.GetProperty("followUpOf").GetGuid());
        Assert.Equal(captured.Replace(domain, successor, StringComparison.Ordinal), Assert.Single(proposed.GetProperty("urls").EnumerateArray()).GetString());
        Assert.Equal(title, proposed.GetProperty("works")[0].GetProperty("title").GetString());
        Assert.Equal("dsa", proposed.GetProperty("basis").GetString());
    }
}

public sealed class SqliteNoticeApiTests(SqliteNoticeApp app) : NoticeApiTests(app), IClassFixture<SqliteNoticeApp>;

public sealed class PostgresNoticeApiTests(PostgresNoticeApp app) : NoticeApiTests(app), IClassFixture<PostgresNoticeApp>;

/// <summary>A server with no SMTP server configured says so, and the notice stays approved.</summary>
public sealed class NoticeWithoutSmtpTests(SqliteApp fixture) : IClassFixture<SqliteApp>
{
    [Fact]
    public async Task Sending_without_an_SMTP_server_is_refused_with_the_settings_named_and_loses_nothing()
    {
        var ct = TestContext.Current.CancellationToken;
        var created = await fixture.Analyst.PostAsync("/api/v1/platforms",
            new StringContent("""{"name":"Nosmtp","kind":"streaming-site","domains":["nosmtp.test"]}""", Encoding.UTF8, "application/json"), ct);
        var platform = (await created.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetGuid();
        var draft = await fixture.Analyst.PostAsync("/api/v1/notices",
            new StringContent($$"""{"platformId":"{{platform}}","recipient":"abuse@host.test","basis":"dmca","urls":["https://nosmtp.test/x"]}""", Encoding.UTF8, "application/json"), ct);
        var id = (await draft.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetGuid();
        var approver = await fixture.App.MemberAsync("second@studio.test", "Studio", OrganisationKind.RightsHolder, MemberRole.Analyst);
        Assert.Equal(HttpStatusCode.OK, (await fixture.App.ClientWithToken(approver.Token).PostAsync($"/api/v1/notices/{id}/approve", null, ct)).StatusCode);
        var send = await fixture.Analyst.PostAsync($"/api/v1/notices/{id}/send", null, ct);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, send.StatusCode);
        Assert.Contains("Isop__Smtp__Host", await send.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
        Assert.Equal("approved", (await fixture.Analyst.GetFromJsonAsync<JsonElement>($"/api/v1/notices/{id}", ct)).GetProperty("state").GetString());
    }
}
