namespace Isop.Recognition.ReleaseNames;

internal enum Tag : byte
{
    None,
    Dash,
    Year,
    Season,
    Episode,
    Date,
    Resolution,
    Source,
    VideoCodec,
    AudioCodec,
    Channels,
    Language,
    Subtitle,
    Edition,
    Other,
    Service,
    Website,
    Crc,
    Size,
    Part,
    Country,
    Ignored,
}

/// <summary>One word of a name, where it sits, and what it was recognised as.</summary>
internal sealed class Token
{
    public required string Text { get; set; }
    /// <summary>0 outside brackets; otherwise the number of the bracket pair it is in.</summary>
    public int Bracket { get; init; }
    /// <summary>The separator before the word (' ', '.', '_', or '\0' at the start).</summary>
    public char Before { get; set; }
    /// <summary>True when the word came from splitting a dashed word ("x264-GROUP") after its first part.</summary>
    public bool AfterInnerDash { get; set; }
    /// <summary>True for the first word of a bracket opened right after a word ("x265-Group[Tag]").</summary>
    public bool Glued { get; init; }
    public Tag Tag { get; set; }
    /// <summary>Recognised, but only as a weak hint (a Title-case word that could be part of a title).</summary>
    public bool Weak { get; set; }

    public override string ToString() => $"{Text}:{Tag}";
}

/// <summary>
/// Splits a name into words on spaces, dots and underscores; brackets group words; a dash between separators
/// is a token of its own (it separates title from episode title); a dash inside a word stays in the word.
/// One pass, no regular expressions.
/// </summary>
internal static class Tokenizer
{
    public static List<Token> Tokenize(string text, Dictionary<int, string> bracketContents)
    {
        var tokens = new List<Token>(24);
        var wordStart = -1;
        var bracket = 0;
        var depth = 0;
        var bracketCount = 0;
        var bracketStart = 0;
        var before = '\0';
        var glued = false;

        // Words are slices of the text: a word is [wordStart, i).
        void Flush(int end)
        {
            if (wordStart < 0) return;
            tokens.Add(new Token { Text = text[wordStart..end], Bracket = bracket, Before = before, Glued = glued });
            wordStart = -1;
            glued = false;
        }

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '[' or '(' or '{' or '【' or '「':
                    var afterWord = wordStart >= 0;
                    Flush(i);
                    glued = afterWord;
                    if (depth == 0)
                    {
                        bracket = ++bracketCount;
                        bracketStart = i + 1;
                    }
                    depth++;
                    before = c;
                    break;
                case ']' or ')' or '}' or '】' or '」':
                    Flush(i);
                    glued = false;
                    if (depth > 0)
                    {
                        depth--;
                        if (depth == 0)
                        {
                            bracketContents[bracket] = text[bracketStart..i];
                            bracket = 0;
                        }
                    }
                    before = c;
                    break;
                case ' ' or '.' or '_' or '\t' or ',' or ';' or '|' or '~' or '\u3000' or '·' or '/' or '\\':
                    Flush(i);
                    // "300-nen, With": a comma or semicolon followed by a space is still what separates the words
                    if (!(c == ' ' && before is ',' or ';' && wordStart < 0 && tokens.Count > 0 && text[i - 1] == before)) before = c;
                    break;
                case '-' or '–' or '—':
                    // A dash alone (" - ", ".-.", "_-_", "--") separates; inside a word it belongs to the word (WEB-DL, x264-GROUP).
                    var next = i + 1 < text.Length ? text[i + 1] : ' ';
                    if (wordStart < 0 || next is ' ' or '.' or '_' or '-' or '[' or '(' or ']' or ')')
                    {
                        Flush(i);
                        if (tokens.Count == 0 || tokens[^1].Tag != Tag.Dash || tokens[^1].Bracket != bracket)
                            tokens.Add(new Token { Text = "-", Bracket = bracket, Before = before, Tag = Tag.Dash });
                        before = '-';
                    }
                    break;
                default:
                    if (char.IsControl(c))
                    {
                        Flush(i);
                        before = ' ';
                        break;
                    }
                    if (wordStart < 0) wordStart = i;
                    break;
            }
        }
        Flush(text.Length);
        if (depth > 0 && bracket != 0) bracketContents[bracket] = text[bracketStart..];
        return tokens;
    }
}
