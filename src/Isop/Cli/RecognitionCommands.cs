using System.CommandLine;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Isop.Recognition.ReleaseNames;

namespace Isop.Cli;

/// <summary><c>isop parse</c>: release names in (arguments or stdin lines), one result per name out, streaming.</summary>
internal static class RecognitionCommands
{
    /// <summary>JSON lines as people read them: Hangul and accents as they are, no escaping of '+' or quotes beyond JSON's own.</summary>
    internal static readonly JsonWriterOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

    public static Command Parse(Option<bool> jsonOption, TextWriter stdout, TextReader? stdin)
    {
        var names = new Argument<string[]>("NAME") { Description = "Release names, file names or listing titles; none: one per line on stdin.", Arity = ArgumentArity.ZeroOrMore };
        var command = new Command("parse", "Parse release names: title, season, episodes, air date, source, codecs, languages, group, kind.");
        command.Arguments.Add(names);
        command.SetAction(async (r, ct) =>
        {
            await EachLineAsync(r.GetValue(names), stdout, stdin, r.GetValue(jsonOption), (sink, name) => sink.Write(ReleaseNameParser.Parse(name)), ct);
            return 0;
        });
        return command;
    }

    public static Command Match(Option<bool> jsonOption, TextWriter stdout, TextWriter stderr, TextReader? stdin)
    {
        var catalogue = new Option<FileInfo>("--catalogue") { Description = "Catalogue JSON ({\"works\": [...]}).", Required = true };
        var listings = new Argument<string[]>("LISTING") { Description = "Listing texts; none: one per line on stdin.", Arity = ArgumentArity.ZeroOrMore };
        var command = new Command("match", "Recognise protected works in listing texts: work, episode, confidence and reasons; abstains rather than guess.");
        command.Options.Add(catalogue);
        command.Arguments.Add(listings);
        command.SetAction(async (r, ct) =>
        {
            var file = r.GetValue(catalogue)!;
            if (!file.Exists)
            {
                await stderr.WriteLineAsync($"error: {file.FullName}: no such file");
                return 1;
            }
            IReadOnlyList<Isop.Catalogue.CatalogueWork> works;
            try
            {
                await using var stream = file.OpenRead();
                works = await Isop.Catalogue.CatalogueReader.ReadAsync(stream, ct);
            }
            catch (Isop.Catalogue.CatalogueFormatException e)
            {
                foreach (var error in e.Errors) await stderr.WriteLineAsync($"error: {file.Name}: {error}");
                return 1;
            }
            var matcher = Isop.Catalogue.CatalogueMatching.Build(works);
            await EachLineAsync(r.GetValue(listings), stdout, stdin, r.GetValue(jsonOption), (sink, listing) => sink.Write(matcher.Match(listing)), ct);
            return 0;
        });
        return command;
    }

    /// <summary>
    /// The arguments, or else every line of standard input, through <paramref name="handle"/>: streaming, in order,
    /// JSON lines when asked for or when the output is not a terminal.
    /// </summary>
    private static async Task EachLineAsync(string[]? given, TextWriter stdout, TextReader? stdin, bool jsonOption, Action<LineSink, string> handle, CancellationToken ct)
    {
        var console = ReferenceEquals(stdout, Console.Out);
        var json = jsonOption || (console && Console.IsOutputRedirected);
        await using var sink = LineSink.Create(stdout, console, json, flushEachLine: console && !Console.IsInputRedirected);
        if (given is { Length: > 0 })
        {
            foreach (var item in given) handle(sink, item);
            return;
        }
        using var input = stdin ?? OpenInput();
        // A pipe read in 64 KiB blocks: ReadLine returns from the buffer almost always; the await is for the flushes.
        while (input.ReadLine() is { } line)
        {
            ct.ThrowIfCancellationRequested();
            handle(sink, line);
            await sink.MaybeFlushAsync(ct);
        }
    }

    /// <summary>Standard input read in large blocks: constant memory however long the input.</summary>
    internal static StreamReader OpenInput() =>
        new(Console.OpenStandardInput(), new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);

    /// <summary>
    /// JSON lines straight to the standard output stream (no string per line), or readable lines to a text writer;
    /// buffered and flushed in blocks, or line by line on a terminal.
    /// </summary>
    private abstract class LineSink : IAsyncDisposable
    {
        protected int Pending;

        public static LineSink Create(TextWriter writer, bool console, bool json, bool flushEachLine) =>
            json && console ? new ByteSink(Console.OpenStandardOutput(), flushEachLine) : new TextSink(writer, json, flushEachLine);

        public void Write(ReleaseName r) => Write(w => ReleaseNameJson.Write(w, r), () => Describe(r));

        public void Write(Isop.Recognition.Matching.MatchResult r) => Write(w => Isop.Catalogue.CatalogueMatching.Write(w, r), () => Describe(r));

        protected abstract void Write(Action<Utf8JsonWriter> json, Func<string> text);
        public abstract Task MaybeFlushAsync(CancellationToken ct);
        public abstract ValueTask DisposeAsync();
    }

    private sealed class ByteSink(Stream stream, bool flushEachLine) : LineSink
    {
        private readonly BufferedStream _out = new(stream, 1 << 16);
        private readonly Utf8JsonWriter _writer = new(Stream.Null, JsonOptions);

        protected override void Write(Action<Utf8JsonWriter> json, Func<string> text)
        {
            _writer.Reset(_out);
            json(_writer);
            _writer.Flush();
            _out.WriteByte((byte)'\n');
            Pending++;
        }

        public override Task MaybeFlushAsync(CancellationToken ct)
        {
            if (!flushEachLine && Pending < 4096) return Task.CompletedTask;
            Pending = 0;
            return _out.FlushAsync(ct);
        }

        public override async ValueTask DisposeAsync()
        {
            await _out.FlushAsync();
            await _writer.DisposeAsync();
            await _out.DisposeAsync();
        }
    }

    private sealed class TextSink(TextWriter target, bool json, bool flushEachLine) : LineSink
    {
        private readonly System.Buffers.ArrayBufferWriter<byte> _bytes = new(1024);
        private readonly Utf8JsonWriter _writer = new(Stream.Null, JsonOptions);
        private readonly StringBuilder _text = new();

        protected override void Write(Action<Utf8JsonWriter> writeJson, Func<string> text)
        {
            if (json)
            {
                _bytes.ResetWrittenCount();
                _writer.Reset(_bytes);
                writeJson(_writer);
                _writer.Flush();
                _text.Append(Encoding.UTF8.GetString(_bytes.WrittenSpan)).Append('\n');
            }
            else
            {
                _text.Append(text()).Append('\n');
            }
            Pending++;
        }

        public override async Task MaybeFlushAsync(CancellationToken ct)
        {
            if (!flushEachLine && Pending < 512) return;
            await target.WriteAsync(_text, ct);
            await target.FlushAsync(ct);
            _text.Clear();
            Pending = 0;
        }

        public override async ValueTask DisposeAsync()
        {
            if (_text.Length > 0) await target.WriteAsync(_text);
            await target.FlushAsync();
            await _writer.DisposeAsync();
        }
    }

    private static string Describe(Isop.Recognition.Matching.MatchResult r) =>
        r.WorkId is null
            ? $"(no match)  {r.Input}  — {string.Join("; ", r.Reasons.Where(x => x.StartsWith("rejected", StringComparison.Ordinal) || x.StartsWith("unexplained", StringComparison.Ordinal)).Append(r.Reasons[^1]).Distinct())}"
            : $"{r.WorkId}  {r.Title}{(r.Season is { } s ? $"  S{s}" : "")}{(r.Episode is { } e ? $"  ep. {e}" : "")}  {r.Confidence:0.00}  — {string.Join("; ", r.Reasons)}";

    private static string Describe(ReleaseName r)
    {
        var parts = new List<string> { r.Title ?? "(no title)" };
        if (r.Artist is not null) parts.Insert(0, r.Artist + " –");
        if (r.Year is { } y) parts.Add($"({y})");
        if (r.Season is { } s && r.Episodes is { } e) parts.Add($"S{s:00}E{string.Join("-E", e.Select(x => x.ToString("00", System.Globalization.CultureInfo.InvariantCulture)))}");
        else if (r.Season is { } s2) parts.Add($"S{s2:00}");
        else if (r.Episodes is { } e2) parts.Add((r.Kind == ReleaseKind.Webtoon ? "ch. " : "ep. ") + string.Join(",", e2));
        if (r.AirDate is { } d) parts.Add(d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        foreach (var v in new[] { r.Resolution, r.Source, r.StreamingService, r.VideoCodec, r.AudioCodec, r.Edition }) if (v is not null) parts.Add(v);
        if (r.Languages is not null) parts.Add("audio:" + string.Join("+", r.Languages));
        if (r.SubtitleLanguages is not null) parts.Add("subs:" + string.Join("+", r.SubtitleLanguages));
        if (r.Group is not null) parts.Add("-" + r.Group);
        parts.Add($"[{ReleaseNameJson.KindName(r.Kind)}]");
        return string.Join("  ", parts);
    }
}
