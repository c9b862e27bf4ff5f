using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using Isop.Cases;

namespace Isop.Tests.Cases;

public sealed class TimestampClientTests(LoopbackTimestampAuthority tsa) : IClassFixture<LoopbackTimestampAuthority>
{
    private static readonly byte[] Data = "{\"format\": \"isop-evidence/1\"}\n"u8.ToArray();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task OpenSSL_as_time_stamp_authority_answers_a_token_over_the_data_with_its_certificate()
    {
        tsa.Require();
        var der = await TimestampClient.RequestAsync(tsa.Url, Data, tsa.Http, Ct);
        Assert.True(Rfc3161TimestampToken.TryDecode(der, out var token, out var consumed));
        Assert.Equal(der.Length, consumed);
        Assert.Equal(SHA256.HashData(Data), token.TokenInfo.GetMessageHash().ToArray());
        Assert.Equal("1.3.6.1.4.1.99999.1", token.TokenInfo.PolicyId.Value);
        Assert.NotNull(token.TokenInfo.GetNonce());
        Assert.True(token.VerifySignatureForData(Data, out var signer));
        Assert.Equal(tsa.Authority.Thumbprint, signer!.Thumbprint);
    }

    [Fact]
    public async Task Two_tokens_have_different_serial_numbers()
    {
        tsa.Require();
        var first = Rfc3161TimestampToken.TryDecode(await TimestampClient.RequestAsync(tsa.Url, Data, tsa.Http, Ct), out var a, out _) ? a : null;
        var second = Rfc3161TimestampToken.TryDecode(await TimestampClient.RequestAsync(tsa.Url, Data, tsa.Http, Ct), out var b, out _) ? b : null;
        Assert.NotEqual(first!.TokenInfo.GetSerialNumber().ToArray(), second!.TokenInfo.GetSerialNumber().ToArray());
    }

    [Fact]
    public async Task An_HTTP_error_is_named_with_the_status_and_the_authority_s_words()
    {
        tsa.Require();
        var e = await Assert.ThrowsAsync<TimestampException>(() => TimestampClient.RequestAsync(tsa.Failing, Data, tsa.Http, Ct));
        Assert.Equal($"the time-stamp authority {tsa.Failing} answered HTTP 503 Service Unavailable: the signing module is offline", e.Message);
    }

    [Fact]
    public async Task An_answer_that_is_no_time_stamp_response_is_named()
    {
        tsa.Require();
        var e = await Assert.ThrowsAsync<TimestampException>(() => TimestampClient.RequestAsync(tsa.Garbage, Data, tsa.Http, Ct));
        Assert.StartsWith($"the time-stamp authority {tsa.Garbage} did not answer with a time-stamp token for this request: ", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_authority_that_does_not_answer_is_given_up_after_the_timeout()
    {
        tsa.Require();
        var e = await Assert.ThrowsAsync<TimestampException>(() => TimestampClient.RequestAsync(tsa.Silent, Data, tsa.Http, Ct, TimeSpan.FromSeconds(1)));
        Assert.Equal($"the time-stamp authority {tsa.Silent} did not answer within 1 s", e.Message);
    }

    [Fact]
    public async Task An_authority_that_cannot_be_reached_is_named()
    {
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }
        var closed = new Uri($"http://127.0.0.1:{port}/tsa");
        using var http = new HttpClient();
        var e = await Assert.ThrowsAsync<TimestampException>(() => TimestampClient.RequestAsync(closed, Data, http, Ct, TimeSpan.FromSeconds(30)));
        Assert.StartsWith($"the time-stamp authority {closed} could not be reached: ", e.Message, StringComparison.Ordinal);
    }
}
