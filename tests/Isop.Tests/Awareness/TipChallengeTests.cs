using System.Security.Cryptography;
using System.Text;
using Isop.Awareness;
using Microsoft.Extensions.Time.Testing;

namespace Isop.Tests.Awareness;

/// <summary>The tip's spam resistance: a signed token, used once, in its time window, with a proof of work.</summary>
public sealed class TipChallengeTests
{
    private static readonly PublicSettings Settings = new(TimeSpan.FromMinutes(1), 60, []) { TipDifficulty = 8, TipMinDelay = TimeSpan.FromSeconds(3) };

    [Fact]
    public void A_token_with_its_proof_is_taken_once_and_only_inside_its_time_window()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 3, 10, 0, 0, TimeSpan.Zero));
        var challenge = new TipChallenge(Settings, time);
        var issued = challenge.Issue();
        Assert.Equal(8, issued.Difficulty);
        Assert.Equal(time.GetUtcNow().AddSeconds(3), issued.NotBefore);
        var solution = TipChallenge.Solve(issued.Token, issued.Difficulty);
        Assert.True(TipChallenge.LeadingZeroBits(SHA256.HashData(Encoding.ASCII.GetBytes($"{issued.Token}:{solution}"))) >= 8);

        // A person reads and types: too soon is refused (and does not use the token up).
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.False(challenge.TryUse(issued.Token, solution, out var field, out var problem));
        Assert.Equal("token", field);
        Assert.Contains("too soon", problem, StringComparison.Ordinal);
        time.Advance(TimeSpan.FromSeconds(2));
        Assert.True(challenge.TryUse(issued.Token, solution, out _, out problem), problem);
        Assert.False(challenge.TryUse(issued.Token, solution, out field, out problem));
        Assert.Equal(("token", true), (field, problem.Contains("already used", StringComparison.Ordinal)));

        var late = challenge.Issue();
        time.Advance(TipChallenge.Lifetime + TimeSpan.FromSeconds(1));
        Assert.False(challenge.TryUse(late.Token, TipChallenge.Solve(late.Token, 8), out _, out problem));
        Assert.Contains("expired", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_made_up_or_altered_token_or_a_wrong_proof_is_refused_with_the_field_named()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 3, 10, 0, 0, TimeSpan.Zero));
        var challenge = new TipChallenge(Settings, time);
        var issued = challenge.Issue();
        time.Advance(TimeSpan.FromSeconds(5));
        var solution = TipChallenge.Solve(issued.Token, 8);

        // Another server's token (another key), a character changed, garbage, nothing.
        var other = new TipChallenge(Settings, time).Issue().Token;
        var altered = issued.Token[..10] + (issued.Token[10] == 'A' ? 'B' : 'A') + issued.Token[11..];
        // The last character's spare bits: the same bytes spelled otherwise are no token (nor a second use of it).
        const string Base64Url = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        var lastIndex = Base64Url.IndexOf(issued.Token[^1], StringComparison.Ordinal);
        var respelled = issued.Token[..^1] + Base64Url[(lastIndex & ~0xF) | ((lastIndex + 1) & 0xF)];
        Assert.Equal(Convert.FromBase64String(issued.Token.Replace('-', '+').Replace('_', '/') + "=="), Convert.FromBase64String(respelled.Replace('-', '+').Replace('_', '/') + "=="));
        foreach (var token in new[] { other, altered, respelled, "x", new string('A', 54), "", null })
        {
            Assert.False(challenge.TryUse(token, solution, out var field, out var problem));
            Assert.Equal("token", field);
            Assert.NotEmpty(problem);
        }
        // A number that is no proof, or not a number.
        var wrong = Enumerable.Range(0, 1000).Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .First(n => TipChallenge.LeadingZeroBits(SHA256.HashData(Encoding.ASCII.GetBytes($"{issued.Token}:{n}"))) < 8);
        foreach (var s in new[] { wrong, "-1", "1e5", new string('9', 21), "", null })
        {
            Assert.False(challenge.TryUse(issued.Token, s, out var field, out _));
            Assert.Equal("solution", field);
        }
        // The refusals did not use the token up.
        Assert.True(challenge.TryUse(issued.Token, solution, out _, out var last), last);
    }

    [Theory]
    [InlineData(new byte[] { 0x80 }, 0)]
    [InlineData(new byte[] { 0x01 }, 7)]
    [InlineData(new byte[] { 0x00, 0x40 }, 9)]
    [InlineData(new byte[] { 0x00, 0x00, 0x00, 0x0f }, 28)]
    [InlineData(new byte[] { 0x00, 0x00 }, 16)]
    public void Leading_zero_bits_are_counted_across_bytes(byte[] hash, int bits) => Assert.Equal(bits, TipChallenge.LeadingZeroBits(hash));

    [Fact]
    public void Random_tokens_and_solutions_never_throw()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 3, 10, 0, 0, TimeSpan.Zero));
        var challenge = new TipChallenge(Settings, time);
        var random = new Random(15);
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_=+/\0\uD800é ";
        for (var i = 0; i < 20_000; i++)
        {
            var token = new string([.. Enumerable.Range(0, random.Next(0, 70)).Select(_ => alphabet[random.Next(alphabet.Length)])]);
            var solution = new string([.. Enumerable.Range(0, random.Next(0, 25)).Select(_ => alphabet[random.Next(alphabet.Length)])]);
            Assert.False(challenge.TryUse(token, solution, out _, out var problem));
            Assert.NotEmpty(problem);
        }
    }
}
