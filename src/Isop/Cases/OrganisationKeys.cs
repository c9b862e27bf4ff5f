using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Isop.Cases;

/// <summary>
/// Each organisation's signing key for evidence packages: ECDSA P-256 with a self-signed certificate (CN and O the
/// organisation's name, C its country, ten years), created on first use in the keys folder as
/// <c>org-&lt;id&gt;.key.pem</c> and <c>org-&lt;id&gt;.cert.pem</c> (files 0600 in a 0700 folder). The certificate is
/// what a court or a partner is given to check the packages against.
/// </summary>
public sealed class OrganisationKeys
{
    public static readonly TimeSpan Validity = TimeSpan.FromDays(3653);

    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private readonly TimeProvider _time;

    private OrganisationKeys(string folder, TimeProvider time)
    {
        Folder = folder;
        _time = time;
    }

    public string Folder { get; }

    public static OrganisationKeys Open(string keysFolder, TimeProvider? time = null)
    {
        var folder = OperatingSystem.IsWindows()
            ? Directory.CreateDirectory(keysFolder)
            : Directory.CreateDirectory(keysFolder, Private | UnixFileMode.UserExecute);
        return new OrganisationKeys(folder.FullName, time ?? TimeProvider.System);
    }

    /// <summary>The organisation's certificate with its private key, created on first use; the country is a two-letter ISO 3166 code, or null.</summary>
    public PackageSigner SignerFor(Guid organisationId, string name, string? country)
    {
        var (key, certificate) = Load(organisationId, name, country);
        using (key)
        using (certificate)
            return new PackageSigner(certificate.CopyWithPrivateKey(key));
    }

    /// <summary>The organisation's public certificate (no private key), created on first use.</summary>
    public X509Certificate2 CertificateFor(Guid organisationId, string name, string? country)
    {
        var (key, certificate) = Load(organisationId, name, country);
        key.Dispose();
        return certificate;
    }

    /// <summary>The certificate as PEM, to hand to whoever verifies the packages.</summary>
    public string CertificatePemFor(Guid organisationId, string name, string? country)
    {
        using var certificate = CertificateFor(organisationId, name, country);
        return certificate.ExportCertificatePem();
    }

    private (ECDsa Key, X509Certificate2 Certificate) Load(Guid organisationId, string name, string? country)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException("an organisation's key needs its name", nameof(name));
        if (country is not null && (country.Length != 2 || !country.All(char.IsAsciiLetter)))
            throw new ArgumentException($"\"{country}\" is not a two-letter country code", nameof(country));
        var keyPath = Path.Combine(Folder, $"org-{organisationId:N}.key.pem");
        var certificatePath = Path.Combine(Folder, $"org-{organisationId:N}.cert.pem");
        // File.Move without overwrite checks, then renames: two processes making the first key could each put theirs in
        // place, one after the other. The key file is its own lock instead: made, filled and read under an exclusive lock,
        // and the certificate is made under it too.
        using var keyFile = Locked(keyPath);
        string pem;
        if (keyFile.Length == 0)
        {
            using var fresh = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            pem = fresh.ExportPkcs8PrivateKeyPem();
            var bytes = System.Text.Encoding.ASCII.GetBytes(pem);
            keyFile.Write(bytes);
            keyFile.Flush(flushToDisk: true);
        }
        else
        {
            using var reader = new StreamReader(keyFile, System.Text.Encoding.ASCII, leaveOpen: true);
            pem = reader.ReadToEnd();
        }
        var key = ECDsa.Create();
        try
        {
            try { key.ImportFromPem(pem); }
            catch (ArgumentException e) { throw new InvalidOperationException($"{keyPath} holds no readable private key: {e.Message}", e); }
            // A process stopped between the two files: the certificate is made for the key in place.
            if (!File.Exists(certificatePath))
            {
                using var made = SelfSigned(key, name, country);
                Place(certificatePath, made.ExportCertificatePem());
            }
            var certificate = X509Certificate2.CreateFromPem(File.ReadAllText(certificatePath));
            if (!certificate.PublicKey.ExportSubjectPublicKeyInfo().AsSpan().SequenceEqual(key.ExportSubjectPublicKeyInfo()))
            {
                certificate.Dispose();
                throw new InvalidOperationException($"{certificatePath} is not the certificate of the key {keyPath}");
            }
            return (key, certificate);
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    private X509Certificate2 SelfSigned(ECDsa key, string name, string? country)
    {
        // The builder is filled most specific first, so that the subject reads (and encodes) as CN=…, O=…, C=… does.
        var subject = new X500DistinguishedNameBuilder();
        subject.AddCommonName(name);
        subject.AddOrganizationName(name);
        if (country is not null) subject.AddCountryOrRegion(country.ToUpperInvariant());
        var request = new CertificateRequest(subject.Build(), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation, critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        var now = _time.GetUtcNow();
        return request.CreateSelfSigned(now.AddMinutes(-5), now + Validity);
    }

    /// <summary>A file opened (created 0600 when missing) with an exclusive lock, waited for at most 30 s.</summary>
    private static FileStream Locked(string path)
    {
        var options = new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.ReadWrite, Share = FileShare.None };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = Private;
        for (var attempt = 0; ; attempt++)
        {
            try { return new FileStream(path, options); }
            catch (IOException) when (attempt < 1500) { Thread.Sleep(20); }
        }
    }

    /// <summary>Writes a file (0600) under a temporary name and moves it in place (under the organisation's lock).</summary>
    private static void Place(string path, string content)
    {
        var temporary = path + "." + Guid.NewGuid().ToString("N");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = Private;
        using (var stream = new FileStream(temporary, options))
        using (var writer = new StreamWriter(stream))
            writer.Write(content);
        try { File.Move(temporary, path, overwrite: false); }
        catch (IOException) { File.Delete(temporary); }
    }
}
