using System.Text.Json;
using Isop.Access;
using Isop.Catalogue;
using Microsoft.AspNetCore.Diagnostics;

namespace Isop.Web;

public sealed record ProblemDetailsView(string Title, int Status, string Detail);

/// <summary>Shared pieces of request validation: field names as the client wrote them.</summary>
public static class ApiErrors
{
    /// <summary>The request body as JSON, or null with the syntax error (line and column) in <paramref name="errors"/>.</summary>
    public static async Task<JsonDocument?> ParseBodyAsync(HttpRequest request, Dictionary<string, string[]> errors, CancellationToken ct)
    {
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(request.Body, new JsonDocumentOptions { MaxDepth = 16 }, ct);
        }
        catch (JsonException e)
        {
            errors["$"] = [$"not valid JSON (line {e.LineNumber + 1}, column {e.BytePositionInLine + 1}; UTF-8 expected)"];
            return null;
        }
        // Text no database keeps as it is: a NUL character (PostgreSQL refuses it) or half of a surrogate pair.
        var before = errors.Count;
        CheckText(document.RootElement, "$", errors);
        if (errors.Count == before) return document;
        document.Dispose();
        return null;
    }

    private static void CheckText(JsonElement element, string path, Dictionary<string, string[]> errors)
    {
        if (errors.Count >= 20) return;
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                string text;
                try
                {
                    text = element.GetString()!;
                }
                catch (InvalidOperationException)
                {
                    errors[FieldOf(path)] = ["not valid Unicode text (invalid UTF-8, or half of a surrogate pair)"];
                    return;
                }
                if (text.Contains('\0')) errors[FieldOf(path)] = ["contains a NUL character"];
                break;
            case JsonValueKind.Object:
                foreach (var p in element.EnumerateObject())
                {
                    var name = p.Name;
                    if (name.Contains('\0')) errors[FieldOf(path)] = ["a field name contains a NUL character"];
                    else CheckText(p.Value, path == "$" ? "$." + name : path + "." + name, errors);
                }
                break;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in element.EnumerateArray()) CheckText(item, $"{path}[{i++}]", errors);
                break;
        }
    }

    /// <summary>
    /// Reads a JSON body into a typed input. What is wrong with it (not JSON, wrong types, unknown fields) travels with
    /// the input and is reported when the write service validates it, after the caller's access is checked.
    /// </summary>
    /// <summary>Reads a body of one field, {"reason": "…"} (withdrawing a notice, rejecting a tip): the reason, or null.</summary>
    public static Task<string?> ReasonAsync(HttpRequest request, CancellationToken ct) => ReadInputAsync(request, (body, errors) =>
    {
        JsonFields.RejectUnknown(body, ["reason"], errors);
        var value = JsonFields.String(body, "reason", errors);
        InvalidInputException.ThrowIfAny(errors);
        return value;
    }, ct);

    public static async Task<T> ReadInputAsync<T>(HttpRequest request, Func<JsonElement, Dictionary<string, string[]>, T> read, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        using var document = await ApiErrors.ParseBodyAsync(request, errors, ct);
        if (document is not null) return read(document.RootElement, errors);
        using var empty = JsonDocument.Parse("{}");
        return read(empty.RootElement, errors);
    }

    /// <summary>A value quoted back in an error, cut so that a megabyte sent is not a megabyte returned.</summary>
    public static string Quote(JsonElement value)
    {
        var raw = value.GetRawText();
        return raw.Length <= 80 ? raw : raw[..77] + "…";
    }

    /// <summary><c>$.titles[0].lang</c> → <c>titles[0].lang</c>; the whole body is <c>$</c>.</summary>
    public static string FieldOf(string jsonPath) => jsonPath == "$" ? "$" : jsonPath.StartsWith("$.", StringComparison.Ordinal) ? jsonPath[2..] : jsonPath;

    public static Tlp ReadTlp(JsonElement body, Tlp fallback, Dictionary<string, string[]> errors)
    {
        if (!body.TryGetProperty("tlp", out var v) || v.ValueKind == JsonValueKind.Null) return fallback;
        if (v.ValueKind == JsonValueKind.String && TlpLabels.TryParse(v.GetString(), out var tlp)) return tlp;
        errors["tlp"] = [$"expected {TlpLabels.Expected}, got {Quote(v)}"];
        return fallback;
    }

    public static SharesDto? ReadShares(JsonElement body, Dictionary<string, string[]> errors)
    {
        if (!body.TryGetProperty("sharedWith", out var v) || v.ValueKind == JsonValueKind.Null) return null;
        if (v.ValueKind != JsonValueKind.Object)
        {
            errors["sharedWith"] = ["expected an object {\"organisations\": [ids], \"members\": [ids]}"];
            return null;
        }
        return new SharesDto(Ids(v, "organisations", errors), Ids(v, "members", errors));
    }

    private static List<Guid> Ids(JsonElement shares, string name, Dictionary<string, string[]> errors)
    {
        var ids = new List<Guid>();
        if (!shares.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null) return ids;
        if (v.ValueKind != JsonValueKind.Array)
        {
            errors[$"sharedWith.{name}"] = ["expected an array of ids"];
            return ids;
        }
        var i = 0;
        foreach (var item in v.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.String && Guid.TryParse(item.GetString(), out var id)) ids.Add(id);
            else errors[$"sharedWith.{name}[{i}]"] = [$"expected an id (UUID), got {Quote(item)}"];
            i++;
        }
        return ids;
    }
}

/// <summary>Turns the domain's exceptions into problem details: access refused → 403, bad catalogue → 400 with paths.</summary>
internal sealed class IsopExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        switch (exception)
        {
            case AccessDeniedException denied:
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return await problems.TryWriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context,
                    ProblemDetails = { Status = 403, Title = "Forbidden", Detail = denied.Message },
                });
            case InvalidInputException invalid:
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                return await problems.TryWriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context,
                    ProblemDetails = new Microsoft.AspNetCore.Http.HttpValidationProblemDetails(invalid.Errors.ToDictionary()) { Status = 400, Title = "One or more validation errors occurred." },
                });
            case ConflictException conflict:
                context.Response.StatusCode = StatusCodes.Status409Conflict;
                return await problems.TryWriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context,
                    ProblemDetails = { Status = 409, Title = "Conflict", Detail = conflict.Message },
                });
            case Enforcement.DeliveryException delivery:
                context.Response.StatusCode = delivery.Status;
                return await problems.TryWriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context,
                    ProblemDetails = { Status = delivery.Status, Title = "Not sent", Detail = delivery.Message },
                });
            case CatalogueFormatException format:
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                var details = new Microsoft.AspNetCore.Http.HttpValidationProblemDetails(
                    format.Errors.GroupBy(e => ApiErrors.FieldOf(e.Path))
                        .ToDictionary(g => g.Key, g => g.Select(e => e.Line is null ? e.Message : $"{e.Message} (line {e.Line}, column {e.Column})").ToArray()))
                {
                    Status = 400,
                    Title = "The catalogue is not valid; nothing was imported.",
                    Detail = format.Message,
                };
                return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = details });
            case BadHttpRequestException bad:
                context.Response.StatusCode = bad.StatusCode;
                return await problems.TryWriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context,
                    ProblemDetails =
                    {
                        Status = bad.StatusCode, Title = "Bad request",
                        Detail = bad.InnerException is JsonException json ? $"{bad.Message} {json.Message}{(json.Path is { } at ? $" (at {at})" : "")}" : BindingProblem(bad.Message),
                    },
                });
            default:
                return false;
        }
    }

    /// <summary>A parameter the framework could not bind, said without its C# type: "active: expected true or false, got "maybe"".</summary>
    private static string BindingProblem(string message)
    {
        var match = System.Text.RegularExpressions.Regex.Match(message, "^Failed to bind parameter \"(?<type>[^\"]+) (?<name>[A-Za-z0-9_]+)\" from \"(?<value>.*)\"\\.$",
            System.Text.RegularExpressions.RegexOptions.Singleline, TimeSpan.FromSeconds(1));
        if (!match.Success) return message;
        var type = match.Groups["type"].Value.Replace("Nullable<", "", StringComparison.Ordinal).TrimEnd('>', '?');
        var expected = type switch
        {
            "bool" or "Boolean" => "true or false",
            "int" or "Int32" or "long" or "Int64" => "a whole number",
            "double" or "Double" or "decimal" or "Decimal" => "a number",
            "Guid" => "an id (GUID)",
            "DateTimeOffset" or "DateTime" or "DateOnly" => "an ISO 8601 date or time",
            _ => "a valid value",
        };
        var value = match.Groups["value"].Value;
        return $"{match.Groups["name"].Value}: expected {expected}, got \"{(value.Length > 100 ? value[..100] + "…" : value)}\".";
    }
}
