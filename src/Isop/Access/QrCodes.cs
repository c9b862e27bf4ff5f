using QRCoder;

namespace Isop.Access;

/// <summary>QR codes drawn on the server (an authenticator's otpauth URI), as PNG data URIs: nothing is fetched, no script draws them.</summary>
public static class QrCodes
{
    public static string PngDataUri(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        var png = new PngByteQRCode(data).GetGraphic(6);
        return "data:image/png;base64," + Convert.ToBase64String(png);
    }
}
