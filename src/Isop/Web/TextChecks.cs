namespace Isop.Web;

/// <summary>
/// Query strings and forms carry no NUL character (PostgreSQL cannot store one, and no name or text needs it): a request
/// with one gets a 400 problem naming the field, before any page or endpoint sees it. JSON bodies are checked as they
/// are parsed (<see cref="ApiErrors.ParseBodyAsync"/>).
/// </summary>
public static class TextChecks
{
    public static IApplicationBuilder UseTextChecks(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var errors = new Dictionary<string, string[]>();
        foreach (var (name, values) in context.Request.Query)
            if (name.Contains('\0') || values.Any(v => v?.Contains('\0') == true)) errors[Clip(name)] = ["contains a NUL character"];
        if (context.Request.HasFormContentType)
        {
            try
            {
                var form = await context.Request.ReadFormAsync(context.RequestAborted);
                foreach (var (name, values) in form)
                    if (name.Contains('\0') || values.Any(v => v?.Contains('\0') == true)) errors[Clip(name)] = ["contains a NUL character"];
                foreach (var file in form.Files)
                    if (file.FileName.Contains('\0')) errors[Clip(file.Name)] = ["the file name contains a NUL character"];
            }
            catch (InvalidDataException e)
            {
                // The form reader refuses NUL characters itself, without saying which field.
                errors["$"] = [$"the form cannot be read: {e.Message} (a NUL character, or a value too long)"];
            }
        }
        if (errors.Count == 0)
        {
            await next(context);
            return;
        }
        await TypedResults.ValidationProblem(errors).ExecuteAsync(context);
    });

    /// <summary>A character that reorders the text after it (bidirectional embeddings, overrides and isolates): "gnp.exe" shown as "exe.png".</summary>
    public static bool IsDirectionControl(char c) => c is >= '\u202a' and <= '\u202e' or >= '\u2066' and <= '\u2069';

    /// <summary>A value quoted in an error message: control and direction characters written as \uXXXX, so the message reads as it is.</summary>
    public static string Printable(string text)
    {
        if (!text.Any(c => char.IsControl(c) || IsDirectionControl(c))) return text;
        var b = new System.Text.StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            if (char.IsControl(c) || IsDirectionControl(c)) b.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
            else b.Append(c);
        }
        return b.ToString();
    }

    private static string Clip(string name) => (name.Length <= 80 ? name : name[..80]).Replace('\0', '?');
}
