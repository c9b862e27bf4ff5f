using Isop.Recognition.Fingerprints;

namespace Isop.Recognition.Tests;

public sealed class HammingIndexTests
{
    private static Hash256 Random256(Random r) => new((ulong)r.NextInt64(), (ulong)r.NextInt64(), (ulong)r.NextInt64(), (ulong)r.NextInt64());

    /// <summary>A hash at exactly <paramref name="distance"/> bits from <paramref name="from"/>.</summary>
    private static Hash256 Flip(Random r, Hash256 from, int distance)
    {
        Span<ulong> w = [from.W0, from.W1, from.W2, from.W3];
        var bits = Enumerable.Range(0, 256).OrderBy(_ => r.Next()).Take(distance);
        foreach (var b in bits) w[b / 64] ^= 1UL << (b % 64);
        return new Hash256(w[0], w[1], w[2], w[3]);
    }

    private static void AssertSame(List<HashMatch> expected, List<HashMatch> actual) =>
        Assert.Equal(expected.Select(m => (m.Id, m.Distance)), actual.Select(m => (m.Id, m.Distance)));

    [Fact]
    public void Hex_round_trips_and_distance_counts_bits()
    {
        var h = Hash256.Parse("f8f8f0cce0f4e84d0e370a22028f67f0b36e2ed596623e1d33e6339c4e9c9b22");
        Assert.Equal("f8f8f0cce0f4e84d0e370a22028f67f0b36e2ed596623e1d33e6339c4e9c9b22", h.ToString());
        Assert.Equal(0, h.Distance(h));
        Assert.Equal(256, h.Distance(new Hash256(~h.W0, ~h.W1, ~h.W2, ~h.W3)));
        Span<byte> bytes = stackalloc byte[32];
        h.WriteBytes(bytes);
        Assert.Equal(0xf8, bytes[0]);
        Assert.Equal(h, Hash256.FromBytes(bytes));
        Assert.False(Hash256.TryParse("xyz", out _));
        Assert.False(Hash256.TryParse(new string('g', 64), out _));
    }

    [Theory]
    [InlineData(31)]
    [InlineData(15)]
    [InlineData(0)]
    [InlineData(40)]
    [InlineData(64)]
    public void Multi_index_search_finds_exactly_what_brute_force_finds_in_a_random_bank(int radius)
    {
        var r = new Random(radius + 1);
        var index = new HammingIndex();
        var bank = Enumerable.Range(0, 20_000).Select(_ => Random256(r)).ToList();
        for (var i = 0; i < bank.Count; i++) index.Add($"h{i}", bank[i]);
        index.Build();
        for (var q = 0; q < 200; q++)
        {
            // Half the queries are near a bank hash, at distances around the radius
            var query = q % 2 == 0 ? Flip(r, bank[r.Next(bank.Count)], r.Next(0, radius + 8)) : Random256(r);
            AssertSame(index.SearchBruteForce(query, radius), index.Search(query, radius));
        }
    }

    [Fact]
    public void Clustered_banks_like_real_PDQ_hashes_are_searched_exactly()
    {
        // PDQ hashes cluster: many near-duplicates of a few originals, and skewed blocks.
        var r = new Random(42);
        var index = new HammingIndex();
        var centres = Enumerable.Range(0, 50).Select(_ => Random256(r)).ToList();
        var n = 0;
        foreach (var c in centres)
        {
            for (var k = 0; k < 400; k++) index.Add($"c{n++}", Flip(r, c, r.Next(0, 40)));
        }
        index.Build();
        foreach (var c in centres.Take(20))
        {
            var query = Flip(r, c, r.Next(0, 20));
            var expected = index.SearchBruteForce(query);
            Assert.NotEmpty(expected);
            AssertSame(expected, index.Search(query));
        }
        var batch = centres.Select(c => Flip(r, c, 5)).ToList();
        var results = index.SearchBatch(batch);
        for (var i = 0; i < batch.Count; i++) AssertSame(index.SearchBruteForce(batch[i]), results[i]);
    }

    [Fact]
    public void Adds_after_a_build_and_removals_are_seen_at_once()
    {
        var r = new Random(3);
        var index = new HammingIndex();
        var bank = Enumerable.Range(0, 10_000).Select(_ => Random256(r)).ToList();
        for (var i = 0; i < bank.Count; i++) index.Add($"h{i}", bank[i]);
        index.Build();
        var late = Random256(r);
        index.Add("late", late);
        Assert.Equal("late", Assert.Single(index.Search(Flip(r, late, 7))).Id);
        Assert.Equal(1, index.Remove("h5"));
        Assert.Empty(index.Search(bank[5]));
        Assert.Equal(10_000, index.Count);
        for (var i = 0; i < 50_000; i++) index.Add($"x{i}", Random256(r)); // crosses rebuilds
        Assert.Equal("h7", index.Search(bank[7])[0].Id);
        Assert.Equal("late", index.Search(late)[0].Id);
        Assert.Empty(index.Search(bank[5]));
    }

    [Fact]
    public void Save_and_load_keep_every_live_hash_and_nothing_removed()
    {
        var r = new Random(9);
        var index = new HammingIndex();
        var bank = Enumerable.Range(0, 5000).Select(_ => Random256(r)).ToList();
        for (var i = 0; i < bank.Count; i++) index.Add($"id-{i}-사랑", bank[i]);
        index.Remove("id-10-사랑");
        using var file = new MemoryStream();
        index.Save(file);
        file.Position = 0;
        var loaded = HammingIndex.Load(file);
        Assert.Equal(4999, loaded.Count);
        Assert.Empty(loaded.Search(bank[10], 0));
        for (var q = 0; q < 100; q++)
        {
            var query = Flip(r, bank[r.Next(bank.Count)], r.Next(0, 35));
            AssertSame(index.SearchBruteForce(query), loaded.Search(query));
        }
    }

    [Fact]
    public void A_file_that_is_not_a_bank_is_refused_clearly()
    {
        var e = Assert.Throws<InvalidDataException>(() => HammingIndex.Load(new MemoryStream("hello world, not a bank"u8.ToArray())));
        Assert.Contains("ISOPHIX1", e.Message, StringComparison.Ordinal);
        Assert.Throws<EndOfStreamException>(() => HammingIndex.Load(new MemoryStream([.. "ISOPHIX1"u8, 10, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3])));
    }
}
