using System.Diagnostics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Isop.Cases;
using Isop.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Isop.Tests.Cases;

/// <summary>
/// A real RFC 3161 time-stamp authority on a loopback port: OpenSSL's <c>openssl ts -reply</c> behind a small HTTP
/// server, with a test CA and a TSA certificate (critical timeStamping EKU) made here. Beside <c>/tsa</c> it has
/// authorities that fail: <c>/error</c> (HTTP 503), <c>/garbage</c> (an answer that is no token) and <c>/silent</c>
/// (never answers). Without openssl the tests that need it are skipped with the reason, or fail under CI.
/// </summary>
public sealed class LoopbackTimestampAuthority : IAsyncLifetime
{
    private const string Openssl = "/usr/bin/openssl";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly TemporaryFolder _folder = new();
    private readonly SemaphoreSlim _one = new(1, 1);
    private WebApplication? _server;
    private Uri _base = null!;

    public X509Certificate2 Authority { get; private set; } = null!;
    public X509Certificate2 Root { get; private set; } = null!;
    public string RootPath => Path.Combine(_folder.Path, "ca.cert.pem");
    public Uri Url => new(_base, "tsa");
    public Uri Failing => new(_base, "error");
    public Uri Garbage => new(_base, "garbage");
    public Uri Silent => new(_base, "silent");
    public HttpClient Http { get; } = new();

    public static string? Unavailable { get; } = File.Exists(Openssl) ? null : $"{Openssl} is not installed (Debian package openssl): the time-stamp tests need a real TSA.";

    public void Require()
    {
        if (Unavailable is null) return;
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI"))) Assert.Fail(Unavailable);
        Assert.Skip(Unavailable);
    }

    /// <summary>A token from this authority over <paramref name="data"/>.</summary>
    public Task<byte[]> StampAsync(byte[] data, CancellationToken ct) => TimestampClient.RequestAsync(Url, data, Http, ct);

    public async ValueTask InitializeAsync()
    {
        if (Unavailable is not null) return;
        MakeCertificates();
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = _folder.Path, EnvironmentName = "Production" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapPost("/tsa", Reply);
        app.MapPost("/error", () => Results.Text("the signing module is offline", statusCode: StatusCodes.Status503ServiceUnavailable));
        app.MapPost("/garbage", () => Results.Bytes("<html>no token here</html>"u8.ToArray(), "application/timestamp-reply"));
        app.MapPost("/silent", async (CancellationToken ct) =>
        {
            await Task.Delay(Timeout.Infinite, ct);
            return Results.Ok();
        });
        await app.StartAsync(TestContext.Current.CancellationToken);
        _server = app;
        _base = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/");
    }

    private async Task<IResult> Reply(HttpRequest request, CancellationToken ct)
    {
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, ct);
        // openssl keeps the serial number in a file: one reply at a time.
        await _one.WaitAsync(ct);
        try
        {
            var query = Path.Combine(_folder.Path, "query.tsq");
            var reply = Path.Combine(_folder.Path, "reply.tsr");
            await File.WriteAllBytesAsync(query, body.ToArray(), ct);
            File.Delete(reply);
            var (code, output) = await RunAsync(Openssl, ["ts", "-reply", "-config", Path.Combine(_folder.Path, "tsa.cnf"), "-queryfile", query, "-out", reply], ct);
            if (code != 0) return Results.Text($"openssl ts -reply failed (exit {code}): {output}", statusCode: 500);
            return Results.Bytes(await File.ReadAllBytesAsync(reply, ct), "application/timestamp-reply");
        }
        finally
        {
            _one.Release();
        }
    }

    /// <summary>Runs a program with an explicit time limit; its exit code and everything it printed.</summary>
    public static async Task<(int Code, string Output)> RunAsync(string program, IEnumerable<string> arguments, CancellationToken ct)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(Patience);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        return (process.ExitCode, await stdout + await stderr);
    }

    private void MakeCertificates()
    {
        var now = DateTimeOffset.UtcNow;
        using var rootKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var rootRequest = new CertificateRequest("CN=Isop Test Time-Stamp Root, O=Isop Tests", rootKey, HashAlgorithmName.SHA256);
        rootRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, critical: true));
        rootRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, critical: true));
        rootRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(rootRequest.PublicKey, critical: false));
        Root = rootRequest.CreateSelfSigned(now.AddDays(-1), now.AddYears(5));

        using var tsaKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var tsaRequest = new CertificateRequest("CN=Isop Test TSA, O=Isop Tests, C=KR", tsaKey, HashAlgorithmName.SHA256);
        tsaRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, critical: true));
        tsaRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation, critical: true));
        // RFC 3161 §2.3: the authority's certificate has exactly one extended key usage, timeStamping, critical.
        tsaRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.8")], critical: true));
        tsaRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(tsaRequest.PublicKey, critical: false));
        Authority = tsaRequest.Create(Root, now.AddHours(-1), now.AddYears(2), RandomNumberGenerator.GetBytes(12));

        File.WriteAllText(RootPath, Root.ExportCertificatePem());
        File.WriteAllText(Path.Combine(_folder.Path, "tsa.cert.pem"), Authority.ExportCertificatePem());
        File.WriteAllText(Path.Combine(_folder.Path, "tsa.key.pem"), tsaKey.ExportPkcs8PrivateKeyPem());
        File.WriteAllText(Path.Combine(_folder.Path, "serial"), "01\n");
        File.WriteAllText(Path.Combine(_folder.Path, "tsa.cnf"), $"""
            [ tsa ]
            default_tsa = isop_test_tsa

            [ isop_test_tsa ]
            dir = {_folder.Path}
            serial = $dir/serial
            crypto_device = builtin
            signer_cert = $dir/tsa.cert.pem
            certs = $dir/ca.cert.pem
            signer_key = $dir/tsa.key.pem
            signer_digest = sha256
            default_policy = 1.3.6.1.4.1.99999.1
            digests = sha256, sha384, sha512
            accuracy = secs:1
            ordering = yes
            tsa_name = yes
            ess_cert_id_chain = no
            ess_cert_id_alg = sha256
            """);
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
        Http.Dispose();
        _one.Dispose();
        Authority?.Dispose();
        Root?.Dispose();
        _folder.Dispose();
    }
}
