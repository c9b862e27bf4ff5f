using System.Globalization;
using System.Linq.Expressions;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;

namespace Isop.Web;

/// <summary>
/// The orders a list may be sorted in, by key (<c>?sort=first-seen&amp;dir=desc</c>): each key one expression and its
/// natural direction; an unknown key gives the default order. A tie is broken by the caller (by id), so pages never
/// overlap.
/// </summary>
public sealed class Sorts<T>
{
    private readonly Dictionary<string, (Func<IQueryable<T>, bool, IOrderedQueryable<T>> Apply, bool Descending)> _sorts = new(StringComparer.Ordinal);

    public Sorts(string defaultKey) => Default = defaultKey;

    public string Default { get; }

    public IReadOnlyCollection<string> Keys => _sorts.Keys;

    public Sorts<T> Add<TKey>(string key, Expression<Func<T, TKey>> by, bool descending = false)
    {
        _sorts[key] = ((q, desc) => desc ? q.OrderByDescending(by) : q.OrderBy(by), descending);
        return this;
    }

    /// <summary>The key if it is one of these, else the default.</summary>
    public string Known(string? key) => key is not null && _sorts.ContainsKey(key) ? key : Default;

    /// <summary>The direction asked for (<c>asc</c>, <c>desc</c>), else the key's natural one.</summary>
    public bool Descending(string key, string? dir) => dir switch
    {
        "asc" => false,
        "desc" => true,
        _ => _sorts[Known(key)].Descending,
    };

    public IOrderedQueryable<T> Apply(IQueryable<T> query, string? key, string? dir)
    {
        var known = Known(key);
        return _sorts[known].Apply(query, Descending(known, dir));
    }
}

/// <summary>
/// One list's sort, direction and page as the query string gives them, checked (an unknown sort is the default, a page
/// below 1 is 1 and past the end the last, a page size at most <see cref="MaxSize"/>), and the links that change one of
/// them while keeping every filter: the sort headers and the pager (<c>_SortHeader</c>, <c>_Pager</c>) read it.
/// </summary>
public sealed class Table
{
    public const int MaxSize = 200;

    private readonly Dictionary<string, StringValues> _query;
    private readonly Func<string, bool> _natural;

    private Table(Dictionary<string, StringValues> query, Func<string, bool> natural, string sort, bool descending, int page, int size)
    {
        _query = query;
        _natural = natural;
        Sort = sort;
        Descending = descending;
        Page = page;
        Size = size;
    }

    public string Sort { get; }
    public bool Descending { get; }
    public string Direction => Descending ? "desc" : "asc";
    public int Page { get; private set; }
    public int Size { get; }
    public int Total { get; private set; }
    public int Pages => Math.Max(1, (int)((Total + (long)Size - 1) / Size));
    public int Skip => (Page - 1) * Size;

    /// <summary>Reads <c>sort</c>, <c>dir</c>, <c>p</c> and <c>size</c> from the request.</summary>
    public static Table From<T>(HttpRequest request, Sorts<T> sorts, int defaultSize = 50)
    {
        var query = request.Query.ToDictionary(q => q.Key, q => q.Value, StringComparer.Ordinal);
        var sort = sorts.Known(request.Query["sort"]);
        var page = int.TryParse(request.Query["p"], NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? Math.Max(p, 1) : 1;
        var size = int.TryParse(request.Query["size"], NumberStyles.None, CultureInfo.InvariantCulture, out var s) && s > 0 ? Math.Min(s, MaxSize) : defaultSize;
        return new Table(query, k => sorts.Descending(k, null), sort, sorts.Descending(sort, request.Query["dir"]), page, size);
    }

    /// <summary>Sets the number of rows, and brings a page past the end back to the last.</summary>
    public void SetTotal(int total)
    {
        Total = total;
        Page = Math.Min(Page, Pages);
    }

    /// <summary>A link to this list with some parameters changed (null removes one); everything else is kept.</summary>
    public string Url(params (string Key, string? Value)[] changes)
    {
        var query = new Dictionary<string, StringValues>(_query, StringComparer.Ordinal);
        foreach (var (key, value) in changes)
        {
            if (value is null) query.Remove(key);
            else query[key] = value;
        }
        var pairs = query.Where(q => q.Key != "handler").SelectMany(q => q.Value.Where(v => !string.IsNullOrEmpty(v)).Select(v => new KeyValuePair<string, string?>(q.Key, v)));
        var url = QueryHelpers.AddQueryString("", pairs);
        return url.Length == 0 ? "?" : url;
    }

    /// <summary>Sorting by a key: the other direction when it is the current sort, else its natural one; from page 1.</summary>
    public string SortUrl(string key) =>
        Url(("sort", key), ("dir", key == Sort ? (Descending ? "asc" : "desc") : (_natural(key) ? "desc" : "asc")), ("p", null));

    public string PageUrl(int page) => Url(("p", page == 1 ? null : page.ToString(CultureInfo.InvariantCulture)));

    /// <summary>The <c>aria-sort</c> of a column: ascending or descending for the current sort, none for the others.</summary>
    public string AriaSort(string key) => key != Sort ? "none" : Descending ? "descending" : "ascending";

    /// <summary>The pages the pager links: the first, the last, and two either side of the current one.</summary>
    public IReadOnlyList<int> PageNumbers() =>
        [.. new[] { 1, Pages }.Concat(Enumerable.Range(Page - 2, 5)).Where(n => n >= 1 && n <= Pages).Distinct().Order()];

    /// <summary>This table's query parameters and their values (for an export link carrying the same filters and order).</summary>
    public string ExportQuery(params string[] drop) =>
        Url([.. drop.Select(d => (d, (string?)null)), ("p", null), ("size", null)]);

    public SortHeader Header(string key, string label) => new(this, key, label);
}

/// <summary>A sortable column header: <c>_SortHeader</c> draws it.</summary>
public sealed record SortHeader(Table Table, string Key, string Label);
