using System.Numerics;
using System.Runtime.InteropServices;

namespace Isop.Recognition.Fingerprints;

/// <summary>A 256-bit perceptual hash (PDQ), as four 64-bit words; hex is the sharing form (64 digits, most significant first).</summary>
[StructLayout(LayoutKind.Sequential)]
public readonly record struct Hash256(ulong W0, ulong W1, ulong W2, ulong W3)
{
    public int Distance(in Hash256 other) =>
        BitOperations.PopCount(W0 ^ other.W0) + BitOperations.PopCount(W1 ^ other.W1)
        + BitOperations.PopCount(W2 ^ other.W2) + BitOperations.PopCount(W3 ^ other.W3);

    /// <summary>The 16-bit block <paramref name="block"/> (0–15) of the hash, used by multi-index hashing.</summary>
    public ushort Block(int block)
    {
        var word = (block >> 2) switch { 0 => W0, 1 => W1, 2 => W2, _ => W3 };
        return (ushort)(word >> ((block & 3) * 16));
    }

    public static bool TryParse(ReadOnlySpan<char> hex, out Hash256 hash)
    {
        hash = default;
        hex = hex.Trim();
        if (hex.Length != 64) return false;
        Span<ulong> words = stackalloc ulong[4];
        for (var w = 0; w < 4; w++)
        {
            if (!ulong.TryParse(hex.Slice(w * 16, 16), System.Globalization.NumberStyles.AllowHexSpecifier, System.Globalization.CultureInfo.InvariantCulture, out var value))
                return false;
            words[w] = value;
        }
        hash = new Hash256(words[0], words[1], words[2], words[3]);
        return true;
    }

    public static Hash256 Parse(string hex) =>
        TryParse(hex, out var hash) ? hash : throw new FormatException($"expected 64 hexadecimal digits, got \"{(hex.Length > 70 ? hex[..70] + "…" : hex)}\"");

    public override string ToString() => $"{W0:x16}{W1:x16}{W2:x16}{W3:x16}";

    /// <summary>The binary form: 32 bytes, in the order of the hex digits (big-endian words).</summary>
    public void WriteBytes(Span<byte> destination)
    {
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(destination, W0);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(destination[8..], W1);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(destination[16..], W2);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(destination[24..], W3);
    }

    public static Hash256 FromBytes(ReadOnlySpan<byte> source) =>
        source.Length != 32
            ? throw new ArgumentException("a 256-bit hash is 32 bytes", nameof(source))
            : new Hash256(
                System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(source),
                System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(source[8..]),
                System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(source[16..]),
                System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(source[24..]));
}
