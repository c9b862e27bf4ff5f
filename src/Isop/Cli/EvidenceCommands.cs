using System.CommandLine;
using System.Security.Cryptography.X509Certificates;
using Isop.Cases;
using Isop.Crawling.Warc;
using Isop.Data;

namespace Isop.Cli;

/// <summary><c>isop warc verify</c>: structure and digests of WARC files, one report per file; <c>isop evidence export|verify</c>: a case's evidence package.</summary>
internal static class EvidenceCommands
{
    /// <summary>A file is not valid WARC, or a digest does not match: the evidence cannot be trusted.</summary>
    public const int Invalid = 2;

    /// <summary>A file could not be read (missing, a folder, no permission); nothing is said about its content.</summary>
    public const int Unreadable = 3;

    public static Command Warc(Option<bool> jsonOption, TextWriter stdout, TextWriter stderr)
    {
        var files = new Argument<FileInfo[]>("FILE") { Description = "WARC files (.warc or .warc.gz).", Arity = ArgumentArity.OneOrMore };
        var verify = new Command("verify", $"Check WARC files: record structure and every block and payload digest; exit code {Invalid} if any problem, {Unreadable} if a file could not be read.");
        verify.Arguments.Add(files);
        verify.SetAction(async (r, ct) =>
        {
            var output = new Output(r.GetValue(jsonOption), stdout, stderr);
            int broken = 0, unreadable = 0;
            foreach (var file in r.GetValue(files)!)
            {
                ct.ThrowIfCancellationRequested();
                WarcVerification result;
                try
                {
                    if (Directory.Exists(file.FullName)) throw new IOException("is a folder, not a file");
                    if (!file.Exists) throw new FileNotFoundException("no such file");
                    await using var stream = file.OpenRead();
                    result = WarcVerifier.Verify(stream);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // Not evidence of tampering: the file could not be read at all.
                    output.Error($"{file}: could not be read: {(e is FileNotFoundException ? "no such file" : e.Message)}");
                    unreadable++;
                    continue;
                }
                if (!result.Valid) broken++;
                if (output.Json)
                {
                    output.WriteJson(new
                    {
                        file = file.ToString(), valid = result.Valid, records = result.Records, digests = result.DigestsChecked,
                        problems = result.Problems.Select(p => new { offset = p.Offset, record = p.RecordId, message = p.Message }),
                    });
                }
                else
                {
                    await stdout.WriteLineAsync($"{file}: {(result.Valid ? "valid" : "INVALID")} — {result.Records} records, {result.DigestsChecked} digests checked");
                    foreach (var p in result.Problems) await stdout.WriteLineAsync($"  at byte {p.Offset} {p.RecordId}: {p.Message}");
                }
            }
            return broken > 0 ? Invalid : unreadable > 0 ? Unreadable : 0;
        });
        var warc = new Command("warc", "WARC evidence files.");
        warc.Subcommands.Add(verify);
        return warc;
    }

    public static Command Evidence(TextWriter stdout, TextWriter stderr)
    {
        var caseOption = new Option<Guid>("--case") { Description = "The case whose evidence is packaged.", Required = true };
        var outOption = new Option<FileInfo>("--out") { Description = "The package to write (a ZIP).", Required = true };
        var org = new Option<string?>("--org") { Description = "The organisation that exports and signs (default: the first organisation)." };
        var tsa = new Option<string?>("--tsa") { Description = "An RFC 3161 time-stamp authority's URL (default: Isop:Evidence:TimestampAuthority, environment Isop__Evidence__TimestampAuthority)." };
        var noPdf = new Option<bool>("--no-pdf") { Description = "Leave the PDF report out (it is printed by headless Chromium)." };
        var chromium = new Option<string?>("--chromium") { Description = "The Chromium to print the PDF with (default: /usr/bin/chromium)." };
        var export = new Command("export", "Write a case's evidence package: its WARC records, the chain of custody, a report (HTML and PDF), and the signed, time-stamped manifest.");
        foreach (var o in new Option[] { caseOption, outOption, org, tsa, noPdf, chromium }) export.Options.Add(o);
        export.SetAction(async (r, ct) =>
        {
            var output = IsopCommand.OutputOf(r, stdout, stderr);
            return await IsopCommand.Guard(output, async () =>
            {
                var authority = r.GetValue(tsa) ?? Environment.GetEnvironmentVariable("Isop__Evidence__TimestampAuthority");
                Uri? tsaUri = null;
                if (!string.IsNullOrWhiteSpace(authority) && (!Uri.TryCreate(authority, UriKind.Absolute, out tsaUri) || tsaUri.Scheme is not ("http" or "https")))
                    throw new ArgumentException($"--tsa: expected an http or https URL, got \"{authority}\"");
                var (_, scope) = await SharingCommands.OrganisationScopeAsync(r, org, ct);
                await using var _s = scope;
                var data = Path.GetFullPath(r.GetValue(IsopCommand.Data)!);
                var settings = new CaseExportSettings(Path.Combine(data, "evidence"), scope.Get<DatabaseSettings>().KeysDirectory ?? Path.Combine(data, "keys"), tsaUri,
                    new ChromiumPdf(r.GetValue(chromium)));
                using var http = new HttpClient();
                var exporter = new CaseExport(scope.Db, scope.Get<CaseReads>(), settings, http);
                var file = r.GetValue(outOption)!;
                var temporary = file.FullName + ".partial";
                CaseExport.Result? result;
                try
                {
                    await using (var stream = File.Create(temporary))
                        result = await exporter.WriteAsync(r.GetValue(caseOption), stream, !r.GetValue(noPdf), ct, new Progress<string>(m => stderr.WriteLine(m)));
                    if (result is null) throw new ArgumentException($"--case: no case {r.GetValue(caseOption)} that this organisation may read");
                    File.Move(temporary, file.FullName, overwrite: true);
                }
                finally
                {
                    // A package half written is no package: nothing is left behind under the name asked for.
                    if (File.Exists(temporary)) File.Delete(temporary);
                }
                if (output.Json)
                    output.WriteJson(new { file = file.FullName, records = result.Records, files = result.Package.Manifest.Files.Count, timestamped = result.Package.Timestamp is not null, missing = result.Missing });
                else
                {
                    await stdout.WriteLineAsync($"{file.Name}: {result.Records} WARC records in {result.Package.Manifest.Files.Count} files, signed{(result.Package.Timestamp is null ? "" : " and time-stamped")}.");
                    foreach (var m in result.Missing) await stdout.WriteLineAsync($"  missing: {m}");
                }
                return 0;
            });
        });

        var package = new Argument<FileInfo>("PACKAGE") { Description = "An evidence package (ZIP)." };
        var trust = new Option<FileInfo?>("--trust") { Description = "The signer's certificate (PEM or DER) the package must be signed with." };
        var verify = new Command("verify", $"Check an evidence package offline: every file against the manifest, the signature, the time-stamp and the WARC digests; exit code {Invalid} names what was altered, added or removed.");
        verify.Arguments.Add(package);
        verify.Options.Add(trust);
        verify.SetAction(async (r, ct) =>
        {
            var output = IsopCommand.OutputOf(r, stdout, stderr);
            var file = r.GetValue(package)!;
            X509Certificate2? trusted = null;
            if (r.GetValue(trust) is { } certificate)
            {
                // PEM or DER, as the organisation handed it over.
                try { trusted = X509CertificateLoader.LoadCertificate(await File.ReadAllBytesAsync(certificate.FullName, ct)); }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
                {
                    output.Error($"--trust {certificate}: not a readable certificate (PEM or DER): {e.Message}");
                    return Unreadable;
                }
            }
            PackageVerification result;
            try
            {
                if (!file.Exists) throw new FileNotFoundException("no such file");
                await using var stream = file.OpenRead();
                result = EvidencePackage.Verify(stream, new VerifyOptions { TrustedSigner = trusted }, ct);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                output.Error($"{file}: could not be read: {(e is FileNotFoundException ? "no such file" : e.Message)}");
                return Unreadable;
            }
            if (output.Json)
            {
                output.WriteJson(new
                {
                    file = file.ToString(), valid = result.Valid, files = result.FilesVerified, signer = result.Signer, timestamp = result.Timestamp,
                    problems = result.Problems.Select(p => new { kind = p.Kind.ToString(), path = p.Path, message = p.Message }),
                });
            }
            else
            {
                await stdout.WriteLineAsync($"{file}: {(result.Valid ? "valid" : "INVALID")} — {result.FilesVerified} files verified");
                if (result.Signer is { } s) await stdout.WriteLineAsync($"  signed by {s.Subject} (SHA-256 {s.Sha256Fingerprint})");
                if (result.Timestamp is { } t) await stdout.WriteLineAsync($"  time-stamped {t.Time:u} by {t.Authority}, serial {t.SerialNumber}");
                foreach (var p in result.Problems) await stdout.WriteLineAsync($"  {p}");
            }
            return result.Valid ? 0 : Invalid;
        });
        var evidence = new Command("evidence", "Evidence packages of cases: write them, and check them offline.");
        evidence.Subcommands.Add(export);
        evidence.Subcommands.Add(verify);
        return evidence;
    }
}
