namespace Isop.Data;

public static class Paging
{
    /// <summary>Page <paramref name="number"/> (from 1) of <paramref name="size"/> rows; a page far past the end is empty, never a negative offset.</summary>
    public static IQueryable<T> Page<T>(this IQueryable<T> query, int number, int size) =>
        query.Skip((int)Math.Min((Math.Max(number, 1) - 1L) * size, int.MaxValue)).Take(size);
}
