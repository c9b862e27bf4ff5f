using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;

namespace Isop.Recognition.Fingerprints;

public readonly record struct HashMatch(string Id, int Distance);

/// <summary>
/// Exact search of 256-bit hashes within a Hamming radius. Multi-index hashing splits each hash into 16 blocks of
/// 16 bits: two hashes within distance r agree within ⌊r/16⌋ bits on at least one block (pigeonhole), so probing
/// every block at that distance finds every match. Buckets are stored as one array per block, sorted by block value
/// (counting sort), so a probe is two array reads. Hashes added since the last build sit in a small tail that is
/// scanned directly; removed hashes are tomb-stoned. A SIMD brute force serves large radii and is the test oracle.
/// </summary>
public sealed class HammingIndex
{
    public const int DefaultRadius = 31;
    private const int Blocks = 16;
    private const int BucketCount = 1 << 16;
    private const int RebuildTail = 4096;

    private Hash256[] _hashes = new Hash256[1024];
    private string[] _ids = new string[1024];
    private bool[] _removed = new bool[1024];
    private int _count;
    private int _built;          // hashes [0, _built) are in the block tables
    private int _live;

    // Per block: _offsets[b][v] .. _offsets[b][v + 1] index into _members[b], which holds hash positions.
    private int[][] _offsets = [];
    private int[][] _members = [];
    // Per block, beside each member: 128 bits of the hash from the other words, laid out in bucket order, so a probe
    // reads contiguous memory and rejects almost every candidate on a lower bound without touching the hash itself.
    private ulong[][] _filters = [];

    public int Count => _live;

    public void Add(string id, Hash256 hash)
    {
        if (_count == _hashes.Length) Grow(_count * 2);
        _hashes[_count] = hash;
        _ids[_count] = id;
        _removed[_count] = false;
        _count++;
        _live++;
        if (_count - _built > RebuildTail && _count - _built > _built / 8) Build();
    }

    /// <summary>Removes every hash with this id; returns how many.</summary>
    public int Remove(string id)
    {
        var removed = 0;
        for (var i = 0; i < _count; i++)
        {
            if (!_removed[i] && string.Equals(_ids[i], id, StringComparison.Ordinal))
            {
                _removed[i] = true;
                removed++;
            }
        }
        _live -= removed;
        return removed;
    }

    private void Grow(int capacity)
    {
        Array.Resize(ref _hashes, capacity);
        Array.Resize(ref _ids, capacity);
        Array.Resize(ref _removed, capacity);
    }

    /// <summary>Builds the block tables over every hash (counting sort per block, blocks in parallel).</summary>
    public void Build()
    {
        var n = _count;
        var offsets = new int[Blocks][];
        var members = new int[Blocks][];
        var filters = new ulong[Blocks][];
        Parallel.For(0, Blocks, block =>
        {
            var counts = new int[BucketCount + 1];
            for (var i = 0; i < n; i++) counts[_hashes[i].Block(block) + 1]++;
            for (var v = 0; v < BucketCount; v++) counts[v + 1] += counts[v];
            var next = (int[])counts.Clone();
            var list = new int[n];
            var filter = new ulong[2 * n];
            for (var i = 0; i < n; i++)
            {
                var at = next[_hashes[i].Block(block)]++;
                list[at] = i;
                var (a, b) = FilterWords(_hashes[i], block);
                filter[2 * at] = a;
                filter[2 * at + 1] = b;
            }
            offsets[block] = counts;
            members[block] = list;
            filters[block] = filter;
        });
        _offsets = offsets;
        _members = members;
        _filters = filters;
        _built = n;
    }

    /// <summary>Every live hash within <paramref name="radius"/> of the query, nearest first.</summary>
    public List<HashMatch> Search(Hash256 query, int radius = DefaultRadius)
    {
        // The "seen" marks are reused across queries of a thread: allocating them per query would dominate.
        var scratch = t_scratch ??= new SearchScratch(_count);
        return Search(query, radius, scratch);
    }

    [ThreadStatic]
    private static SearchScratch? t_scratch;

    /// <summary>Many queries, spread over the cores; results in query order.</summary>
    public List<HashMatch>[] SearchBatch(IReadOnlyList<Hash256> queries, int radius = DefaultRadius)
    {
        var results = new List<HashMatch>[queries.Count];
        Parallel.For(0, queries.Count, () => t_scratch ??= new SearchScratch(_count), (i, _, scratch) =>
        {
            results[i] = Search(queries[i], radius, scratch);
            return scratch;
        }, _ => { });
        return results;
    }

    private sealed class SearchScratch(int capacity)
    {
        public int[] Stamp = new int[Math.Max(capacity, 1)];
        public int Query;
    }

    private List<HashMatch> Search(Hash256 query, int radius, SearchScratch scratch)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(radius);
        var found = new List<HashMatch>();
        var blockRadius = radius / Blocks;
        if (blockRadius > 2 || _built == 0) BruteForce(query, radius, 0, _count, found);
        else
        {
            if (scratch.Stamp.Length < _count) scratch.Stamp = new int[_count];
            var stamp = ++scratch.Query;
            if (stamp == int.MaxValue)
            {
                Array.Clear(scratch.Stamp);
                scratch.Query = stamp = 1;
            }
            for (var block = 0; block < Blocks; block++)
            {
                var value = query.Block(block);
                Probe(block, value, query, radius, scratch, stamp, found);
                if (blockRadius >= 1)
                {
                    for (var bit = 0; bit < 16; bit++)
                    {
                        var one = (ushort)(value ^ (1 << bit));
                        Probe(block, one, query, radius, scratch, stamp, found);
                        if (blockRadius >= 2)
                        {
                            for (var bit2 = bit + 1; bit2 < 16; bit2++) Probe(block, (ushort)(one ^ (1 << bit2)), query, radius, scratch, stamp, found);
                        }
                    }
                }
            }
            BruteForce(query, radius, _built, _count, found);
        }
        found.Sort((a, b) => a.Distance != b.Distance ? a.Distance.CompareTo(b.Distance) : string.CompareOrdinal(a.Id, b.Id));
        return found;
    }

    /// <summary>The two words that do not hold the block: their distance is a lower bound of the whole distance.</summary>
    private static (ulong, ulong) FilterWords(in Hash256 h, int block) => (block >> 2) switch
    {
        0 => (h.W1, h.W2),
        1 => (h.W2, h.W3),
        2 => (h.W3, h.W0),
        _ => (h.W0, h.W1),
    };

    private void Probe(int block, ushort value, in Hash256 query, int radius, SearchScratch scratch, int stamp, List<HashMatch> found)
    {
        var offsets = _offsets[block];
        var members = _members[block];
        var filter = _filters[block];
        var (q0, q1) = FilterWords(query, block);
        for (var k = offsets[value]; k < offsets[value + 1]; k++)
        {
            if (System.Numerics.BitOperations.PopCount(filter[2 * k] ^ q0) + System.Numerics.BitOperations.PopCount(filter[2 * k + 1] ^ q1) > radius) continue;
            var i = members[k];
            if (scratch.Stamp[i] == stamp) continue;
            scratch.Stamp[i] = stamp;
            if (_removed[i]) continue;
            var d = _hashes[i].Distance(query);
            if (d <= radius) found.Add(new HashMatch(_ids[i], d));
        }
    }

    /// <summary>The oracle and the path for large radii: every hash compared (four POPCNT instructions each).</summary>
    private void BruteForce(in Hash256 query, int radius, int from, int to, List<HashMatch> found)
    {
        var hashes = _hashes.AsSpan(from, to - from);
        var i = 0;
        for (; i < hashes.Length; i++)
        {
            var d = hashes[i].Distance(query);
            if (d <= radius && !_removed[from + i]) found.Add(new HashMatch(_ids[from + i], d));
        }
    }

    /// <summary>The oracle, for tests and measurements: brute force over everything, whatever the radius.</summary>
    public List<HashMatch> SearchBruteForce(Hash256 query, int radius = DefaultRadius)
    {
        var found = new List<HashMatch>();
        BruteForce(query, radius, 0, _count, found);
        found.Sort((a, b) => a.Distance != b.Distance ? a.Distance.CompareTo(b.Distance) : string.CompareOrdinal(a.Id, b.Id));
        return found;
    }

    // ---- save and load: "ISOPHIX1", count, the hashes as one block of little-endian words, then the ids ----

    private static ReadOnlySpan<byte> Magic => "ISOPHIX1"u8;

    public void Save(Stream stream)
    {
        var live = new List<int>(_live);
        for (var i = 0; i < _count; i++) if (!_removed[i]) live.Add(i);
        Span<byte> header = stackalloc byte[16];
        Magic.CopyTo(header);
        BinaryPrimitives.WriteInt64LittleEndian(header[8..], live.Count);
        stream.Write(header);
        var buffer = new Hash256[Math.Min(live.Count, 65536)];
        for (var start = 0; start < live.Count; start += buffer.Length)
        {
            var n = Math.Min(buffer.Length, live.Count - start);
            for (var k = 0; k < n; k++) buffer[k] = _hashes[live[start + k]];
            var bytes = MemoryMarshal.AsBytes(buffer.AsSpan(0, n));
            if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("the bank layout is little-endian");
            stream.Write(bytes);
        }
        using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        foreach (var i in live) writer.Write(_ids[i]);
    }

    public static HammingIndex Load(Stream stream)
    {
        Span<byte> header = stackalloc byte[16];
        stream.ReadExactly(header);
        if (!header[..8].SequenceEqual(Magic)) throw new InvalidDataException("not an Isop hash bank (the file does not start with ISOPHIX1)");
        var count = BinaryPrimitives.ReadInt64LittleEndian(header[8..]);
        if (count < 0 || count > int.MaxValue / 2) throw new InvalidDataException($"the bank claims {count} hashes");
        var index = new HammingIndex();
        index.Grow(Math.Max((int)count, 16));
        // One read of the whole hash block straight into the array: the layout is the memory layout.
        stream.ReadExactly(MemoryMarshal.AsBytes(index._hashes.AsSpan(0, (int)count)));
        using var reader = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
        for (var i = 0; i < count; i++) index._ids[i] = reader.ReadString();
        index._count = index._live = (int)count;
        index.Build();
        return index;
    }
}
