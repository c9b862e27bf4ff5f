using System.Collections.Concurrent;
using System.Globalization;
using Fluid;
using Isop.Web;

namespace Isop.Enforcement;

/// <summary>What a notice template is given: plain values, lists of them, and lists of small dictionaries.</summary>
public sealed record NoticeContent(string Subject, string Body);

/// <summary>
/// The notice templates (Liquid, rendered with Fluid), one per legal basis and language, built into the program. The
/// first line of each is its subject ("Subject: …"), the rest its body, as plain text: nothing in them is HTML.
/// </summary>
public static class NoticeTemplates
{
    public static readonly IReadOnlyList<string> Languages = ["en", "fr", "ko"];

    private static readonly FluidParser Parser = new();
    private static readonly ConcurrentDictionary<string, IFluidTemplate> Parsed = new();

    /// <summary>The language a notice is written in when none is asked for: Korean for the Korean law, else English.</summary>
    public static string DefaultLanguage(NoticeBasis basis) => basis == NoticeBasis.KrCopyright103 ? "ko" : "en";

    public static NoticeContent Render(NoticeBasis basis, string language, IReadOnlyDictionary<string, object?> model)
    {
        var name = $"{EnumNames.Of(basis)}.{language}";
        var template = Parsed.GetOrAdd(name, static n =>
        {
            using var stream = typeof(NoticeTemplates).Assembly.GetManifestResourceStream($"Isop.Enforcement.Templates.{n}.liquid")
                ?? throw new InvalidOperationException($"No notice template {n}.");
            using var reader = new StreamReader(stream);
            var source = reader.ReadToEnd();
            return Parser.TryParse(source, out var parsed, out var error) ? parsed : throw new InvalidOperationException($"Notice template {n}: {error}");
        });
        var options = new TemplateOptionsBuilder().WithCultureInfo(CultureInfo.GetCultureInfo(language)).WithMaxSteps(10_000_000).Build();
        var context = new TemplateContext(options, StringComparer.Ordinal);
        // An absent value is nil, which templates test with {% if %}.
        foreach (var (key, value) in model) context.SetValue(key, value!);
        var text = template.Render(context).Replace("\r\n", "\n", StringComparison.Ordinal);
        var newline = text.IndexOf('\n', StringComparison.Ordinal);
        var first = newline < 0 ? text : text[..newline];
        if (!first.StartsWith("Subject: ", StringComparison.Ordinal)) throw new InvalidOperationException($"Notice template {name} does not start with its subject.");
        return new NoticeContent(first["Subject: ".Length..].Trim(), (newline < 0 ? "" : text[(newline + 1)..]).Trim('\n') + "\n");
    }
}
