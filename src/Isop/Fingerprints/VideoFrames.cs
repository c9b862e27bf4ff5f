using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using Isop.Recognition.Fingerprints;

namespace Isop.Fingerprints;

/// <summary>A video that could not be hashed, and why.</summary>
public sealed class VideoHashException(string message) : Exception(message);

/// <summary>
/// Frames at one per second through ffmpeg (found on PATH), read one at a time from its output so memory stays at
/// one frame whatever the video's length, each hashed with PDQ.
/// </summary>
public static class VideoFrames
{
    /// <summary>Four hours of frames at most; a longer stream is cut there.</summary>
    public const int MaxFrames = 4 * 3600;

    private static readonly HashSet<string> Extensions = new(StringComparer.OrdinalIgnoreCase) { ".mp4", ".mkv", ".webm", ".avi", ".mov", ".m4v", ".ts", ".wmv", ".flv" };

    /// <summary>Whether a file name is a video's (hashed a frame a second) rather than an image's.</summary>
    public static bool IsVideo(string fileName) => Extensions.Contains(Path.GetExtension(fileName));

    /// <summary>Frames are scaled so that the longer side is at most this (PDQ keeps 64×64 after filtering).</summary>
    public const int MaxSide = 1024;

    /// <summary>Hashes a frame a second, for the first <paramref name="maxSeconds"/> seconds (ffmpeg decodes no further).</summary>
    public static async IAsyncEnumerable<FrameHash> HashAsync(string path, [EnumeratorCancellation] CancellationToken ct, int maxSeconds = MaxFrames)
    {
        maxSeconds = Math.Clamp(maxSeconds, 1, MaxFrames);
        var (width, height) = await ProbeAsync(path, ct);
        var scale = Math.Min(1.0, (double)MaxSide / Math.Max(width, height));
        var w = Math.Max(1, (int)Math.Round(width * scale / 2) * 2);
        var h = Math.Max(1, (int)Math.Round(height * scale / 2) * 2);
        // The first frame at or after each whole second (the frames vPDQ's reference hashes are taken at); the fps
        // filter would pick the frame before each next second instead.
        var start = Start("ffmpeg", "-v", "error", "-nostdin", "-t", maxSeconds.ToString(CultureInfo.InvariantCulture), "-i", path,
            "-vf", $"select=isnan(prev_selected_t)+gte(t-prev_selected_t\\,1),scale={w}:{h}", "-fps_mode", "vfr",
            "-f", "rawvideo", "-pix_fmt", "rgb24", "-");
        using var process = Launch(start);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        var frame = new byte[w * h * 3];
        var stream = process.StandardOutput.BaseStream;
        for (var second = 0; second < maxSeconds; second++)
        {
            var read = await stream.ReadAtLeastAsync(frame, frame.Length, throwOnEndOfStream: false, ct);
            if (read < frame.Length) break;
            yield return VideoPdq.HashFrame(frame, w, h, second);
        }
        if (!process.HasExited) process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync(ct);
        var errors = (await stderr).Trim();
        if (process.ExitCode != 0 && errors.Length > 0 && !errors.Contains("Broken pipe", StringComparison.Ordinal))
            throw new VideoHashException($"ffmpeg could not decode the video: {FirstLine(errors)}");
    }

    private static async Task<(int Width, int Height)> ProbeAsync(string path, CancellationToken ct)
    {
        using var process = Launch(Start("ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries", "stream=width,height", "-of", "csv=p=0", path));
        var output = await process.StandardOutput.ReadToEndAsync(ct);
        var errors = await process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        var parts = output.Trim().Split(',');
        if (process.ExitCode != 0 || parts.Length < 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var width)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var height) || width < 1 || height < 1)
            throw new VideoHashException(errors.Trim().Length > 0 ? $"not a readable video: {FirstLine(errors.Trim())}" : "not a video (no video stream)");
        return (width, height);
    }

    private static ProcessStartInfo Start(string tool, params string[] args)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) start.ArgumentList.Add(a);
        return start;
    }

    private static Process Launch(ProcessStartInfo start)
    {
        try
        {
            return Process.Start(start) ?? throw new VideoHashException($"{start.FileName} could not be started");
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new VideoHashException($"{start.FileName} is not installed (Debian package ffmpeg): video hashing needs it on PATH");
        }
    }

    private static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();
}
