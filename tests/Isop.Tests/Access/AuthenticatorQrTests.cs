using System.Net;
using System.Text.RegularExpressions;
using Isop.Access;
using Isop.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using SkiaSharp;
using ZXing;
using ZXing.Common;
using ZXing.QrCode;

namespace Isop.Tests.Access;

/// <summary>Two-factor enrolment: the otpauth URI as a QR code drawn on the server, which a camera reads back as the URI itself.</summary>
public abstract partial class AuthenticatorQrTests(AppFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>What an authenticator app's camera reads from the image.</summary>
    private static string? Decode(byte[] png)
    {
        using var bitmap = SKBitmap.Decode(png);
        var gray = new byte[bitmap.Width * bitmap.Height];
        for (var y = 0; y < bitmap.Height; y++)
            for (var x = 0; x < bitmap.Width; x++)
            {
                var c = bitmap.GetPixel(x, y);
                gray[y * bitmap.Width + x] = (byte)((c.Red * 299 + c.Green * 587 + c.Blue * 114) / 1000);
            }
        var source = new RGBLuminanceSource(gray, bitmap.Width, bitmap.Height, RGBLuminanceSource.BitmapFormat.Gray8);
        // The image is a generated code (square, upright, with its quiet zone): read as such, and harder when that fails.
        var image = new BinaryBitmap(new HybridBinarizer(source));
        return new QRCodeReader().decode(image, new Dictionary<DecodeHintType, object> { [DecodeHintType.PURE_BARCODE] = true })?.Text
            ?? new QRCodeReader().decode(image, new Dictionary<DecodeHintType, object> { [DecodeHintType.TRY_HARDER] = true })?.Text;
    }

    [Fact]
    public void Codes_of_many_addresses_all_read_back()
    {
        var misses = new List<string>();
        for (var i = 0; i < 300; i++)
        {
            var uri = $"otpauth://totp/Isop:{System.Text.Encodings.Web.UrlEncoder.Default.Encode($"qr-{Guid.NewGuid():N}@studio.test")}?secret={Guid.NewGuid():N}&issuer=Isop&digits=6";
            var png = Convert.FromBase64String(QrCodes.PngDataUri(uri)["data:image/png;base64,".Length..]);
            if (Decode(png) != uri) misses.Add(uri);
        }
        Assert.Empty(misses);
    }

    [Fact]
    public async Task The_security_page_shows_a_QR_code_of_the_otpauth_URI_beside_the_key()
    {
        fixture.Require();
        var email = $"qr-{Guid.NewGuid():N}@studio.test";
        var (_, _, password) = await fixture.App.MemberAsync(email, "Studio", OrganisationKind.RightsHolder, MemberRole.Analyst);
        var browser = fixture.App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        await Forms.SignInAsync(browser, email, password);
        var response = await browser.GetAsync("/Account/Security", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync(Ct);

        var key = KeyPattern().Match(page).Groups[1].Value;
        Assert.NotEmpty(key);
        var qr = QrPattern().Match(page);
        Assert.True(qr.Success, "no QR code image on the page");
        Assert.NotEmpty(WebUtility.HtmlDecode(qr.Groups["alt"].Value));
        var uri = Decode(Convert.FromBase64String(WebUtility.HtmlDecode(qr.Groups["png"].Value)));
        Assert.Equal($"otpauth://totp/Isop:{System.Text.Encodings.Web.UrlEncoder.Default.Encode(email)}?secret={key}&issuer=Isop&digits=6", uri);
        // The same URI is on the page as a link, and the policy lets the data: image show.
        Assert.Contains(WebUtility.HtmlEncode(uri!), page, StringComparison.Ordinal);
        Assert.Contains("img-src 'self' data:", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    [GeneratedRegex("data-testid=\"authenticator-key\">([A-Z2-7]+)<")]
    private static partial Regex KeyPattern();

    [GeneratedRegex("<img src=\"data:image/png;base64,(?<png>[^\"]+)\"[^>]*alt=\"(?<alt>[^\"]+)\"[^>]*data-testid=\"authenticator-qr\"")]
    private static partial Regex QrPattern();
}

public sealed class SqliteAuthenticatorQrTests(SqliteApp fixture) : AuthenticatorQrTests(fixture), IClassFixture<SqliteApp>;
