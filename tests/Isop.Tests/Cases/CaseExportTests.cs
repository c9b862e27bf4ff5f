using System.IO.Compression;
using System.Text.Json;
using Isop.Access;
using Isop.Cases;
using Isop.Data;
using Isop.Monitoring;
using Isop.Range;
using Isop.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Isop.Tests.Cases;

/// <summary>
/// A case's evidence package from real monitoring of the range: its WARC records copied unchanged with their custody,
/// the report in HTML and PDF, a signed manifest that verifies offline, and tampering named precisely.
/// </summary>
public sealed class CaseExportTests(SqliteApp fixture) : IClassFixture<SqliteApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_case_package_holds_its_evidence_and_custody_verifies_offline_and_names_what_was_tampered_with()
    {
        var world = RangeWorld.Create(21, 1);
        await using var range = await RangeHost.StartAsync(world, RangeWorld.Days - 1, cancellation: Ct);
        var registration = await RangeRegistration.CreateAsync(fixture.App, range, "Case export", new RangeMonitoring(Enabled: false, DelayMs: 0, PerHost: 4, MaxPages: 200, MaxDepth: 2), Ct);
        var runner = fixture.App.Services.GetRequiredService<MonitorRunner>();
        await using var system = fixture.App.SystemDb();
        // The first platform whose run captured listings.
        Guid platform = Guid.Empty;
        foreach (var id in registration.Platforms)
        {
            await runner.RunAsync(id, Ct);
            if (await system.Observations.AnyAsync(o => o.PlatformId == id && o.WarcFile != null, Ct)) { platform = id; break; }
        }
        Assert.NotEqual(Guid.Empty, platform);

        var caller = Caller.ForOrganisation(registration.Organisation, "analyst@case.test");
        await using var db = DataServices.CreateContext(fixture.App.Database.Settings, caller, TimeProvider.System);
        var writes = new CaseWrites(db, new IsopDbFactory(fixture.App.Database.Settings, TimeProvider.System));
        var record = await writes.CreateAsync(new CaseInput { Title = "사랑의 불시착 leaks", Summary = "Release group seen on the range.", Tlp = Tlp.Amber }, Ct);
        var attached = await writes.AttachEvidenceAsync(record.Id, platform, null, null, Ct);
        Assert.True(attached > 0);
        Assert.Equal(0, await writes.AttachEvidenceAsync(record.Id, platform, null, null, Ct));

        var keys = Path.Combine(fixture.App.Database.DataDirectory, "keys");
        var settings = new CaseExportSettings(Path.Combine(fixture.App.Database.DataDirectory, "evidence"), keys, null, new ChromiumPdf());
        using var http = new HttpClient();
        var export = new CaseExport(db, new CaseReads(db), settings, http);
        using var package = new MemoryStream();
        var result = await export.WriteAsync(record.Id, package, pdf: File.Exists("/usr/bin/chromium"), Ct);
        Assert.NotNull(result);
        Assert.Equal(attached, result.Records);
        Assert.Empty(result.Missing);

        var bytes = package.ToArray();
        var clean = EvidencePackage.Verify(new MemoryStream(bytes), null, Ct);
        Assert.True(clean.Valid, string.Join("\n", clean.Problems));
        Assert.NotNull(clean.Signer);
        using (var zip = new ZipArchive(new MemoryStream(bytes)))
        {
            var names = zip.Entries.Select(e => e.FullName).ToList();
            Assert.Contains("custody.json", names);
            Assert.Contains("report.html", names);
            if (File.Exists("/usr/bin/chromium")) Assert.Contains("report.pdf", names);
            var warc = Assert.Single(names, n => n.StartsWith("evidence/", StringComparison.Ordinal));
            using var custody = JsonDocument.Parse(zip.GetEntry("custody.json")!.Open());
            var records = custody.RootElement.GetProperty("records").EnumerateArray().ToList();
            Assert.Equal(attached, records.Count);
            Assert.All(records, r =>
            {
                Assert.Equal(warc, r.GetProperty("file").GetString());
                Assert.StartsWith("127.", r.GetProperty("ipAddress").GetString());
                Assert.StartsWith("Isop/", r.GetProperty("software").GetString());
                Assert.Equal("response", r.GetProperty("type").GetString());
            });
            Assert.Equal("analyst@case.test", custody.RootElement.GetProperty("export").GetProperty("exportedBy").GetString());
            // The records inside are the captured ones, digests and all.
            using var inner = new MemoryStream();
            using (var entry = zip.GetEntry(warc)!.Open()) await entry.CopyToAsync(inner, Ct);
            inner.Position = 0;
            Assert.True(Isop.Crawling.Warc.WarcVerifier.Verify(inner).Valid);
            var html = new StreamReader(zip.GetEntry("report.html")!.Open()).ReadToEnd();
            Assert.Contains("사랑의 불시착 leaks", html, StringComparison.Ordinal);
            Assert.DoesNotContain("src=\"http", html, StringComparison.Ordinal);
        }

        // One byte flipped in the evidence: that file is named as altered, and its WARC record as broken.
        var altered = Rewrite(bytes, (name, content) => name.StartsWith("evidence/", StringComparison.Ordinal) ? Flip(content) : content);
        var problems = EvidencePackage.Verify(new MemoryStream(altered), null, Ct).Problems;
        Assert.Contains(problems, p => p.Kind == PackageProblemKind.Altered && p.Path.StartsWith("evidence/", StringComparison.Ordinal));
        // The report removed, a file added.
        var removed = Rewrite(bytes, (name, content) => name == "report.html" ? null : content);
        Assert.Contains(EvidencePackage.Verify(new MemoryStream(removed), null, Ct).Problems, p => p.Kind == PackageProblemKind.Removed && p.Path == "report.html");
        var added = Rewrite(bytes, (name, content) => content, ("notes.txt", "added later"u8.ToArray()));
        Assert.Contains(EvidencePackage.Verify(new MemoryStream(added), null, Ct).Problems, p => p.Kind == PackageProblemKind.Added && p.Path == "notes.txt");
    }

    private static byte[] Flip(byte[] content)
    {
        var copy = (byte[])content.Clone();
        copy[copy.Length / 2] ^= 0x01;
        return copy;
    }

    private static byte[] Rewrite(byte[] package, Func<string, byte[], byte[]?> change, (string Name, byte[] Content)? extra = null)
    {
        using var output = new MemoryStream();
        using (var source = new ZipArchive(new MemoryStream(package)))
        using (var target = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in source.Entries)
            {
                using var read = new MemoryStream();
                using (var s = entry.Open()) s.CopyTo(read);
                if (change(entry.FullName, read.ToArray()) is not { } content) continue;
                using var w = target.CreateEntry(entry.FullName).Open();
                w.Write(content);
            }
            if (extra is { } e)
            {
                using var w = target.CreateEntry(e.Name).Open();
                w.Write(e.Content);
            }
        }
        return output.ToArray();
    }
}
