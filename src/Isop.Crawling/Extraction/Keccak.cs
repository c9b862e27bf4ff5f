namespace Isop.Crawling.Extraction;

/// <summary>
/// Keccak-256 as Ethereum and Monero use it (the original Keccak padding, not SHA3-256's), for address checksums.
/// </summary>
public static class Keccak
{
    private static readonly ulong[] RoundConstants =
    [
        0x0000000000000001, 0x0000000000008082, 0x800000000000808A, 0x8000000080008000, 0x000000000000808B,
        0x0000000080000001, 0x8000000080008081, 0x8000000000008009, 0x000000000000008A, 0x0000000000000088,
        0x0000000080008009, 0x000000008000000A, 0x000000008000808B, 0x800000000000008B, 0x8000000000008089,
        0x8000000000008003, 0x8000000000008002, 0x8000000000000080, 0x000000000000800A, 0x800000008000000A,
        0x8000000080008081, 0x8000000000008080, 0x0000000080000001, 0x8000000080008008,
    ];

    private static readonly int[] Rotations = [1, 3, 6, 10, 15, 21, 28, 36, 45, 55, 2, 14, 27, 41, 56, 8, 25, 43, 62, 18, 39, 61, 20, 44];
    private static readonly int[] Lanes = [10, 7, 11, 17, 18, 3, 5, 16, 8, 21, 24, 4, 15, 23, 19, 13, 12, 2, 20, 14, 22, 9, 6, 1];

    public static byte[] Hash256(ReadOnlySpan<byte> data)
    {
        const int rate = 136;
        Span<ulong> state = stackalloc ulong[25];
        Span<byte> block = stackalloc byte[rate];
        while (data.Length >= rate)
        {
            Absorb(state, data[..rate]);
            data = data[rate..];
        }
        block.Clear();
        data.CopyTo(block);
        block[data.Length] ^= 0x01;
        block[rate - 1] ^= 0x80;
        Absorb(state, block);
        var output = new byte[32];
        for (var i = 0; i < 4; i++) BitConverter.TryWriteBytes(output.AsSpan(i * 8), state[i]);
        return output;
    }

    private static void Absorb(Span<ulong> state, ReadOnlySpan<byte> block)
    {
        for (var i = 0; i < block.Length / 8; i++) state[i] ^= BitConverter.ToUInt64(block.Slice(i * 8, 8));
        Permute(state);
    }

    private static void Permute(Span<ulong> a)
    {
        Span<ulong> c = stackalloc ulong[5];
        for (var round = 0; round < 24; round++)
        {
            for (var x = 0; x < 5; x++) c[x] = a[x] ^ a[x + 5] ^ a[x + 10] ^ a[x + 15] ^ a[x + 20];
            for (var x = 0; x < 5; x++)
            {
                var d = c[(x + 4) % 5] ^ ulong.RotateLeft(c[(x + 1) % 5], 1);
                for (var y = 0; y < 25; y += 5) a[y + x] ^= d;
            }
            var current = a[1];
            for (var i = 0; i < 24; i++)
            {
                var j = Lanes[i];
                (a[j], current) = (ulong.RotateLeft(current, Rotations[i]), a[j]);
            }
            for (var y = 0; y < 25; y += 5)
            {
                for (var x = 0; x < 5; x++) c[x] = a[y + x];
                for (var x = 0; x < 5; x++) a[y + x] = c[x] ^ (~c[(x + 1) % 5] & c[(x + 2) % 5]);
            }
            a[0] ^= RoundConstants[round];
        }
    }
}
