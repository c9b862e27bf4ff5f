using Isop.Crawling.Extraction;

namespace Isop.Crawling.Tests;

public sealed class WalletTests
{
    [Theory]
    [InlineData("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa", "bitcoin")]
    [InlineData("3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy", "bitcoin")]
    [InlineData("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4", "bitcoin")]
    [InlineData("BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4", "bitcoin")]
    [InlineData("bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0", "bitcoin")]
    [InlineData("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", "ethereum")]
    [InlineData("0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359", "ethereum")]
    [InlineData("0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB", "ethereum")]
    [InlineData("0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb", "ethereum")]
    [InlineData("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed", "ethereum")]
    [InlineData("TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t", "tron")]
    [InlineData("44AFFq5kSiGBoZ4NMDwYtN18obc8AemS33DBLWs3H7otXft3XjrpDtQGv7SqSsaBYBb98uNbr2VBBEt7f2wfn3RVGQBEP3A", "monero")]
    public void Valid_addresses_are_recognised(string address, string chain) =>
        Assert.Equal(chain, Wallets.Classify(address));

    [Theory]
    [InlineData("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb")] // last character changed
    [InlineData("3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLz")]
    [InlineData("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5")]
    [InlineData("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kV8f3t4")] // mixed case
    [InlineData("bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj1")]
    [InlineData("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD")] // checksum case flipped
    [InlineData("0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d35g")] // not hex
    [InlineData("TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6u")]
    [InlineData("44AFFq5kSiGBoZ4NMDwYtN18obc8AemS33DBLWs3H7otXft3XjrpDtQGv7SqSsaBYBb98uNbr2VBBEt7f2wfn3RVGQBEP3B")]
    [InlineData("1111111111111111111111111111111111")]
    [InlineData("not a wallet")]
    public void Corrupted_addresses_are_rejected(string address) =>
        Assert.Null(Wallets.Classify(address));

    [Fact]
    public void Keccak256_of_the_empty_string_matches_the_published_value() =>
        Assert.Equal("c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470", Convert.ToHexStringLower(Keccak.Hash256([])));

    [Fact]
    public void Keccak256_of_abc_matches_the_published_value() =>
        Assert.Equal("4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45", Convert.ToHexStringLower(Keccak.Hash256("abc"u8)));
}
