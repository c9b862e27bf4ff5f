using System.Text.Json.Serialization;
using Isop.Access;

namespace Isop.Catalogue;

[JsonConverter(typeof(JsonStringEnumConverter<WorkKind>))]
public enum WorkKind
{
    [JsonStringEnumMemberName("film")] Film,
    [JsonStringEnumMemberName("series")] Series,
    [JsonStringEnumMemberName("music")] Music,
    [JsonStringEnumMemberName("webtoon")] Webtoon,
}

/// <summary>A protected work registered by a rights holder.</summary>
[RecordKind("work")]
public sealed class Work : IShareable
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    /// <summary>The catalogue's own id ("K001"), unique within the owner organisation.</summary>
    public required string ExternalId { get; set; }
    public WorkKind Kind { get; set; }
    public int? Year { get; set; }
    /// <summary>Episodes for series, chapters for webtoons.</summary>
    public int? Episodes { get; set; }
    public string? RightsHolder { get; set; }
    public List<WorkTitle> Titles { get; set; } = [];
    public List<WorkAlias> Aliases { get; set; } = [];
    /// <summary>A series' or webtoon's seasons as the catalogue states them; none stored means one, with all the episodes (<see cref="CatalogueWork.SeasonList"/>).</summary>
    public List<WorkSeason> Seasons { get; set; } = [];
    /// <summary>Where the work is offered legally (by its rights holder): shown to the public when the work is TLP:CLEAR.</summary>
    public List<WorkOffer> Offers { get; set; } = [];
    /// <summary>Reference PDQ hashes of the work's posters and key frames.</summary>
    public List<WorkFingerprint> Fingerprints { get; set; } = [];

    /// <summary>Titles in the catalogue's order (the database does not keep list order by itself).</summary>
    public IEnumerable<WorkTitle> OrderedTitles() => Titles.OrderBy(t => t.Position);

    public IEnumerable<WorkAlias> OrderedAliases() => Aliases.OrderBy(a => a.Position);

    public IEnumerable<WorkSeason> OrderedSeasons() => Seasons.OrderBy(s => s.Number);

    public IEnumerable<WorkOffer> OrderedOffers() => Offers.OrderBy(o => o.Position);
    public Tlp Tlp { get; set; }
    public Guid OwnerOrganisationId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

public sealed class WorkTitle : IRecordPart
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Text { get; set; }
    /// <summary>BCP 47 language tag ("ko", "en", "fr", "zh-Hant").</summary>
    public required string Language { get; set; }
    public int Position { get; set; }
    public Work? Work { get; set; }
    IShareable? IRecordPart.Record => Work;
}

/// <summary>A season: its number (0 for specials), episode count, air year, and the titles it goes by where they differ ("스위트홈 2").</summary>
public sealed class WorkSeason : IRecordPart
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public int Number { get; set; }
    public int? Episodes { get; set; }
    public int? Year { get; set; }
    public List<CatalogueTitle> Titles { get; set; } = [];
    public Work? Work { get; set; }
    IShareable? IRecordPart.Record => Work;
}

public sealed class WorkAlias : IRecordPart
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Text { get; set; }
    public int Position { get; set; }
    public Work? Work { get; set; }
    IShareable? IRecordPart.Record => Work;
}

/// <summary>A reference PDQ hash of a work: an uploaded poster or key frame, or one second of an uploaded video.</summary>
public sealed class WorkFingerprint : IRecordPart
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    /// <summary>64 hexadecimal digits.</summary>
    public required string Pdq { get; set; }
    public int Quality { get; set; }
    /// <summary>The uploaded file's name, and for a video the second the frame was taken at.</summary>
    public required string Source { get; set; }
    public int? Second { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public Work? Work { get; set; }
    IShareable? IRecordPart.Record => Work;
}

/// <summary>A legal offer of a work: a service, its link, and the countries (ISO 3166-1, space-separated; empty: everywhere).</summary>
public sealed class WorkOffer : IRecordPart
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Service { get; set; }
    public required string Url { get; set; }
    public string Countries { get; set; } = "";
    public int Position { get; set; }
    public Work? Work { get; set; }
    IShareable? IRecordPart.Record => Work;

    public IReadOnlyList<string> CountryList => Countries.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
