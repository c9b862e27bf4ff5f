using System.Numerics;
using System.Security.Cryptography;

namespace Isop.Crawling.Extraction;

/// <summary>
/// Crypto wallet addresses with their checksums checked, so that a random string that merely looks like an
/// address is never reported: Bitcoin (base58check P2PKH/P2SH, bech32 and bech32m segwit), Ethereum (EIP-55
/// mixed-case checksum), TRON (base58check, 0x41) and Monero (Monero base58 with a Keccak checksum).
/// </summary>
internal static class Wallets
{
    private const string Base58Alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    private const string Bech32Alphabet = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";

    /// <summary>The chain an address belongs to, or null when it is not a valid address of a known chain.</summary>
    public static string? Classify(string address)
    {
        if (address.Length is >= 26 and <= 35 && (address[0] is '1' or '3') && Base58Check(address) is { Length: 21 } btc && (btc[0] is 0x00 or 0x05))
            return "bitcoin";
        if (address.Length == 34 && address[0] == 'T' && Base58Check(address) is { Length: 21 } tron && tron[0] == 0x41)
            return "tron";
        if (address.StartsWith("bc1", StringComparison.OrdinalIgnoreCase) && SegwitValid(address)) return "bitcoin";
        if (address.Length == 42 && address.StartsWith("0x", StringComparison.Ordinal) && Eip55Valid(address)) return "ethereum";
        if (address.Length is 95 or 106 && (address[0] is '4' or '8') && MoneroValid(address)) return "monero";
        return null;
    }

    /// <summary>The payload of a base58check string (version byte and data), or null when the checksum fails.</summary>
    public static byte[]? Base58Check(string text)
    {
        var bytes = Base58Decode(text);
        if (bytes is null || bytes.Length < 5) return null;
        var payload = bytes.AsSpan(0, bytes.Length - 4);
        var check = SHA256.HashData(SHA256.HashData(payload));
        return check.AsSpan(0, 4).SequenceEqual(bytes.AsSpan(bytes.Length - 4)) ? payload.ToArray() : null;
    }

    private static byte[]? Base58Decode(string text)
    {
        BigInteger value = 0;
        foreach (var c in text)
        {
            var digit = Base58Alphabet.IndexOf(c, StringComparison.Ordinal);
            if (digit < 0) return null;
            value = value * 58 + digit;
        }
        var body = value.IsZero ? [] : value.ToByteArray(isUnsigned: true, isBigEndian: true);
        var zeros = text.TakeWhile(c => c == '1').Count();
        return [.. new byte[zeros], .. body];
    }

    /// <summary>BIP 173 / BIP 350: bech32 for witness version 0, bech32m for versions 1 to 16, mainnet "bc" only.</summary>
    public static bool SegwitValid(string address)
    {
        if (address.Length is < 14 or > 90) return false;
        if (address.Any(char.IsUpper) && address.Any(char.IsLower)) return false;
        var text = address.ToLowerInvariant();
        var separator = text.LastIndexOf('1');
        if (separator != 2 || text[..2] != "bc") return false;
        var data = new List<int>();
        foreach (var c in text[(separator + 1)..])
        {
            var v = Bech32Alphabet.IndexOf(c, StringComparison.Ordinal);
            if (v < 0) return false;
            data.Add(v);
        }
        if (data.Count < 7) return false;
        var values = new List<int>();
        foreach (var c in "bc") values.Add(c >> 5);
        values.Add(0);
        foreach (var c in "bc") values.Add(c & 31);
        values.AddRange(data);
        var polymod = Polymod(values);
        var version = data[0];
        var expected = version == 0 ? 1u : 0x2bc830a3u;
        if (polymod != expected || version > 16) return false;
        var program = ConvertBits(data.Skip(1).Take(data.Count - 7).ToList());
        if (program is null || program.Count is < 2 or > 40) return false;
        return version != 0 || program.Count is 20 or 32;
    }

    private static uint Polymod(List<int> values)
    {
        uint[] generator = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];
        uint chk = 1;
        foreach (var v in values)
        {
            var top = chk >> 25;
            chk = ((chk & 0x1ffffff) << 5) ^ (uint)v;
            for (var i = 0; i < 5; i++)
                if (((top >> i) & 1) != 0) chk ^= generator[i];
        }
        return chk;
    }

    private static List<byte>? ConvertBits(List<int> data)
    {
        int acc = 0, bits = 0;
        var result = new List<byte>();
        foreach (var value in data)
        {
            acc = (acc << 5) | value;
            bits += 5;
            while (bits >= 8)
            {
                bits -= 8;
                result.Add((byte)((acc >> bits) & 0xff));
            }
        }
        if (bits >= 5 || ((acc << (8 - bits)) & 0xff) != 0) return null;
        return result;
    }

    /// <summary>
    /// EIP-55: an address in one case carries no checksum and is accepted as written; a mixed-case one must match
    /// the Keccak-256 checksum of its lower-case hex.
    /// </summary>
    public static bool Eip55Valid(string address)
    {
        var hex = address[2..];
        if (!hex.All(char.IsAsciiHexDigit)) return false;
        if (hex.All(c => !char.IsAsciiLetterUpper(c)) || hex.All(c => !char.IsAsciiLetterLower(c))) return true;
        var hash = Keccak.Hash256(System.Text.Encoding.ASCII.GetBytes(hex.ToLowerInvariant()));
        for (var i = 0; i < 40; i++)
        {
            if (!char.IsAsciiLetter(hex[i])) continue;
            var nibble = (hash[i / 2] >> (i % 2 == 0 ? 4 : 0)) & 0xF;
            if (nibble >= 8 != char.IsAsciiLetterUpper(hex[i])) return false;
        }
        return true;
    }

    public static bool HasEip55Checksum(string address) =>
        address[2..].Any(char.IsAsciiLetterUpper) && address[2..].Any(char.IsAsciiLetterLower);

    /// <summary>Monero base58 (8-byte blocks as 11 characters) with a 4-byte Keccak-256 checksum; mainnet prefixes.</summary>
    public static bool MoneroValid(string address)
    {
        int[] encodedSizes = [0, 2, 3, 5, 6, 7, 9, 10, 11];
        var bytes = new List<byte>();
        for (var i = 0; i < address.Length; i += 11)
        {
            var chunk = address.Substring(i, Math.Min(11, address.Length - i));
            var size = Array.IndexOf(encodedSizes, chunk.Length);
            if (size < 0) return false;
            BigInteger value = 0;
            foreach (var c in chunk)
            {
                var digit = Base58Alphabet.IndexOf(c, StringComparison.Ordinal);
                if (digit < 0) return false;
                value = value * 58 + digit;
            }
            if (value >= BigInteger.One << (8 * size)) return false;
            var block = new byte[size];
            for (var k = size - 1; k >= 0; k--)
            {
                block[k] = (byte)(value & 0xFF);
                value >>= 8;
            }
            bytes.AddRange(block);
        }
        if (bytes.Count is not (69 or 77)) return false;
        var data = bytes.ToArray();
        if (data[0] is not (18 or 19 or 42)) return false;
        var hash = Keccak.Hash256(data.AsSpan(0, data.Length - 4));
        return hash.AsSpan(0, 4).SequenceEqual(data.AsSpan(data.Length - 4));
    }
}
