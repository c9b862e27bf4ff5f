using Isop.Web;
using SkiaSharp;

namespace Isop.Enforcement;

/// <summary>
/// A notice as a PDF (A4, the text as approved, one font for Latin and one for Hangul), drawn with SkiaSharp's PDF
/// backend. The fonts are the system's (Debian's fonts-dejavu-core and fonts-nanum): where one is missing, the other
/// draws what it can.
/// </summary>
public static class NoticePdf
{
    private const float Width = 595, Height = 842, Margin = 56, Size = 10, Leading = 14;

    private static readonly string[] LatinFonts = ["/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf"];
    private static readonly string[] HangulFonts = ["/usr/share/fonts/truetype/nanum/NanumGothic.ttf", "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"];

    private static readonly Lazy<(SKTypeface Latin, SKTypeface Hangul)> Fonts = new(() =>
    {
        var latin = LatinFonts.Where(File.Exists).Select(SKTypeface.FromFile).FirstOrDefault(t => t is not null);
        var hangul = HangulFonts.Where(File.Exists).Select(SKTypeface.FromFile).FirstOrDefault(t => t is not null);
        return (latin ?? hangul ?? SKTypeface.Default, hangul ?? latin ?? SKTypeface.Default);
    });

    /// <summary>The PDF of a notice: a heading (recipient, subject, reference, state), then the body, wrapped to the page.</summary>
    public static byte[] Write(Notice notice, string platform)
    {
        var (latin, hangul) = Fonts.Value;
        using var stream = new MemoryStream();
        var metadata = new SKDocumentPdfMetadata
        {
            Title = notice.Subject, Author = notice.ApprovedBy ?? notice.DraftedBy, Creator = "Isop", Producer = "Isop",
            Creation = notice.CreatedAt.UtcDateTime, Modified = notice.UpdatedAt.UtcDateTime,
        };
        using (var document = SKDocument.CreatePdf(stream, metadata))
        {
            using var latinFont = new SKFont(latin, Size);
            using var hangulFont = new SKFont(hangul, Size);
            using var bold = new SKFont(latin, Size + 2) { Embolden = true };
            using var paint = new SKPaint { Color = SKColors.Black, IsAntialias = true };
            var lines = new List<(string Text, bool Heading)>
            {
                ($"To: {(notice.RecipientName is null ? notice.Recipient : $"{notice.RecipientName} <{notice.Recipient}>")}", false),
                ($"Subject: {notice.Subject}", true),
                ($"Reference {notice.Id} · {platform} · {EnumNames.Of(notice.Basis)} · {EnumNames.Of(notice.State)}" +
                 (notice.ContentDigest is { } d ? $" · SHA-256 {d}" : ""), false),
                ("", false),
            };
            lines.AddRange(notice.Body.Split('\n').Select(l => (l, false)));
            SKCanvas? canvas = null;
            var y = 0f;
            foreach (var (text, heading) in lines)
            {
                foreach (var line in Wrap(text, heading ? bold : latinFont, hangulFont, Width - 2 * Margin))
                {
                    if (canvas is null || y > Height - Margin)
                    {
                        if (canvas is not null) document.EndPage();
                        canvas = document.BeginPage(Width, Height);
                        y = Margin;
                    }
                    Draw(canvas, line, Margin, y, heading ? bold : latinFont, hangulFont, paint);
                    y += Leading;
                }
            }
            if (canvas is not null) document.EndPage();
            document.Close();
        }
        return stream.ToArray();
    }

    /// <summary>Text cut into runs that one font can draw: Hangul (and other CJK) in the second font, the rest in the first.</summary>
    private static IEnumerable<(string Run, bool Cjk)> Runs(string text)
    {
        var start = 0;
        for (var i = 1; i <= text.Length; i++)
        {
            if (i < text.Length && IsCjk(text[i]) == IsCjk(text[start])) continue;
            yield return (text[start..i], IsCjk(text[start]));
            start = i;
        }
    }

    private static bool IsCjk(char c) => c is >= '\u1100' and <= '\u11FF' or >= '\u3000' and <= '\u9FFF' or >= '\uAC00' and <= '\uD7AF' or >= '\uF900' and <= '\uFAFF' or >= '\uFF00' and <= '\uFFEF';

    private static float Measure(string text, SKFont latin, SKFont cjk) => Runs(text).Sum(r => (r.Cjk ? cjk : latin).MeasureText(r.Run));

    private static void Draw(SKCanvas canvas, string text, float x, float y, SKFont latin, SKFont cjk, SKPaint paint)
    {
        foreach (var (run, isCjk) in Runs(text))
        {
            var font = isCjk ? cjk : latin;
            canvas.DrawText(run, x, y, font, paint);
            x += font.MeasureText(run);
        }
    }

    /// <summary>Lines no wider than <paramref name="width"/>: cut at spaces, and inside a word (a long URL) where one word is wider.</summary>
    private static IEnumerable<string> Wrap(string text, SKFont latin, SKFont cjk, float width)
    {
        if (text.Length == 0)
        {
            yield return "";
            yield break;
        }
        var indent = text[..(text.Length - text.TrimStart(' ').Length)];
        var line = "";
        foreach (var word in text.TrimStart(' ').Split(' '))
        {
            var candidate = line.Length == 0 ? indent + word : line + " " + word;
            if (Measure(candidate, latin, cjk) <= width)
            {
                line = candidate;
                continue;
            }
            if (line.Length > 0) yield return line;
            line = indent + word;
            while (Measure(line, latin, cjk) > width && line.Length > indent.Length + 1)
            {
                var cut = line.Length - 1;
                while (cut > indent.Length + 1 && Measure(line[..cut], latin, cjk) > width) cut--;
                if (char.IsLowSurrogate(line[cut])) cut--;
                yield return line[..cut];
                line = indent + line[cut..];
            }
        }
        if (line.Length > 0) yield return line;
    }
}
