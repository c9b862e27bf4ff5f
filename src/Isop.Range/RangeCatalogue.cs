using System.Text.Json;

namespace Isop.Range;

public sealed record RangeTitle(string Text, string Lang);

/// <summary>A protected work of the range: real K-content, with its Korean, English and (where there is one) French titles.</summary>
public sealed record RangeWork(string Id, string Kind, int Year, int? Episodes, IReadOnlyList<RangeTitle> Titles, IReadOnlyList<string> Aliases)
{
    public string Title(string lang) =>
        Titles.FirstOrDefault(t => t.Lang == lang)?.Text ?? Titles.FirstOrDefault(t => t.Lang == "en")?.Text ?? Titles[0].Text;

    public bool HasTitle(string lang) => Titles.Any(t => t.Lang == lang);
}

/// <summary>The range's catalogue of protected works, in the format <c>isop catalogue import</c> reads.</summary>
public static class RangeCatalogue
{
    private static RangeWork Series(string id, int year, int episodes, string ko, string en, string? fr = null) =>
        new(id, "series", year, episodes, Titles(ko, en, fr), []);

    private static RangeWork Film(string id, int year, string ko, string en, string? fr = null) =>
        new(id, "film", year, null, Titles(ko, en, fr), []);

    private static RangeTitle[] Titles(string ko, string en, string? fr) =>
        fr is null ? [new(ko, "ko"), new(en, "en")] : [new(ko, "ko"), new(en, "en"), new(fr, "fr")];

    public static IReadOnlyList<RangeWork> Works { get; } =
    [
        Series("K001", 2019, 16, "사랑의 불시착", "Crash Landing on You", "Crash Landing on You"),
        Series("K002", 2024, 16, "눈물의 여왕", "Queen of Tears", "La Reine des larmes"),
        Series("K003", 2021, 9, "오징어 게임", "Squid Game"),
        Series("K004", 2016, 16, "도깨비", "Goblin"),
        Series("K005", 2015, 20, "응답하라 1988", "Reply 1988"),
        Series("K007", 2019, 6, "킹덤", "Kingdom"),
        Series("K009", 2021, 20, "빈센조", "Vincenzo"),
        Series("K010", 2022, 16, "더 글로리", "The Glory"),
        Series("K011", 2022, 16, "이상한 변호사 우영우", "Extraordinary Attorney Woo"),
        Series("K012", 2020, 12, "슬기로운 의사생활", "Hospital Playlist"),
        Series("K014", 2016, 16, "시그널", "Signal"),
        Series("K016", 2020, 10, "스위트홈", "Sweet Home"),
        Series("K017", 2018, 16, "나의 아저씨", "My Mister"),
        Series("K018", 2023, 20, "무빙", "Moving"),
        Film("F001", 2019, "기생충", "Parasite", "Parasite"),
        Film("F002", 2003, "올드보이", "Oldboy", "Old Boy"),
        Film("F003", 2016, "부산행", "Train to Busan", "Dernier train pour Busan"),
        Film("F004", 2016, "아가씨", "The Handmaiden", "Mademoiselle"),
        Film("F005", 2022, "헤어질 결심", "Decision to Leave"),
        Film("F009", 2003, "살인의 추억", "Memories of Murder", "Memories of Murder"),
        new("M002", "music", 2021, null, [new("라일락", "ko"), new("LILAC", "en")], ["IU LILAC"]),
        new("M003", "music", 2022, null, [new("BORN PINK", "en")], ["BLACKPINK BORN PINK"]),
        new("M004", "music", 2023, null, [new("Get Up", "en")], ["NewJeans Get Up"]),
        new("W001", "webtoon", 2018, 179, [new("나 혼자만 레벨업", "ko"), new("Solo Leveling", "en")], []),
        new("W002", "webtoon", 2010, 600, [new("신의 탑", "ko"), new("Tower of God", "en"), new("La Tour de Dieu", "fr")], []),
        new("W003", "webtoon", 2018, 230, [new("여신강림", "ko"), new("True Beauty", "en")], []),
        new("W004", "webtoon", 2014, 500, [new("외모지상주의", "ko"), new("Lookism", "en")], []),
    ];

    /// <summary>Titles that are not in the catalogue (other countries' works, other Korean shows): listings of them must not match.</summary>
    public static IReadOnlyList<(string Kind, string Title, int Year)> Unprotected { get; } =
    [
        ("series", "Breaking Bad", 2008), ("series", "The Bear", 2022), ("series", "Les Revenants", 2012), ("film", "Avengers Endgame", 2019),
        ("series", "무한도전", 2005), ("webtoon", "One Piece", 1997), ("film", "Oldboy", 2013), ("series", "Prison Break", 2005),
    ];

    public static string ToJson() => JsonSerializer.Serialize(new
    {
        works = Works.Select(w => new
        {
            id = w.Id,
            kind = w.Kind,
            year = w.Year,
            episodes = w.Episodes,
            titles = w.Titles.Select(t => new { text = t.Text, lang = t.Lang }),
            aliases = w.Aliases,
            rightsHolder = "Range rights holder",
        }),
    }, new JsonSerializerOptions { WriteIndented = true, DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
}
