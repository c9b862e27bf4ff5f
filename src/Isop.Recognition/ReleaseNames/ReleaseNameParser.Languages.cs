namespace Isop.Recognition.ReleaseNames;

/// <summary>Languages: audio languages and subtitle languages.</summary>
public static partial class ReleaseNameParser
{
    private sealed partial class Parsed
    {
        // Eng Sub, sub.FR, Eng.Soft.Subtitles
        private int SubtitleMarker(int at)
        {
            var i = at;
            var token = _t[i];
            var w = token.Text;
            var next = i + 1 < _t.Count ? _t[i + 1] : null;
            var info = _info;
            if (info?.SubtitleMarker == true)
            {
                Set(token, Tag.Subtitle, weak: !IsShouting(w));
                if (next is not null && Vocabulary.Languages.TryGetValue(next.Text, out var after) && after != "mul")
                {
                    Set(next, Tag.Subtitle);
                    AddDistinct(Subtitles, after);
                    i++;
                }
                else if (i > 0 && _t[i - 1].Tag is Tag.Language or Tag.None or Tag.Other && Vocabulary.Languages.TryGetValue(_t[i - 1].Text, out var beforeLanguage))
                {
                    Set(_t[i - 1], Tag.Subtitle);
                    Languages.Remove(beforeLanguage);
                    AddDistinct(Subtitles, beforeLanguage);
                }
                else if (i > 1 && _t[i - 1].Tag == Tag.Other && Vocabulary.Languages.TryGetValue(_t[i - 2].Text, out var twoBefore))
                {
                    Set(_t[i - 2], Tag.Subtitle);
                    Languages.Remove(twoBefore);
                    AddDistinct(Subtitles, twoBefore);
                }
                return i - at + 1;
            }
            return 0;
        }

        // "VOSTFR", "ENGSUB", "subfrench": a word that names the subtitles' language
        private int SubtitleLanguage(int at)
        {
            var i = at;
            var token = _t[i];
            var info = _info;
            if (info?.Subtitle is { } subtitle)
            {
                Set(token, Tag.Subtitle);
                AddDistinct(Subtitles, subtitle);
                return i - at + 1;
            }
            return 0;
        }

        // "FRENCH", "KOREAN", "MULTi": the audio language
        private int LanguageWord(int at)
        {
            var i = at;
            var token = _t[i];
            var w = token.Text;
            var info = _info;
            if (info?.Language is { } language)
            {
                var weak = !IsShouting(w) || w.Length <= 2;
                Set(token, Tag.Language, weak);
                AddDistinct(Languages, language);
                return i - at + 1;
            }
            return 0;
        }

        private static void AddDistinct(List<string> list, string value)
        {
            if (!list.Contains(value)) list.Add(value);
        }
    }
}
