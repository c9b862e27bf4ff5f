using Isop.Access;

namespace Isop.Tests.Access;

public sealed class SingleUseAuthenticatorTests
{
    // RFC 6238's SHA-1 test secret ("12345678901234567890") and two of its vectors, cut to six digits.
    private static readonly byte[] Secret = "12345678901234567890"u8.ToArray();

    [Theory]
    [InlineData(59L, "287082")]
    [InlineData(1111111109L, "081804")]
    [InlineData(2000000000L, "279037")]
    public void Codes_follow_RFC_6238(long unixSeconds, string expected) =>
        Assert.Equal(expected, SingleUseAuthenticator.Code(Secret, unixSeconds / 30));

    [Fact]
    public void A_code_is_valid_for_its_step_and_one_step_of_drift_either_way()
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(1111111109);
        var step = now.ToUnixTimeSeconds() / 30;
        Assert.Equal(step, SingleUseAuthenticator.Verify(Secret, SingleUseAuthenticator.Code(Secret, step), now, null));
        Assert.Equal(step - 1, SingleUseAuthenticator.Verify(Secret, SingleUseAuthenticator.Code(Secret, step - 1), now, null));
        Assert.Equal(step + 1, SingleUseAuthenticator.Verify(Secret, SingleUseAuthenticator.Code(Secret, step + 1), now, null));
        Assert.Null(SingleUseAuthenticator.Verify(Secret, SingleUseAuthenticator.Code(Secret, step - 2), now, null));
        Assert.Null(SingleUseAuthenticator.Verify(Secret, SingleUseAuthenticator.Code(Secret, step + 2), now, null));
        // Spaces are allowed; anything but six digits is not.
        var code = SingleUseAuthenticator.Code(Secret, step);
        Assert.Equal(step, SingleUseAuthenticator.Verify(Secret, code[..3] + " " + code[3..], now, null));
        Assert.Null(SingleUseAuthenticator.Verify(Secret, code + "0", now, null));
        Assert.Null(SingleUseAuthenticator.Verify(Secret, "abcdef", now, null));
    }

    [Fact]
    public void A_code_is_accepted_once_and_no_earlier_code_after_it()
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(2000000000);
        var step = now.ToUnixTimeSeconds() / 30;
        var code = SingleUseAuthenticator.Code(Secret, step);
        Assert.Equal(step, SingleUseAuthenticator.Verify(Secret, code, now, lastUsed: step - 1));
        Assert.Null(SingleUseAuthenticator.Verify(Secret, code, now, lastUsed: step));
        Assert.Null(SingleUseAuthenticator.Verify(Secret, SingleUseAuthenticator.Code(Secret, step - 1), now, lastUsed: step));
        Assert.Equal(step + 1, SingleUseAuthenticator.Verify(Secret, SingleUseAuthenticator.Code(Secret, step + 1), now, lastUsed: step));
    }
}
