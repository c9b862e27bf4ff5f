using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using Isop.Crawling.Extraction;

namespace Isop.Range;

/// <summary>
/// Operator identifiers for the range, made the way real ones are so that extraction must validate them:
/// analytics and ad IDs in their formats, wallets with correct checksums, a favicon per operation.
/// </summary>
public static class Identifiers
{
    private const string Base58Alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

    public static string Analytics(Random random) => "G-" + Token(random, 10, "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789");

    public static string AdSense(Random random) => "ca-pub-" + Token(random, 16, "0123456789");

    /// <summary>An operator's contact address at a free-mail provider.</summary>
    public static string Email(Random random, string stem) =>
        $"{stem}.{Token(random, 5, "abcdefghijkmnpqrstuvwxyz23456789")}@{new[] { "gmail.com", "proton.me", "naver.com", "outlook.com" }[random.Next(4)]}";

    public static string Telegram(Random random, string stem) => stem + "_" + Token(random, 4, "abcdefghijkmnpqrstuvwxyz23456789");

    /// <summary>A Bitcoin P2PKH address: version 0, 20 random bytes, double-SHA-256 checksum.</summary>
    public static string Bitcoin(Random random) => Base58Check(0x00, random);

    /// <summary>A TRON address: version 0x41, base58check.</summary>
    public static string Tron(Random random) => Base58Check(0x41, random);

    /// <summary>An Ethereum address with its EIP-55 mixed-case checksum.</summary>
    public static string Ethereum(Random random)
    {
        var bytes = new byte[20];
        random.NextBytes(bytes);
        var hex = Convert.ToHexStringLower(bytes);
        var hash = Keccak.Hash256(Encoding.ASCII.GetBytes(hex));
        var address = new StringBuilder("0x");
        for (var i = 0; i < 40; i++)
        {
            var nibble = (hash[i / 2] >> (i % 2 == 0 ? 4 : 0)) & 0xF;
            address.Append(nibble >= 8 ? char.ToUpperInvariant(hex[i]) : hex[i]);
        }
        return address.ToString();
    }

    /// <summary>A favicon per operation: a tiny valid ICO header and operation-specific pixels.</summary>
    public static byte[] Favicon(Random random)
    {
        var pixels = new byte[64];
        random.NextBytes(pixels);
        return [0, 0, 1, 0, 1, 0, 4, 4, 0, 0, 1, 0, 32, 0, 104, 0, 0, 0, 22, 0, 0, 0, .. pixels];
    }

    private static string Base58Check(byte version, Random random)
    {
        var payload = new byte[21];
        random.NextBytes(payload);
        payload[0] = version;
        var check = SHA256.HashData(SHA256.HashData(payload));
        byte[] full = [.. payload, .. check.AsSpan(0, 4)];
        var value = new BigInteger(full, isUnsigned: true, isBigEndian: true);
        var text = new StringBuilder();
        while (value > 0)
        {
            text.Insert(0, Base58Alphabet[(int)(value % 58)]);
            value /= 58;
        }
        foreach (var b in full)
        {
            if (b != 0) break;
            text.Insert(0, '1');
        }
        return text.ToString();
    }

    private static string Token(Random random, int length, string alphabet) =>
        new([.. Enumerable.Range(0, length).Select(_ => alphabet[random.Next(alphabet.Length)])]);
}
