using Isop.Web;

namespace Isop.Monitoring;

/// <summary>A work the listings of a page were recognised as, with how many of them and the reasons they all share.</summary>
public sealed record WorkReasons(Guid WorkId, string? ExternalId, string? Title, int Listings, IReadOnlyList<ReasonView> Shared);

/// <summary>
/// The matcher's reasons for a page of listings said once per work: what every listing of a work shares ("title … appears
/// in the listing", "year 2023 matches") once for the work, and on a row only what is its own (its episode, its season).
/// </summary>
public sealed class ListingReasons
{
    private readonly Dictionary<Guid, HashSet<string>> shared = [];

    /// <summary>The works, in the order the page first shows them.</summary>
    public IReadOnlyList<WorkReasons> Works { get; }

    private ListingReasons(IReadOnlyList<WorkReasons> works)
    {
        Works = works;
        foreach (var work in works) shared[work.WorkId] = [.. work.Shared.Select(Key)];
    }

    public static ListingReasons Of(IEnumerable<ObservationView> rows)
    {
        var works = rows.Where(o => o.WorkId is not null).GroupBy(o => o.WorkId!.Value).Select(g =>
        {
            var first = g.First();
            var common = (first.Why ?? []).ToList();
            foreach (var row in g.Skip(1))
            {
                var keys = (row.Why ?? []).Select(Key).ToHashSet(StringComparer.Ordinal);
                common.RemoveAll(r => !keys.Contains(Key(r)));
            }
            return new WorkReasons(g.Key, first.WorkExternalId, first.WorkTitle, g.Count(), common.DistinctBy(Key).ToList());
        }).ToList();
        return new ListingReasons(works);
    }

    /// <summary>The row's reasons that its work's other listings on the page do not all share.</summary>
    public IReadOnlyList<ReasonView> Own(ObservationView row) =>
        row.WorkId is { } work && shared.TryGetValue(work, out var keys) ? [.. (row.Why ?? []).Where(r => !keys.Contains(Key(r)))] : [];

    private static string Key(ReasonView reason) => reason.Code + "\u001f" + string.Join('\u001f', reason.Args);
}
