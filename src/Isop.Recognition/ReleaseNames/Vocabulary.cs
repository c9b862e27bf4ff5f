using System.Collections.Frozen;

namespace Isop.Recognition.ReleaseNames;

/// <summary>The words of release names, with the values Isop reports (guessit's vocabulary for source and codecs).</summary>
internal static class Vocabulary
{
    private static FrozenDictionary<string, string> Map(params (string Value, string[] Words)[] entries) =>
        entries.SelectMany(e => e.Words.Select(w => (w, e.Value)))
            .ToFrozenDictionary(x => x.w, x => x.Value, StringComparer.OrdinalIgnoreCase);

    public static readonly FrozenDictionary<string, string> Sources = Map(
        ("HDTV", ["hdtv", "hdtvrip", "hdtvmux", "hdtv-rip", "tvhd"]),
        ("Analog HDTV", ["ahdtv"]),
        ("Digital TV", ["pdtv", "pdtvrip", "dvb", "dvbrip", "dsr", "dsrip", "dthrip", "dtv", "dtvrip", "satrip", "dth"]),
        ("TV", ["tv", "tvrip", "sdtv", "tv-rip"]),
        ("DVD", ["dvd", "dvdrip", "dvd-rip", "dvdr", "dvd-r", "dvd5", "dvd9", "dvdscr", "dvdmux", "dvdriv", "dvdivx", "vodrip"]),
        ("Blu-ray", ["bluray", "blu-ray", "bdrip", "brrip", "brripmux", "bdmux", "bdripmux", "bd", "bd5", "bd9", "bdr", "bd-rip", "br-rip", "bdremux", "bluraymux"]),
        ("Ultra HD Blu-ray", ["uhdbluray", "uhd-bluray", "uhdbdrip"]),
        ("Web", ["web", "web-dl", "webdl", "webrip", "web-rip", "webhd", "web-dlrip", "webdlrip", "webmux", "web-cap", "webcap", "web-hd", "hdrip-web"]),
        ("HD-DVD", ["hddvd", "hd-dvd", "hddvdrip"]),
        ("VHS", ["vhs", "vhsrip", "vhs-rip"]),
        ("Digital Master", ["dm", "dmrip", "dm-rip"]),
        ("HD Telecine", ["hdtc"]),
        ("Telecine", ["tc", "telecine"]),
        ("HD Camera", ["hdcam"]),
        ("Camera", ["cam", "camrip", "cam-rip"]),
        ("HD Telesync", ["hdts", "hd-ts"]),
        ("Telesync", ["ts", "telesync", "pdvd", "predvdrip"]),
        ("Workprint", ["workprint", "wp"]),
        ("Pay-per-view", ["ppv", "ppvrip"]),
        ("Video on Demand", ["vod"]),
        ("Satellite", ["sat"]),
        ("HD Rip", ["hdrip", "hd-rip"]));

    public static readonly FrozenDictionary<string, string> VideoCodecs = Map(
        ("H.264", ["x264", "h264", "avc", "avc1", "x.264", "h.264", "h264-10bit", "x264-10bit", "avchd"]),
        ("H.265", ["x265", "h265", "hevc", "hevc10", "x.265", "h.265", "hevc-10bit", "x265-10bit"]),
        ("Xvid", ["xvid", "xvidhd"]),
        ("DivX", ["divx", "dvdivx"]),
        ("VP8", ["vp8"]),
        ("VP9", ["vp9"]),
        ("AV1", ["av1"]),
        ("MPEG-2", ["mpeg2", "mpeg-2", "h262", "h.262"]),
        ("VC-1", ["vc1", "vc-1"]),
        ("Real Video", ["rv10", "rv40"]));

    public static readonly FrozenDictionary<string, string> AudioCodecs = Map(
        ("AAC", ["aac", "aac2", "aac5", "aac2.0", "aac5.1", "he-aac", "aaclc"]),
        ("Dolby Digital", ["ac3", "dd", "dd5", "dd2", "dd5.1", "dd2.0", "ac3d", "dd-ex", "ddex"]),
        ("Dolby Digital Plus", ["eac3", "e-ac3", "ddp", "ddp5", "ddp2", "ddp5.1", "ddp2.0", "dd+", "dd+5.1"]),
        ("DTS", ["dts", "dtses", "dts-es"]),
        ("DTS-HD", ["dts-hd", "dtshd", "dts-hdma", "dts-ma", "dtsma", "dts-x", "dtsx"]),
        ("Dolby TrueHD", ["truehd", "true-hd"]),
        ("Dolby Atmos", ["atmos"]),
        ("FLAC", ["flac"]),
        ("MP3", ["mp3", "lame", "lame3"]),
        ("MP2", ["mp2"]),
        ("Opus", ["opus"]),
        ("Vorbis", ["vorbis", "ogg"]),
        ("PCM", ["pcm", "lpcm"]),
        ("ALAC", ["alac"]));

    public static readonly FrozenDictionary<string, string> StreamingServices = Map(
        ("Netflix", ["nf", "netflix", "netflixuhd"]),
        ("Amazon Prime", ["amzn", "amazon", "amz"]),
        ("Disney+", ["dsnp", "dsny", "disney+"]),
        ("Hulu", ["hulu"]),
        ("HBO Max", ["hmax", "hbomax"]),
        ("HBO", ["hbo"]),
        ("Apple TV+", ["atvp", "aptv"]),
        ("iTunes", ["it", "itunes"]),
        ("Peacock", ["pcok"]),
        ("Paramount+", ["pmtp"]),
        ("Crunchyroll", ["cr", "crunchyroll"]),
        ("Viki", ["viki"]),
        ("TVING", ["tving"]),
        ("Wavve", ["wavve", "pooq"]),
        ("Watcha", ["watcha"]),
        ("Coupang Play", ["cpng", "coupang"]),
        ("Kocowa", ["kcw", "kocowa"]),
        ("BBC iPlayer", ["ip", "iplayer"]),
        ("Stan", ["stan"]),
        ("Crave", ["crav"]),
        ("YouTube", ["yt", "youtube", "ytred"]));

    /// <summary>Audio languages (BCP 47; "mul" for several).</summary>
    public static readonly FrozenDictionary<string, string> Languages = Map(
        ("fr", ["french", "truefrench", "vff", "vf", "vfq", "vf2", "fr", "vfi", "francais", "français", "québec", "quebec", "qc"]),
        ("en", ["english", "eng", "en"]),
        ("ko", ["korean", "kor", "ko", "한국어"]),
        ("ja", ["japanese", "jap", "jpn", "ja"]),
        ("zh", ["chinese", "chs", "cht", "mandarin", "cantonese", "zh"]),
        ("de", ["german", "ger", "deutsch", "de"]),
        ("es", ["spanish", "español", "espanol", "castellano", "esp", "latino", "spa"]),
        ("it", ["italian", "ita", "italiano"]),
        ("pt", ["portuguese", "por", "pt-br", "dublado"]),
        ("ru", ["russian", "rus"]),
        ("uk", ["ukrainian", "ukr"]),
        ("nl", ["dutch", "flemish", "nld"]),
        ("no", ["norwegian", "nor"]),
        ("sv", ["swedish", "swe"]),
        ("da", ["danish", "dan"]),
        ("fi", ["finnish", "fin"]),
        ("pl", ["polish", "pol", "pl"]),
        ("hi", ["hindi", "hin"]),
        ("te", ["telugu", "tel"]),
        ("ta", ["tamil", "tam"]),
        ("tr", ["turkish", "tur"]),
        ("ar", ["arabic", "ara"]),
        ("th", ["thai"]),
        ("vi", ["vietnamese", "vie"]),
        ("id", ["indonesian", "ind"]),
        ("he", ["hebrew", "heb"]),
        ("mul", ["multi", "multi-lang", "multilang", "dual", "dl"]));

    /// <summary>Words that declare subtitles in one word (VOSTFR, NLSubs, KORSUB).</summary>
    public static readonly FrozenDictionary<string, string> SubtitleWords = Map(
        ("fr", ["vostfr", "stfr", "vost", "subfrench", "frsub", "frsubs", "subforced"]),
        ("en", ["engsub", "engsubs", "eng-sub", "eng-subs", "ensub", "ensubs", "hardsub", "hardsubs", "hc"]),
        ("ko", ["korsub", "korsubs", "kosub"]),
        ("nl", ["nlsub", "nlsubs", "nlsubbed"]),
        ("he", ["hebsub", "hebsubs"]),
        ("es", ["subesp"]),
        ("pt", ["legendado", "legendas", "legenda"]),
        ("mul", ["multisub", "multisubs", "multi-sub", "multi-subs"]));

    /// <summary>Words that mark the next or previous language as subtitles ("Eng Sub", "sub.FR").</summary>
    public static readonly FrozenSet<string> SubtitleMarkers = new[] { "sub", "subs", "subbed", "subtitles", "subtitle", "subtitled", "soft", "自幕" }
        .ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    public static readonly FrozenDictionary<string, string> Editions = Map(
        ("Director's Cut", ["dc", "directors", "director's", "director"]),
        ("Extended", ["extended", "extended-cut"]),
        ("Unrated", ["unrated", "uncensored"]),
        ("Uncut", ["uncut"]),
        ("Remastered", ["remastered", "remaster", "4k-remaster"]),
        ("Theatrical", ["theatrical"]),
        ("Special Edition", ["special"]),
        ("Collector", ["collector", "collector's"]),
        ("Criterion", ["criterion", "cc"]),
        ("IMAX", ["imax"]),
        ("Final Cut", ["final-cut"]),
        ("Alternative Cut", ["alternate", "alternative"]),
        ("Limited", ["limited"]),
        ("Festival", ["festival"]));

    /// <summary>Broadcasters whose names prefix Korean rips ("[tvN] 눈물의 여왕 5회"): never the release group.</summary>
    public static readonly FrozenSet<string> Broadcasters = new[]
    {
        "tvn", "kbs", "kbs1", "kbs2", "mbc", "sbs", "jtbc", "ocn", "ena", "mbn", "tv조선", "채널a", "channel a", "tvchosun", "mnet", "ebs", "kbs drama", "sbs plus",
        "nhk", "fuji", "tbs", "bbc", "itv", "cbs", "abc", "nbc", "fox", "amc", "tf1", "m6", "arte",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>Words that say nothing about the work: they end a title and are otherwise ignored.</summary>
    public static readonly FrozenSet<string> Other = new[]
    {
        "proper", "repack", "rerip", "real", "internal", "readnfo", "read.nfo", "nfofix", "dirfix", "subfix", "syncfix",
        "complete", "completa", "final", "fastsub", "hdlight", "10bit", "10-bit", "8bit", "12bit", "hi10p", "hi10", "hdr", "hdr10", "hdr10+",
        "dv", "dovi", "sdr", "3d", "hsbs", "half-sbs", "half-ou", "sbs", "ou", "ws", "widescreen", "fs", "fullscreen",
        "pal", "ntsc", "secam", "dubbed", "dub", "dual-audio", "upscale", "upscaled", "remux", "mux", "hq", "lq", "hd", "fhd", "uhd", "4k", "sd",
        "preair", "pre-air", "stv", "screener", "scr", "retail", "custom", "colorized", "converted", "oar", "vfr", "cfr",
        "sample", "trailer", "extras", "bonus", "ost", "vostfr", "obfuscated", "xpost", "asrequested", "postbot", "scrambled",
        "2ch", "6ch", "8ch", "5.1", "7.1", "2.0", "1.0", "6.0", "24fps", "25fps", "30fps", "50fps", "60fps", "23.976fps",
        "ld", "md", "cx", "yuv420p10", "mkv", "mp4", "avi", "wmv", "audio", "rip", "ona", "ova", "oad", "oav", "hfr", "48fps", "bt2020", "doku",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>Words that reposters and indexers append and that no group is named ("HEVC-Obfuscated", "x264-xpost").</summary>
    public static readonly FrozenSet<string> NeverGroups = new[]
    {
        "obfuscated", "xpost", "asrequested", "postbot", "scrambled", "alternativetorequested", "repackpost",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>Tags of the trackers and repost bots that are never the release group.</summary>
    public static readonly FrozenSet<string> NotGroups = new[]
    {
        "ettv", "eztv", "rartv", "rarbg.com", "bb", "vtv", "1337x", "tgx", "torrentgalaxy",
        "rakuv", "sample", "rp", "nzbgeek", "eng", "en",
        // Suffixes that indexers and reposters add after the real group ("x264-NTb-AlternativeToRequested")
        "rakuvus", "rakuvuk", "rakuvfin", "rakuvnl", "rakuvde", "z0ids3n", "whiterev", "buymore", "gerov",
        "chamele0n", "4p", "4planet", "altezachen", "nzbgeek", "ettv.to", "eztv.re", "eztvx.to", "rarbg", "publichd",
        "glodls", "yify.torrent", "ethd", "torrentleech", "iptorrents", "snahp", "cpasbien", "qxr", "pre",
    }.Concat(NeverGroups).ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    public static readonly FrozenSet<string> Containers = new[]
    {
        "mkv", "avi", "mp4", "m4v", "mov", "wmv", "ts", "m2ts", "mts", "webm", "flv", "ogm", "ogv", "mpg", "mpeg", "vob", "iso", "divx", "3gp", "rmvb", "rm",
        "srt", "sub", "ass", "ssa", "idx", "vtt", "nfo", "torrent", "nzb", "par2", "rar", "zip", "7z",
        "mp3", "flac", "m4a", "aac", "ogg", "wav", "alac", "opus", "wma", "ape",
        "cbz", "cbr", "epub", "pdf", "jpg", "jpeg", "png", "webp", "gif",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    public static readonly FrozenSet<string> AudioOnlyContainers = new[] { "mp3", "flac", "m4a", "ogg", "wav", "alac", "opus", "wma", "ape" }
        .ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    public static readonly FrozenSet<string> ComicContainers = new[] { "cbz", "cbr", "epub", "pdf" }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>Top-level domains that make a dotted word a web site name.</summary>
    public static readonly FrozenSet<string> TopLevelDomains = new[]
    {
        "com", "net", "org", "ru", "info", "to", "tv", "me", "io", "cc", "xyz", "biz", "ws", "in", "co", "se", "nu", "eu", "fr", "kr", "uk", "de", "es", "it",
        "pl", "nl", "ch", "be", "tw", "jp", "cn", "su", "lol", "site", "online", "club", "top", "link", "live", "pw", "ag", "ac", "is", "li", "mx", "re", "st", "vip",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>Folder names that carry no title ("Series/…", "/mnt/videos/…").</summary>
    public static readonly FrozenSet<string> GenericFolders = new[]
    {
        "series", "tv", "tv shows", "tvshows", "shows", "movies", "movie", "films", "film", "videos", "video", "media", "mnt", "share", "download", "downloads",
        "home", "temp", "tmp", "postprocessing", "complete", "completed", "incoming", "torrents", "data", "volume1", "public", "anime", "music", "webtoons", "live",
        "드라마", "영화", "예능", "애니", "웹툰", "음악",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>Words for "season" in the languages of the names Isop sees.</summary>
    public static readonly FrozenSet<string> SeasonWords = new[] { "season", "seasons", "saison", "saisons", "temporada", "tem", "staffel", "stagione", "series", "시즌", "сезон", "sezon", "se" }
        .ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>Words for "episode".</summary>
    public static readonly FrozenSet<string> EpisodeWords = new[] { "episode", "episodes", "ep", "eps", "épisode", "épisodes", "episodio", "folge", "cap", "capitulo", "capítulo", "odcinek", "серии", "серия", "эпизод", "afl", "aflevering" }
        .ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>Words for "episode" that follow the number (Turkish "60.Bölüm").</summary>
    public static readonly FrozenSet<string> EpisodeWordsAfter = new[] { "bölüm", "bolum", "blm", "bölum", "bolüm" }
        .ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>"and" between two episode numbers ("afl.3 en 4", "Episode 5 &amp; 6", "épisode 1 et 2", "Folge 3 und 4").</summary>
    public static readonly FrozenSet<string> EpisodeConjunctions = new[] { "&", "and", "en", "et", "und", "y", "e", "i", "и", "와", "과" }
        .ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>Words for a webtoon or comic chapter.</summary>
    public static readonly FrozenSet<string> ChapterWords = new[] { "chapter", "chapters", "ch", "chap", "chapitre", "manhwa", "webtoon" }
        .ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>Every vocabulary at once: one look-up per word on the hot path.</summary>
    public static readonly FrozenDictionary<string, Word> Words = BuildWords();

    private static FrozenDictionary<string, Word> BuildWords()
    {
        var words = new Dictionary<string, Word>(StringComparer.OrdinalIgnoreCase);
        Word Of(string w) => words.TryGetValue(w, out var x) ? x : words[w] = new Word();
        foreach (var (w, v) in Sources) Of(w).Source = v;
        foreach (var (w, v) in VideoCodecs) Of(w).VideoCodec = v;
        foreach (var (w, v) in AudioCodecs) Of(w).AudioCodec = v;
        foreach (var (w, v) in StreamingServices) Of(w).Service = v;
        foreach (var (w, v) in Languages) Of(w).Language = v;
        foreach (var (w, v) in SubtitleWords) Of(w).Subtitle = v;
        foreach (var (w, v) in Editions) Of(w).Edition = v;
        foreach (var w in Other) Of(w).Other = true;
        foreach (var w in SubtitleMarkers) Of(w).SubtitleMarker = true;
        foreach (var w in SeasonWords) Of(w).SeasonWord = true;
        foreach (var w in EpisodeWords) Of(w).EpisodeWord = true;
        foreach (var w in ChapterWords) Of(w).ChapterWord = true;
        foreach (var w in NotGroups) Of(w).NotGroup = true;
        return words.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
    }
}

/// <summary>What a word can be, in every vocabulary.</summary>
internal sealed class Word
{
    public string? Source { get; set; }
    public string? VideoCodec { get; set; }
    public string? AudioCodec { get; set; }
    public string? Service { get; set; }
    public string? Language { get; set; }
    public string? Subtitle { get; set; }
    public string? Edition { get; set; }
    public bool Other { get; set; }
    public bool SubtitleMarker { get; set; }
    public bool SeasonWord { get; set; }
    public bool EpisodeWord { get; set; }
    public bool ChapterWord { get; set; }
    public bool NotGroup { get; set; }
}
