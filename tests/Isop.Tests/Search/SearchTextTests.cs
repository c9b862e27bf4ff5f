using System.Diagnostics;
using Isop.Search;

namespace Isop.Tests.Search;

public sealed class SearchTextTests
{
    [Theory]
    [InlineData("눈물의 여왕", "눈물의여왕")]
    [InlineData("눈물의여왕", "눈물의여왕")]
    [InlineData("Queen of Tears", "queenoftears")]
    [InlineData("QUEEN-OF-TEARS!", "queenoftears")]
    [InlineData("Amélie", "amelie")]
    [InlineData("ＱＵＥＥＮ　ＯＦ　ＴＥＡＲＳ", "queenoftears")]
    [InlineData("Queen.of.Tears.S01E01.1080p.WEB-DL-EVO", "queenoftearss01e01" + "1080pwebdlevo")]
    [InlineData("スパイファミリー", "スパイファミリー")]
    [InlineData("ガンダム", "ガンダム")]
    [InlineData("  \t ", "")]
    [InlineData("", "")]
    public void Text_is_compared_in_NFKC_case_folded_without_spaces_punctuation_or_Latin_accents(string text, string normalised) =>
        Assert.Equal(normalised, SearchText.Normalise(text));

    [Fact]
    public void Decomposed_Hangul_is_composed_again()
    {
        var decomposed = "눈물의 여왕".Normalize(System.Text.NormalizationForm.FormD);
        Assert.NotEqual("눈물의 여왕", decomposed);
        Assert.Equal("눈물의여왕", SearchText.Normalise(decomposed));
    }

    [Theory]
    [InlineData("Queen of Tears", "Queen of Tears", MatchQuality.Exact)]
    [InlineData("queenoftears", "Queen of Tears", MatchQuality.Exact)]
    [InlineData("눈물의여왕", "눈물의 여왕", MatchQuality.Exact)]
    [InlineData("눈물의 여왕", "눈물의여왕", MatchQuality.Exact)]
    [InlineData("Queen", "Queen of Tears", MatchQuality.Prefix)]
    [InlineData("눈물", "눈물의 여왕", MatchQuality.Prefix)]
    [InlineData("Tears", "Queen of Tears", MatchQuality.Substring)]
    [InlineData("여왕", "눈물의 여왕", MatchQuality.Substring)]
    [InlineData("Quen of Tears", "Queen of Tears", MatchQuality.Fuzzy)]
    [InlineData("Qeen of Tears", "Queen of Tears", MatchQuality.Fuzzy)]
    [InlineData("Queen of Taers", "Queen of Tears", MatchQuality.Fuzzy)]
    [InlineData("Quen of Te", "Queen of Tears", MatchQuality.Fuzzy)]
    [InlineData("Crash Landnig", "Crash Landing on You", MatchQuality.Fuzzy)]
    [InlineData("눈물의 여황", "눈물의 여왕", MatchQuality.Fuzzy)]
    [InlineData("King of Tears", "Queen of Tears", MatchQuality.None)]
    [InlineData("Qeen", "Queen of Tears", MatchQuality.Fuzzy)]
    [InlineData("Qn", "Queen of Tears", MatchQuality.None)]
    [InlineData("abc", "abd", MatchQuality.None)]
    [InlineData("", "Queen of Tears", MatchQuality.None)]
    [InlineData("Queen", "", MatchQuality.None)]
    public void Matches_rank_exact_then_prefix_then_substring_then_typos(string query, string candidate, MatchQuality expected) =>
        Assert.Equal(expected, SearchText.Of(query).Match(SearchText.Of(candidate)).Quality);

    [Theory]
    [InlineData("queen", "queen", 0)]
    [InlineData("quen", "queen", 1)]
    [InlineData("qeuen", "queen", 1)]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("ca", "abc", 3)]
    [InlineData("", "abc", 3)]
    public void Distance_is_restricted_Damerau_Levenshtein(string a, string b, int expected) =>
        Assert.Equal(expected, SearchText.Distance(a, b, 10));

    [Fact]
    public void Distance_stops_at_its_bound()
    {
        Assert.Equal(2, SearchText.Distance("kitten", "sitting", 1));
        Assert.Equal(3, SearchText.Distance(new string('a', 300), new string('b', 300), 2));
        Assert.Equal(1, SearchText.Distance(new string('a', 400), new string('a', 399) + "b", 2));
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(3, 0)]
    [InlineData(4, 1)]
    [InlineData(7, 1)]
    [InlineData(8, 2)]
    [InlineData(200, 2)]
    public void Longer_words_allow_more_typos(int length, int edits) => Assert.Equal(edits, SearchText.AllowedEdits(length));

    [Fact]
    public void Any_string_even_invalid_Unicode_is_normalised_and_matched_without_throwing_and_within_bounds()
    {
        var random = new Random(16);
        char[] alphabet = ['a', 'Q', 'é', '\u0301', '눈', '\u1100', '\u1161', ' ', '.', '\0', '\ud800', '\udc00', '\ufffe', '\uffff', '\u202e', '\u3000', 'Ａ', 'ß', 'İ', '\u0345', '\ufdfa'];
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < 2000; i++)
        {
            var length = random.Next(0, 1200);
            var chars = new char[length];
            for (var j = 0; j < length; j++) chars[j] = random.Next(3) == 0 ? (char)random.Next(0, 0x10000) : alphabet[random.Next(alphabet.Length)];
            var text = new string(chars);
            var other = new string(chars.Reverse().Take(random.Next(0, 300)).ToArray());
            var a = SearchText.Of(text);
            var b = SearchText.Of(other);
            Assert.True(a.Compact.Length <= SearchText.MaxTextLength * 18, $"{a.Compact.Length} characters from {length}");
            Assert.True(a.Words.Count <= 64);
            _ = a.Match(b);
            _ = b.Match(a);
            Assert.InRange(SearchText.Distance(a.Compact, b.Compact, 2), 0, 3);
        }
        // Bounded work: thousands of long, hostile comparisons take well under a minute even on a busy runner.
        Assert.True(watch.Elapsed < TimeSpan.FromMinutes(1), watch.Elapsed.ToString());
    }

    [Fact]
    public void Unpaired_surrogates_are_dropped_and_pairs_kept()
    {
        Assert.Equal("ab", SearchText.Normalise("a\ud800b\udc00"));
        Assert.Equal("a\U00020000b", SearchText.Normalise("A\U00020000B"));
        // Mathematical bold A is an A in NFKC; an emoji separates words.
        Assert.Equal("aab", SearchText.Normalise("A\U0001D400B"));
        Assert.Equal(["a", "b"], SearchText.Of("a\U0001F600b").Words);
    }
}
