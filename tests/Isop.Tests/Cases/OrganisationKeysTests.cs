using System.Security.Cryptography.X509Certificates;
using Isop.Cases;
using Isop.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Isop.Tests.Cases;

public sealed class OrganisationKeysTests
{
    private static readonly Guid Studio = Guid.Parse("0b5c2d4e-8f1a-4c3b-9d2e-7a6f5e4d3c2b");
    private static readonly DateTimeOffset Now = new(2026, 5, 4, 9, 30, 0, TimeSpan.Zero);

    [Fact]
    public void The_first_use_creates_a_P256_key_and_a_ten_year_self_signed_certificate_named_after_the_organisation()
    {
        using var folder = new TemporaryFolder();
        var keys = OrganisationKeys.Open(Path.Combine(folder.Path, "keys"), new FakeTimeProvider(Now));
        var signer = keys.SignerFor(Studio, "스튜디오 드래곤", "kr");

        var certificate = signer.Certificate;
        Assert.Equal("CN=스튜디오 드래곤, O=스튜디오 드래곤, C=KR", certificate.Subject);
        Assert.Equal(certificate.Subject, certificate.Issuer);
        Assert.Equal(Now + OrganisationKeys.Validity, new DateTimeOffset(certificate.NotAfter.ToUniversalTime()));
        Assert.True(certificate.NotBefore.ToUniversalTime() <= Now.UtcDateTime);
        using var key = certificate.GetECDsaPrivateKey()!;
        Assert.Equal(256, key.KeySize);
        Assert.Equal("1.2.840.10045.3.1.7", key.ExportParameters(false).Curve.Oid.Value);
    }

    [Fact]
    public void Keys_are_kept_as_PEM_files_readable_by_their_owner_only()
    {
        using var folder = new TemporaryFolder();
        var path = Path.Combine(folder.Path, "keys");
        OrganisationKeys.Open(path).SignerFor(Studio, "Studio Dragon", null);

        var files = Directory.GetFiles(path).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal([$"org-{Studio:N}.cert.pem", $"org-{Studio:N}.key.pem"], files);
        Assert.StartsWith("-----BEGIN PRIVATE KEY-----", File.ReadAllText(Path.Combine(path, files[1]!)), StringComparison.Ordinal);
        Assert.StartsWith("-----BEGIN CERTIFICATE-----", File.ReadAllText(Path.Combine(path, files[0]!)), StringComparison.Ordinal);
        if (OperatingSystem.IsWindows()) return;
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(path));
        foreach (var file in files) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(path, file!)));
    }

    [Fact]
    public void Opened_again_the_organisation_signs_with_the_same_key_and_certificate()
    {
        using var folder = new TemporaryFolder();
        var first = OrganisationKeys.Open(folder.Path).SignerFor(Studio, "Studio Dragon", null);
        var again = OrganisationKeys.Open(folder.Path).SignerFor(Studio, "Studio Dragon", null);
        Assert.Equal(first.Certificate.Thumbprint, again.Certificate.Thumbprint);
        Assert.NotEqual(first.Certificate.Thumbprint, OrganisationKeys.Open(folder.Path).SignerFor(Guid.NewGuid(), "Other", null).Certificate.Thumbprint);
    }

    [Fact]
    public void The_exported_certificate_has_no_private_key_and_verifies_what_the_signer_signed()
    {
        using var folder = new TemporaryFolder();
        var keys = OrganisationKeys.Open(folder.Path);
        var signer = keys.SignerFor(Studio, "Studio Dragon", "KR");
        using var certificate = keys.CertificateFor(Studio, "Studio Dragon", "KR");
        Assert.False(certificate.HasPrivateKey);
        Assert.Equal(signer.Certificate.Thumbprint, certificate.Thumbprint);
        Assert.StartsWith("-----BEGIN CERTIFICATE-----", keys.CertificatePemFor(Studio, "Studio Dragon", "KR"), StringComparison.Ordinal);
        var cms = new System.Security.Cryptography.Pkcs.SignedCms(new System.Security.Cryptography.Pkcs.ContentInfo("manifest"u8.ToArray()), detached: true);
        cms.Decode(signer.Sign("manifest"u8.ToArray(), Now));
        cms.CheckSignature(new X509Certificate2Collection(certificate), verifySignatureOnly: true);
    }

    [Fact]
    public async Task Two_processes_racing_on_the_first_use_keep_one_key()
    {
        using var folder = new TemporaryFolder();
        using var start = new Barrier(4);
        var racers = Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            var keys = OrganisationKeys.Open(folder.Path);
            start.SignalAndWait(TestContext.Current.CancellationToken);
            return keys.SignerFor(Studio, "Studio Dragon", null).Certificate.Thumbprint;
        }, TestContext.Current.CancellationToken));
        var thumbprints = await Task.WhenAll(racers);
        Assert.Single(thumbprints.Distinct());
        Assert.Equal(2, Directory.GetFiles(folder.Path).Length);
    }

    [Theory]
    [InlineData("Korea")]
    [InlineData("K")]
    [InlineData("1R")]
    public void A_country_that_is_not_two_letters_is_refused(string country)
    {
        using var folder = new TemporaryFolder();
        var e = Assert.Throws<ArgumentException>(() => OrganisationKeys.Open(folder.Path).SignerFor(Studio, "Studio Dragon", country));
        Assert.Contains("is not a two-letter country code", e.Message, StringComparison.Ordinal);
    }
}
