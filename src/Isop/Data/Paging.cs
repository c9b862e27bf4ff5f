using Microsoft.EntityFrameworkCore;

namespace Isop.Data;

public static class Paging
{
    /// <summary>Page <paramref name="number"/> (from 1) of <paramref name="size"/> rows; a page far past the end is empty, never a negative offset.</summary>
    public static IQueryable<T> Page<T>(this IQueryable<T> query, int number, int size) =>
        query.Skip((int)Math.Min((Math.Max(number, 1) - 1L) * size, int.MaxValue)).Take(size);

    /// <summary>Page <paramref name="page"/> (default 1) of <paramref name="pageSize"/> rows (default 50, at most <paramref name="maxSize"/>) of an ordered query, with the total, as views.</summary>
    public static async Task<Catalogue.Paged<TView>> ToPagedAsync<T, TView>(this IOrderedQueryable<T> query, int? page, int? pageSize, int maxSize,
        Func<List<T>, Task<List<TView>>> views, CancellationToken ct)
    {
        var size = Math.Clamp(pageSize ?? 50, 1, maxSize);
        var number = Math.Max(page ?? 1, 1);
        var total = await query.CountAsync(ct);
        var items = await query.Page(number, size).ToListAsync(ct);
        return new Catalogue.Paged<TView>(await views(items), total, number, size);
    }
}
