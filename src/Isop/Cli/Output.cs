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
