using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;

namespace Isop.Cases;

/// <summary>
/// Signs a manifest with an organisation's key: a detached CMS (PKCS #7) SignedData over the exact bytes, SHA-256,
/// the signer's certificate included, so that any CMS tool (<c>openssl cms -verify</c>) can check it offline.
/// </summary>
public sealed class PackageSigner
{
    public PackageSigner(X509Certificate2 certificate)
    {
        if (!certificate.HasPrivateKey) throw new ArgumentException($"the certificate {certificate.Subject} has no private key to sign with", nameof(certificate));
        Certificate = certificate;
    }

    /// <summary>The signer's certificate, with its private key.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>The DER of the detached signature over <paramref name="content"/>.</summary>
    public byte[] Sign(byte[] content, DateTimeOffset signingTime)
    {
        var cms = new SignedCms(new ContentInfo(content), detached: true);
        var signer = new CmsSigner(SubjectIdentifierType.IssuerAndSerialNumber, Certificate)
        {
            DigestAlgorithm = new Oid("2.16.840.1.101.3.4.2.1", "sha256"),
            IncludeOption = X509IncludeOption.EndCertOnly,
        };
        signer.SignedAttributes.Add(new Pkcs9SigningTime(signingTime.UtcDateTime));
        cms.ComputeSignature(signer, silent: true);
        return cms.Encode();
    }

    /// <summary>A certificate's SHA-256 fingerprint, lowercase hex, as the verifier reports it.</summary>
    public static string Fingerprint(X509Certificate2 certificate) => Convert.ToHexStringLower(certificate.GetCertHash(HashAlgorithmName.SHA256));
}
