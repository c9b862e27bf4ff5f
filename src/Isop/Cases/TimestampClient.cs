using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;

namespace Isop.Cases;

/// <summary>A time-stamp authority could not stamp: unreachable, an HTTP error, no answer in time, or an answer that is no token for the data.</summary>
public sealed class TimestampException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// An RFC 3161 client: asks a time-stamp authority (TSA) over HTTP for a token over data's SHA-256, with a nonce and
/// the authority's certificate requested, and checks that the answer is a token for exactly that request.
/// </summary>
public static class TimestampClient
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    /// <summary>An answer this big is no time-stamp response.</summary>
    private const int MaxResponseBytes = 1024 * 1024;

    /// <summary>The DER of the token (a CMS ContentInfo), as <c>manifest.tsr</c> holds it.</summary>
    public static async Task<byte[]> RequestAsync(Uri tsa, byte[] data, HttpClient http, CancellationToken ct, TimeSpan? timeout = null)
    {
        var patience = timeout ?? DefaultTimeout;
        var request = Rfc3161TimestampRequest.CreateFromData(data, HashAlgorithmName.SHA256, nonce: RandomNumberGenerator.GetBytes(8), requestSignerCertificates: true);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(patience);
        byte[] answer;
        try
        {
            using var content = new ByteArrayContent(request.Encode());
            content.Headers.ContentType = new MediaTypeHeaderValue("application/timestamp-query");
            using var message = new HttpRequestMessage(HttpMethod.Post, tsa) { Content = content };
            message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/timestamp-reply"));
            using var response = await http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, limit.Token);
            answer = await ReadBoundedAsync(response.Content, limit.Token);
            if (!response.IsSuccessStatusCode)
                throw new TimestampException($"the time-stamp authority {tsa} answered HTTP {(int)response.StatusCode} {response.ReasonPhrase}{Excerpt(answer)}");
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new TimestampException($"the time-stamp authority {tsa} did not answer within {patience.TotalSeconds:0.#} s");
        }
        catch (HttpRequestException e)
        {
            throw new TimestampException($"the time-stamp authority {tsa} could not be reached: {e.Message}", e);
        }
        try
        {
            var token = request.ProcessResponse(answer, out _);
            // ProcessResponse matches the token to the request (imprint, nonce); its signature is checked here.
            if (!token.VerifySignatureForData(data, out _))
                throw new TimestampException($"the time-stamp authority {tsa} answered with a token whose signature does not verify");
            return token.AsSignedCms().Encode();
        }
        catch (CryptographicException e)
        {
            throw new TimestampException($"the time-stamp authority {tsa} did not answer with a time-stamp token for this request: {e.Message}", e);
        }
    }

    private static async Task<byte[]> ReadBoundedAsync(HttpContent content, CancellationToken ct)
    {
        if (content.Headers.ContentLength > MaxResponseBytes) throw new TimestampException($"the time-stamp authority's answer of {content.Headers.ContentLength} bytes is too large for a token");
        await using var stream = await content.ReadAsStreamAsync(ct);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int n;
        while ((n = await stream.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + n > MaxResponseBytes) throw new TimestampException($"the time-stamp authority's answer is larger than {MaxResponseBytes} bytes, too large for a token");
            buffer.Write(chunk, 0, n);
        }
        return buffer.ToArray();
    }

    /// <summary>The start of an error page, when it is text, for the message.</summary>
    private static string Excerpt(byte[] body)
    {
        if (body.Length == 0) return "";
        var text = System.Text.Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 200)).Trim();
        return text.Length == 0 || text.Any(c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t') ? "" : $": {Crawling.Warc.WarcReader.Printable(text)}";
    }
}
