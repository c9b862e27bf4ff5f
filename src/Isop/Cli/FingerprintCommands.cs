using System.CommandLine;
using System.Text;
using System.Text.Json;
using Isop.Recognition.Fingerprints;

namespace Isop.Cli;

/// <summary><c>isop hash-match</c>: hex hashes on stdin searched in a bank within a Hamming radius.</summary>
internal static class FingerprintCommands
{
    private static JsonWriterOptions JsonOptions => RecognitionCommands.JsonOptions;
    private const int Batch = 4096;

    public static Command Hash(Option<bool> jsonOption, TextWriter stdout, TextWriter stderr)
    {
        var files = new Argument<FileInfo[]>("FILE") { Description = "Images (JPEG, PNG, WebP, GIF, BMP) and videos (through ffmpeg: a hash a second).", Arity = ArgumentArity.OneOrMore };
        var dihedral = new Option<bool>("--dihedral") { Description = "Also print the hashes of the 7 other rotations and mirrors." };
        var command = new Command("hash", "PDQ perceptual hashes: a hash and a quality (0–100) per image, one per second of video; errors are reported per file.");
        command.Arguments.Add(files);
        command.Options.Add(dihedral);
        command.SetAction(async (r, ct) =>
        {
            var console = ReferenceEquals(stdout, Console.Out);
            var json = r.GetValue(jsonOption) || (console && Console.IsOutputRedirected);
            var failed = 0;
            var bytes = new System.Buffers.ArrayBufferWriter<byte>(1024);
            await using var writer = new Utf8JsonWriter(bytes, JsonOptions);
            foreach (var file in r.GetValue(files)!)
            {
                ct.ThrowIfCancellationRequested();
                string? error = null;
                PdqHash[] hashes = [];
                List<FrameHash>? frames = null;
                try
                {
                    if (!file.Exists) error = "no such file";
                    else if (Isop.Fingerprints.VideoFrames.IsVideo(file.Name))
                    {
                        frames = [];
                        await foreach (var f in Isop.Fingerprints.VideoFrames.HashAsync(file.FullName, ct)) frames.Add(f);
                    }
                    else if (file.Length > 256L * 1024 * 1024) error = "larger than 256 MiB";
                    else
                    {
                        var (luma, w, h) = ImageDecoder.DecodeLuma(await File.ReadAllBytesAsync(file.FullName, ct));
                        hashes = r.GetValue(dihedral) ? PdqHasher.HashDihedral(luma, w, h) : [PdqHasher.Hash(luma, w, h)];
                    }
                }
                catch (Exception e) when (e is ImageDecodeException or Isop.Fingerprints.VideoHashException or IOException or UnauthorizedAccessException)
                {
                    error = e.Message;
                }
                if (error is not null) failed++;
                if (json)
                {
                    bytes.ResetWrittenCount();
                    writer.Reset(bytes);
                    writer.WriteStartObject();
                    writer.WriteString("file", file.ToString());
                    if (error is not null) writer.WriteString("error", error);
                    else if (frames is not null)
                    {
                        writer.WriteStartArray("frames");
                        foreach (var f in frames)
                        {
                            writer.WriteStartObject();
                            writer.WriteNumber("second", f.Second);
                            writer.WriteString("pdq", f.Hash.ToString());
                            writer.WriteNumber("quality", f.Quality);
                            writer.WriteEndObject();
                        }
                        writer.WriteEndArray();
                    }
                    else
                    {
                        writer.WriteString("pdq", hashes[0].Hash.ToString());
                        writer.WriteNumber("quality", hashes[0].Quality);
                        if (hashes.Length == 8)
                        {
                            writer.WriteStartArray("dihedral");
                            foreach (var h in hashes) writer.WriteStringValue(h.Hash.ToString());
                            writer.WriteEndArray();
                        }
                    }
                    writer.WriteEndObject();
                    writer.Flush();
                    await stdout.WriteLineAsync(Encoding.UTF8.GetString(bytes.WrittenSpan));
                }
                else if (error is not null) await stderr.WriteLineAsync($"{file}: error: {error}");
                else if (frames is not null)
                {
                    await stdout.WriteLineAsync($"{file}: {frames.Count} frames");
                    foreach (var f in frames) await stdout.WriteLineAsync($"  {f.Second,5}s  {f.Hash}  q={f.Quality,3}");
                }
                else
                {
                    await stdout.WriteLineAsync($"{hashes[0].Hash}  q={hashes[0].Quality,3}  {file}");
                    foreach (var h in hashes.Skip(1)) await stdout.WriteLineAsync($"  {h.Hash}");
                }
            }
            await stdout.FlushAsync(ct);
            return failed == 0 ? 0 : 1;
        });
        return command;
    }

    public static Command HashMatch(Option<bool> jsonOption, TextWriter stdout, TextWriter stderr, TextReader? stdin)
    {
        var bank = new Option<FileInfo>("--bank") { Description = "Hashes to search: one per line (hex, or id<TAB>hex), or a bank saved with --save-bank.", Required = true };
        var radius = new Option<int>("--radius") { Description = "Largest Hamming distance reported (0–256).", DefaultValueFactory = _ => HammingIndex.DefaultRadius };
        var save = new Option<FileInfo?>("--save-bank") { Description = "Also save the bank in the binary form that loads in one read." };
        var exhaustive = new Option<bool>("--exhaustive") { Description = "Compare every hash instead of using the multi-index (the oracle; for measurements)." };
        var timing = new Option<bool>("--timing") { Description = "Print to stderr how long loading and searching took (for measurements)." };
        var command = new Command("hash-match", "Search 256-bit hashes (hex on stdin, one per line) in a bank; prints the matches of each query, in order.");
        command.Options.Add(bank);
        command.Options.Add(radius);
        command.Options.Add(save);
        command.Options.Add(exhaustive);
        command.Options.Add(timing);
        command.SetAction(async (r, ct) =>
        {
            var file = r.GetValue(bank)!;
            var maxDistance = r.GetValue(radius);
            if (maxDistance is < 0 or > 256)
            {
                await stderr.WriteLineAsync($"error: --radius: expected 0 to 256, got {maxDistance}");
                return 1;
            }
            if (!file.Exists)
            {
                await stderr.WriteLineAsync($"error: {file.FullName}: no such file");
                return 1;
            }
            HammingIndex index;
            var clock = System.Diagnostics.Stopwatch.StartNew();
            try
            {
                index = await LoadAsync(file, ct);
            }
            catch (Exception e) when (e is InvalidDataException or EndOfStreamException or FormatException)
            {
                await stderr.WriteLineAsync($"error: {file.Name}: {e.Message}");
                return 1;
            }
            if (r.GetValue(save) is { } target)
            {
                await using var output = target.Create();
                index.Save(output);
            }
            var loaded = clock.Elapsed;
            var searching = TimeSpan.Zero;
            var queries = 0;
            var console = ReferenceEquals(stdout, Console.Out);
            var json = r.GetValue(jsonOption) || (console && Console.IsOutputRedirected);
            using var input = stdin ?? RecognitionCommands.OpenInput();
            var lines = new List<string>(Batch);
            var text = new StringBuilder();
            var bytes = new System.Buffers.ArrayBufferWriter<byte>(4096);
            await using var writer = new Utf8JsonWriter(bytes, JsonOptions);
            while (true)
            {
                lines.Clear();
                while (lines.Count < Batch && input.ReadLine() is { } line) lines.Add(line);
                if (lines.Count == 0) break;
                ct.ThrowIfCancellationRequested();
                var parsed = lines.Select(l => (Ok: Hash256.TryParse(l, out var h), Hash: h)).ToList();
                var hashes = parsed.Select(p => p.Hash).ToList();
                var started = System.Diagnostics.Stopwatch.GetTimestamp();
                var results = r.GetValue(exhaustive)
                    ? hashes.AsParallel().AsOrdered().Select(h => index.SearchBruteForce(h, maxDistance)).ToArray()
                    : index.SearchBatch(hashes, maxDistance);
                searching += System.Diagnostics.Stopwatch.GetElapsedTime(started);
                queries += hashes.Count;
                for (var i = 0; i < lines.Count; i++)
                {
                    if (json)
                    {
                        bytes.ResetWrittenCount();
                        writer.Reset(bytes);
                        writer.WriteStartObject();
                        writer.WriteString("query", lines[i].Trim());
                        if (!parsed[i].Ok) writer.WriteString("error", "expected 64 hexadecimal digits");
                        else
                        {
                            writer.WriteStartArray("matches");
                            foreach (var m in results[i])
                            {
                                writer.WriteStartObject();
                                writer.WriteString("id", m.Id);
                                writer.WriteNumber("distance", m.Distance);
                                writer.WriteEndObject();
                            }
                            writer.WriteEndArray();
                        }
                        writer.WriteEndObject();
                        writer.Flush();
                        text.Append(Encoding.UTF8.GetString(bytes.WrittenSpan)).Append('\n');
                    }
                    else if (!parsed[i].Ok) text.Append(lines[i].Trim()).Append("  error: expected 64 hexadecimal digits\n");
                    else text.Append(lines[i].Trim()).Append("  ").Append(results[i].Count == 0 ? "no match" : string.Join(", ", results[i].Select(m => $"{m.Id} ({m.Distance})"))).Append('\n');
                }
                await stdout.WriteAsync(text, ct);
                text.Clear();
            }
            await stdout.FlushAsync(ct);
            if (r.GetValue(timing))
                await stderr.WriteLineAsync(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"timing: loaded {index.Count} hashes in {loaded.TotalSeconds:F3} s; searched {queries} queries in {searching.TotalSeconds:F6} s"));
            return 0;
        });
        return command;
    }

    /// <summary>A saved bank (ISOPHIX1) in one read, or a text bank: hex per line, or id TAB hex; ids default to the 0-based line.</summary>
    private static async Task<HammingIndex> LoadAsync(FileInfo file, CancellationToken ct)
    {
        await using var stream = file.OpenRead();
        var magic = new byte[8];
        var read = await stream.ReadAtLeastAsync(magic, 8, throwOnEndOfStream: false, ct);
        stream.Position = 0;
        if (read == 8 && magic.AsSpan().SequenceEqual("ISOPHIX1"u8)) return HammingIndex.Load(new BufferedStream(stream, 1 << 20));
        var index = new HammingIndex();
        using var reader = new StreamReader(stream, Encoding.UTF8, true, 1 << 16);
        var number = 0;
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            number++;
            if (line.Length == 0) continue;
            var tab = line.IndexOf('\t');
            var id = tab < 0 ? (number - 1).ToString(System.Globalization.CultureInfo.InvariantCulture) : line[..tab];
            if (!Hash256.TryParse(tab < 0 ? line : line.AsSpan(tab + 1), out var hash))
                throw new FormatException($"line {number}: expected 64 hexadecimal digits{(tab < 0 ? "" : " after the tab")}");
            index.Add(id, hash);
        }
        index.Build();
        return index;
    }
}
