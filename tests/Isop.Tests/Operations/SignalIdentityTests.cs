using Isop.Operations;

namespace Isop.Tests.Operations;

public sealed class SignalIdentityTests
{
    [Fact]
    public void An_ethereum_address_is_one_account_in_any_letter_case_and_other_wallets_keep_their_case()
    {
        var mixed = SignalIdentity.Of("wallet-ethereum", "0x52908400098527886E0F7030069857D2E4169EE7")!;
        var lower = SignalIdentity.Of("wallet-ethereum", "0x52908400098527886e0f7030069857d2e4169ee7")!;
        Assert.Equal(mixed.Key, lower.Key);
        Assert.Equal(SignalStrength.Strong, mixed.Strength);
        Assert.NotEqual(SignalIdentity.Of("wallet-bitcoin", "1BoatSLRHtKNngkdXEeobR76b53LETtpyT")!.Key, SignalIdentity.Of("wallet-bitcoin", "1boatSLRHtKNngkdXEeobR76b53LETtpyT")!.Key);
    }

    [Theory]
    [InlineData("google-analytics", "UA-4718723-1", "UA-4718723-9")] // two properties of one account
    [InlineData("adsense", "ca-pub-4718723492837461", "pub-4718723492837461")]
    [InlineData("telegram", "KDramaHub_7", "kdramahub_7")]
    [InlineData("email", "Admin@Site.test", "admin@site.test")]
    [InlineData("favicon-sha256", "ABCDEF0123", "abcdef0123")]
    public void Spellings_of_one_identifier_have_one_identity(string type, string a, string b) =>
        Assert.Equal(SignalIdentity.Of(type, a)!.Key, SignalIdentity.Of(type, b)!.Key);

    [Theory]
    [InlineData("ip", "127.0.0.1")]               // a shared host or CDN
    [InlineData("tls-name", "*.cloudflaressl.com")] // a certificate's names
    [InlineData("tracker", "udp://tracker.opentrackr.org:1337/announce")]
    [InlineData("favicon-mmh3", "-1234567")]      // the same favicon as its SHA-256: counted once
    [InlineData("google-analytics", "G-XXXXXXXXXX")] // template placeholders
    [InlineData("adsense", "ca-pub-0000000000000000")]
    [InlineData("adsense", "ca-pub-1234567890123456")]
    [InlineData("email", "abuse@cloudflare.com")]  // a service's mailbox
    [InlineData("email", "dmca@hosting.test")]
    [InlineData("email", "you@example.com")]
    [InlineData("unknown-kind", "whatever")]
    public void Weak_placeholder_and_service_identifiers_have_no_identity_and_never_link(string type, string value) =>
        Assert.Null(SignalIdentity.Of(type, value));

    [Fact]
    public void A_social_profile_is_medium_an_operators_account_strong()
    {
        Assert.Equal(SignalStrength.Medium, SignalIdentity.Of("x", "tvn_drama")!.Strength);
        Assert.Equal(SignalStrength.Strong, SignalIdentity.Of("google-analytics", "G-7KQ2M9XJ4D")!.Strength);
        Assert.Equal(SignalStrength.Strong, SignalIdentity.Of("telegram", "kdramahub_x7")!.Strength);
    }

    [Theory]
    [InlineData("ops.team@gmail.com", new[] { "a.test", "b.test" }, SignalStrength.Strong)]     // a person's account
    [InlineData("admin@old-name.test", new[] { "old-name.test", "b.test" }, SignalStrength.Strong)] // a site's own contact on another
    [InlineData("support@themestudio.test", new[] { "a.test", "b.test" }, SignalStrength.Medium)]  // a theme vendor's
    public void An_email_is_strong_at_free_mail_or_a_sites_own_domain_and_medium_at_another_organisation(string address, string[] hosts, SignalStrength expected) =>
        Assert.Equal(expected, SignalIdentity.EmailStrength(address, hosts));
}
