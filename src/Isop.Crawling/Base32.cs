namespace Isop.Crawling;

/// <summary>
/// RFC 4648 base32 (alphabet A–Z 2–7), the one encoder and decoder Isop uses: WARC digests (padded, as warcio,
/// Heritrix and gowarc write them), magnet btih hashes and TOTP keys (unpadded).
/// </summary>
public static class Base32
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    /// <summary>Upper-case base32; with padding the length is a multiple of 8 (a SHA-256 digest gives 52 characters and "====").</summary>
    public static string Encode(ReadOnlySpan<byte> data, bool padding = true)
    {
        var length = (data.Length * 8 + 4) / 5;
        var padded = padding ? (length + 7) / 8 * 8 : length;
        return string.Create(padded, data.ToArray(), static (chars, bytes) =>
        {
            int buffer = 0, bits = 0, at = 0;
            foreach (var b in bytes)
            {
                buffer = (buffer << 8) | b;
                bits += 8;
                while (bits >= 5)
                {
                    chars[at++] = Alphabet[(buffer >> (bits - 5)) & 31];
                    bits -= 5;
                }
            }
            if (bits > 0) chars[at++] = Alphabet[(buffer << (5 - bits)) & 31];
            chars[at..].Fill('=');
        });
    }

    /// <summary>
    /// Decodes base32 in either case, with or without trailing padding; null when a character is outside the
    /// alphabet, padding is not at the end, or the length cannot come from whole bytes.
    /// </summary>
    public static byte[]? Decode(ReadOnlySpan<char> text)
    {
        text = text.TrimEnd('=');
        // 1, 3 and 6 characters after the last full group of 8 are lengths no byte count encodes to.
        if ((text.Length % 8) is 1 or 3 or 6) return null;
        var output = new byte[text.Length * 5 / 8];
        int buffer = 0, bits = 0, at = 0;
        foreach (var c in text)
        {
            var value = c is >= 'A' and <= 'Z' ? c - 'A' : c is >= 'a' and <= 'z' ? c - 'a' : c is >= '2' and <= '7' ? c - '2' + 26 : -1;
            if (value < 0) return null;
            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8)
            {
                output[at++] = (byte)(buffer >> (bits - 8));
                bits -= 8;
            }
        }
        return output;
    }
}
