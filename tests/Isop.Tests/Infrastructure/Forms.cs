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

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
