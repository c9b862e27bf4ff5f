using System.Net;
using System.Text.RegularExpressions;

namespace Isop.Tests.Infrastructure;

/// <summary>Posts Razor Pages forms the way a browser does: with the page's antiforgery token and cookies.</summary>
public static partial class Forms
{
    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string page, IDictionary<string, string> fields, string? action = null)
    {
        var ct = TestContext.Current.CancellationToken;
        var html = await client.GetStringAsync(page, ct);
        var token = Token().Match(html);
        Assert.True(token.Success, $"no antiforgery token on {page}");
        var form = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value) };
        return await client.PostAsync(action ?? page, new FormUrlEncodedContent(form), ct);
    }

    public static Task<HttpResponseMessage> LoginAsync(HttpClient client, string email, string password) =>
        PostAsync(client, "/Account/Login", new Dictionary<string, string> { ["Email"] = email, ["Password"] = password });

    /// <summary>Signs in with a one-time password and replaces it, as the server requires; returns the new password.</summary>
    public static async Task<string> SignInAsync(HttpClient client, string email, string oneTimePassword)
    {
        var ct = TestContext.Current.CancellationToken;
        var login = await LoginAsync(client, email, oneTimePassword);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        var home = await client.GetAsync("/", ct);
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.Equal("/Account/Security", home.Headers.Location?.OriginalString);
        var password = oneTimePassword + "-mine";
        var changed = await PostAsync(client, "/Account/Security",
            new Dictionary<string, string> { ["current"] = oneTimePassword, ["next"] = password }, "/Account/Security?handler=Password");
        var changedBody = await changed.Content.ReadAsStringAsync(ct);
        Assert.True(changedBody.Contains("Password changed.", StringComparison.Ordinal), changedBody);
        return password;
    }

    /// <summary>RFC 6238 TOTP (SHA-1, 30 s, 6 digits) from a base32 key, as an authenticator app computes it.</summary>
    public static string Totp(string base32, DateTimeOffset now)
    {
        var key = Isop.Crawling.Base32.Decode(base32) ?? throw new FormatException($"not base32: {base32}");
        var counter = now.ToUnixTimeSeconds() / 30;
        var message = BitConverter.GetBytes(counter);
        if (BitConverter.IsLittleEndian) Array.Reverse(message);
        var hash = System.Security.Cryptography.HMACSHA1.HashData(key, message);
        var offset = hash[^1] & 0x0f;
        var binary = ((hash[offset] & 0x7f) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (binary % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
