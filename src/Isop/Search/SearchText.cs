using System.Buffers;
using System.Globalization;
using System.Text;

namespace Isop.Search;

/// <summary>How well a candidate text matches a query, best last: search ranks exact &gt; prefix &gt; substring &gt; fuzzy.</summary>
public enum MatchQuality
{
    None,
    Fuzzy,
    Substring,
    Prefix,
    Exact,
}

/// <summary>One comparison's outcome: its quality and, for a fuzzy match, how many edits it took.</summary>
public readonly record struct TextMatch(MatchQuality Quality, int Distance)
{
    public static readonly TextMatch None = new(MatchQuality.None, int.MaxValue);

    public bool IsBetterThan(TextMatch other) => Quality != other.Quality ? Quality > other.Quality : Distance < other.Distance;
}

/// <summary>
/// Text as search compares it: Unicode NFKC, case folded, Latin accents dropped, and without spaces or punctuation, so
/// that "눈물의여왕" and "눈물의 여왕", "Queen of Tears" and "queenoftears", "Amélie" and "amelie" are one text.
/// Every input is bounded (<see cref="MaxTextLength"/>) and any string, valid Unicode or not, is accepted.
/// </summary>
public sealed class SearchText
{
    /// <summary>The longest query the API and the page accept.</summary>
    public const int MaxQueryLength = 200;

    /// <summary>A candidate is compared on its first characters only: bounds the work per candidate whatever is stored.</summary>
    public const int MaxTextLength = 500;

    private const int MaxWords = 64;

    private SearchText(string compact, IReadOnlyList<string> words)
    {
        Compact = compact;
        Words = words;
    }

    /// <summary>The whole text, normalised, without separators.</summary>
    public string Compact { get; }

    /// <summary>The text's words, normalised (at most 64).</summary>
    public IReadOnlyList<string> Words { get; }

    public bool IsEmpty => Compact.Length == 0;

    public static SearchText Of(string? text)
    {
        var words = Split(text);
        return new SearchText(string.Concat(words), words);
    }

    /// <summary>The normalised form of a text, without separators.</summary>
    public static string Normalise(string? text) => Of(text).Compact;

    /// <summary>Edits a word of this length may carry and still match: none below 4 characters, one up to 7, two beyond.</summary>
    public static int AllowedEdits(int length) => length < 4 ? 0 : length <= 7 ? 1 : 2;

    /// <summary>How well <paramref name="candidate"/> matches this text taken as a query.</summary>
    public TextMatch Match(SearchText candidate)
    {
        if (IsEmpty || candidate.IsEmpty) return TextMatch.None;
        var c = candidate.Compact;
        if (c == Compact) return new TextMatch(MatchQuality.Exact, 0);
        if (c.StartsWith(Compact, StringComparison.Ordinal)) return new TextMatch(MatchQuality.Prefix, 0);
        if (c.Contains(Compact, StringComparison.Ordinal)) return new TextMatch(MatchQuality.Substring, 0);

        var best = int.MaxValue;
        var allowed = AllowedEdits(Compact.Length);
        if (allowed > 0)
        {
            best = Math.Min(best, Distance(Compact, c, allowed));
            // As one types: the query against the candidate's beginning of about its length ("Quen of Te" → "Queen of Tears").
            for (var length = Math.Max(1, Compact.Length - allowed); length <= Math.Min(c.Length, Compact.Length + allowed); length++)
                best = Math.Min(best, Distance(Compact, c.AsSpan(0, length), allowed));
        }
        if (best > allowed && Words.Count > 0) best = WordsDistance(candidate);
        return best == int.MaxValue ? TextMatch.None : new TextMatch(MatchQuality.Fuzzy, best);
    }

    /// <summary>Every query word found in some candidate word (contained, or within its allowed edits): the edits summed; else none.</summary>
    private int WordsDistance(SearchText candidate)
    {
        var total = 0;
        foreach (var word in Words)
        {
            var allowed = AllowedEdits(word.Length);
            var best = int.MaxValue;
            foreach (var other in candidate.Words)
            {
                if (other.Contains(word, StringComparison.Ordinal)) { best = 0; break; }
                if (allowed == 0) continue;
                var d = Distance(word, other, allowed);
                // The last word may still be being typed: its distance to the candidate word's beginning counts too.
                if (other.Length > word.Length) d = Math.Min(d, Distance(word, other.AsSpan(0, word.Length), allowed));
                best = Math.Min(best, d);
            }
            if (best > allowed) return int.MaxValue;
            total += best;
        }
        return total;
    }

    /// <summary>
    /// The optimal-string-alignment (restricted Damerau-Levenshtein) distance of two texts, or <c>max + 1</c> as soon as it
    /// must exceed <paramref name="max"/>: adjacent transpositions count as one edit.
    /// </summary>
    public static int Distance(ReadOnlySpan<char> a, ReadOnlySpan<char> b, int max)
    {
        if (max < 0) return 0;
        if (Math.Abs(a.Length - b.Length) > max) return max + 1;
        if (a.Length == 0 || b.Length == 0) return Math.Max(a.Length, b.Length);
        var width = b.Length + 1;
        var rented = width * 3 > 768 ? ArrayPool<int>.Shared.Rent(width * 3) : null;
        Span<int> buffer = rented is null ? stackalloc int[width * 3] : rented.AsSpan(0, width * 3);
        try
        {
            var before = buffer[..width];
            var previous = buffer.Slice(width, width);
            var current = buffer.Slice(width * 2, width);
            for (var j = 0; j < width; j++) previous[j] = j;
            for (var i = 1; i <= a.Length; i++)
            {
                current[0] = i;
                var rowMin = i;
                for (var j = 1; j < width; j++)
                {
                    var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                    var value = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                    if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) value = Math.Min(value, before[j - 2] + 1);
                    current[j] = value;
                    rowMin = Math.Min(rowMin, value);
                }
                if (rowMin > max) return max + 1;
                var recycled = before;
                before = previous;
                previous = current;
                current = recycled;
            }
            return Math.Min(previous[width - 1], max + 1);
        }
        finally
        {
            if (rented is not null) ArrayPool<int>.Shared.Return(rented);
        }
    }

    /// <summary>The normalised words of a text: letters, digits and the marks that belong to them, split at anything else.</summary>
    private static List<string> Split(string? text)
    {
        var words = new List<string>();
        if (string.IsNullOrEmpty(text)) return words;
        var decomposed = Decompose(text.Length > MaxTextLength ? text[..MaxTextLength] : text);
        var word = new StringBuilder();
        var latinBase = false;
        foreach (var rune in decomposed.EnumerateRunes())
        {
            switch (Rune.GetUnicodeCategory(rune))
            {
                case UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
                    or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter
                    or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber:
                    word.Append(Rune.ToLowerInvariant(rune).ToString());
                    latinBase = rune.Value < 0x0250;
                    break;
                // An accent on a Latin letter goes ("é" → "e"); other scripts keep their marks (Japanese voicing, Indic vowels).
                case UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark:
                    if (!latinBase && word.Length > 0) word.Append(rune.ToString());
                    break;
                default:
                    Flush();
                    break;
            }
        }
        Flush();
        return words;

        void Flush()
        {
            latinBase = false;
            if (word.Length == 0) return;
            if (words.Count < MaxWords) words.Add(Compose(word.ToString()));
            word.Clear();
        }
    }

    /// <summary>NFKD of the text with unpaired surrogates dropped (they would make normalisation throw).</summary>
    private static string Decompose(string text)
    {
        var clean = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c))
            {
                if (i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) clean.Append(c).Append(text[++i]);
            }
            else if (!char.IsLowSurrogate(c)) clean.Append(c);
        }
        try
        {
            return clean.ToString().Normalize(NormalizationForm.FormKD);
        }
        catch (ArgumentException)
        {
            return clean.ToString();
        }
    }

    /// <summary>NFC again: Hangul jamo back into syllables ("눈물"), so that what the database stores and the query agree.</summary>
    private static string Compose(string word)
    {
        try
        {
            return word.Normalize(NormalizationForm.FormC);
        }
        catch (ArgumentException)
        {
            return word;
        }
    }
}
