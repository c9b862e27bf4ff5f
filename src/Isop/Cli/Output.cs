using System.Text.Json;
using Spectre.Console;

namespace Isop.Cli;

/// <summary>Tables and colours on a terminal; JSON lines with --json or when stdout is not a terminal.</summary>
internal sealed class Output(bool json, TextWriter stdout, TextWriter stderr)
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public bool Json { get; } = json || (ReferenceEquals(stdout, Console.Out) && Console.IsOutputRedirected);
    public TextWriter Stdout { get; } = stdout;
    public TextWriter Stderr { get; } = stderr;

    public IAnsiConsole Terminal { get; } = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(stdout) });

    public void WriteJson<T>(T value) => Stdout.WriteLine(JsonSerializer.Serialize(value, Options));

    public void Error(string message)
    {
        if (Json) Stderr.WriteLine(JsonSerializer.Serialize(new { error = message }, Options));
        else Stderr.WriteLine("error: " + message);
    }

    /// <summary>Progress on a terminal, nothing in JSON mode.</summary>
    public async Task<T> WithProgressAsync<T>(string label, int total, Func<IProgress<int>?, Task<T>> work)
    {
        if (Json || total < 1) return await work(null);
        T result = default!;
        await Terminal.Progress().AutoClear(true).StartAsync(async ctx =>
        {
            var task = ctx.AddTask(label, maxValue: total);
            result = await work(new Progress<int>(done => task.Value = done));
        });
        return result;
    }
}

/// <summary>
/// Text from records (names a partner typed, titles a hostile page gave) as a terminal table cell: control characters,
/// DEL and the bidirectional overrides shown as <c>\xNN</c> or <c>\uNNNN</c>, never sent to the terminal (no escape
/// sequence can clear the screen, retitle the window or write the clipboard), and Spectre's markup escaped.
/// </summary>
internal static class Cells
{
    public static string Of(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var cell = new System.Text.StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c < 0x20 || c is >= '\u007f' and <= '\u009f') cell.Append(System.Globalization.CultureInfo.InvariantCulture, $"\\x{(int)c:x2}");
            else if (Web.TextChecks.IsDirectionControl(c) || c is '\u200e' or '\u200f' or '\u061c') cell.Append(System.Globalization.CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
            else cell.Append(c);
        }
        return Spectre.Console.Markup.Escape(cell.ToString());
    }

    /// <summary>Several texts, one per line of the cell.</summary>
    public static string Lines(IEnumerable<string> texts) => string.Join("\n", texts.Select(Of));
}
