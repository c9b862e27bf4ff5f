namespace Isop.Web;

/// <summary>An input that failed validation: the errors by field, as the API names them. Endpoints answer 400 with them.</summary>
public sealed class InvalidInputException(IReadOnlyDictionary<string, string[]> errors)
    : Exception(string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")))
{
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;

    /// <summary>Throws when <paramref name="errors"/> holds any.</summary>
    public static void ThrowIfAny(Dictionary<string, string[]> errors)
    {
        if (errors.Count > 0) throw new InvalidInputException(errors);
    }
}
