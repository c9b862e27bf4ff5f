using System.Diagnostics;
using System.Globalization;
using Isop.Fingerprints;
using Isop.Recognition.Fingerprints;

namespace Isop.Tests.Fingerprints;

public sealed class VideoPdqTests(ITestOutputHelper output)
{
    /// <summary>ffmpeg must be installed under CI (.ci/run installs it); elsewhere the test says what is missing.</summary>
    private static void RequireFfmpeg()
    {
        try
        {
            using var p = Process.Start(new ProcessStartInfo("ffmpeg", "-version") { RedirectStandardOutput = true, UseShellExecute = false });
            p!.WaitForExit();
        }
        catch (System.ComponentModel.Win32Exception)
        {
            const string message = "ffmpeg is not installed (Debian package ffmpeg): video hashing needs it.";
            if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI"))) Assert.Fail(message);
            Assert.Skip(message);
        }
    }

    [Fact]
    public async Task Frames_at_one_per_second_match_the_reference_vPDQ_hashes()
    {
        RequireFfmpeg();
        var video = Infrastructure.SharedData.Require("vpdq/chair-19-sd-bar.mp4");
        var reference = File.ReadLines(Path.ChangeExtension(video, ".txt"))
            .Select(l => l.Split(','))
            .ToDictionary(p => double.Parse(p[3], CultureInfo.InvariantCulture), p => (Quality: int.Parse(p[1], CultureInfo.InvariantCulture), Hash: Hash256.Parse(p[2])));
        var frames = new List<FrameHash>();
        await foreach (var f in VideoFrames.HashAsync(video, TestContext.Current.CancellationToken)) frames.Add(f);
        Assert.True(frames.Count >= 18, $"{frames.Count} frames");
        int worst = 0, compared = 0, confident = 0;
        foreach (var f in frames)
        {
            if (!reference.TryGetValue(f.Second, out var r)) continue;
            compared++;
            if (r.Quality >= 80) confident++;
            var d = f.Hash.Distance(r.Hash);
            output.WriteLine($"second {f.Second}: distance {d}, quality {f.Quality} (reference {r.Quality})");
            if (r.Quality >= 80) worst = Math.Max(worst, d);
        }
        // Every frame has its reference, and most are confident enough to be held to a distance.
        Assert.True(compared >= 18 && compared == frames.Count, $"{compared} of {frames.Count} frames compared with the reference");
        Assert.True(confident >= 10, $"only {confident} confident reference frames");
        Assert.True(worst <= 10, $"worst per-frame distance {worst}");
        var self = VideoPdq.Similarity(frames, frames);
        Assert.Equal(1.0, self.QueryShare);
    }

    [Fact]
    public async Task Isop_hash_prints_a_hash_a_second_for_a_video()
    {
        RequireFfmpeg();
        var video = Infrastructure.SharedData.Require("vpdq/chair-19-sd-bar.mp4");
        var stdout = new StringWriter();
        var code = await Isop.Cli.IsopCommand.Create(stdout, new StringWriter()).Parse(["hash", "--json", video])
            .InvokeAsync(cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(0, code);
        var result = System.Text.Json.JsonDocument.Parse(stdout.ToString()).RootElement;
        var frames = result.GetProperty("frames").EnumerateArray().ToList();
        Assert.True(frames.Count >= 18);
        Assert.Equal(0, frames[0].GetProperty("second").GetInt32());
        Assert.Equal("e271017837246aaccddea259648fb7d62f435c89d9e99b2497763e216c8d055c", frames[0].GetProperty("pdq").GetString());
    }

    [Fact]
    public async Task A_file_that_is_not_a_video_gets_a_clear_error()
    {
        RequireFfmpeg();
        var path = Path.Combine(Path.GetTempPath(), $"{Guid.NewGuid():N}.mp4");
        await File.WriteAllTextAsync(path, "not a video", TestContext.Current.CancellationToken);
        try
        {
            var e = await Assert.ThrowsAsync<VideoHashException>(async () =>
            {
                await foreach (var _ in VideoFrames.HashAsync(path, TestContext.Current.CancellationToken)) { }
            });
            Assert.StartsWith("not a", e.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
