using System.Text.Json;
using Isop.Cli;
using Isop.Recognition.Tests;

namespace Isop.Tests.Cli;

public sealed class HashCommandTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "isop-hash", Guid.NewGuid().ToString("N"));

    public HashCommandTests() => Directory.CreateDirectory(_folder);

    public void Dispose()
    {
        try { Directory.Delete(_folder, true); } catch (IOException) { }
    }

    private string Image(string name, SkiaSharp.SKEncodedImageFormat format, int width, int height)
    {
        using var bitmap = new SkiaSharp.SKBitmap(width, height);
        using (var canvas = new SkiaSharp.SKCanvas(bitmap))
        {
            canvas.Clear(SkiaSharp.SKColors.White);
            using var paint = new SkiaSharp.SKPaint { Color = SkiaSharp.SKColors.DarkRed };
            canvas.DrawCircle(width / 3f, height / 2f, width / 4f, paint);
            canvas.DrawRect(width / 2f, height / 5f, width / 3f, height / 2f, paint);
        }
        using var image = SkiaSharp.SKImage.FromBitmap(bitmap);
        var path = Path.Combine(_folder, name);
        File.WriteAllBytes(path, image.Encode(format, 90).ToArray());
        return path;
    }

    [Fact]
    public async Task Each_file_gets_a_hash_and_quality_or_its_own_error_and_the_rest_go_on()
    {
        var png = Image("poster.png", SkiaSharp.SKEncodedImageFormat.Png, 400, 600);
        var jpeg = Image("poster.jpg", SkiaSharp.SKEncodedImageFormat.Jpeg, 400, 600);
        var broken = Path.Combine(_folder, "broken.jpg");
        await File.WriteAllBytesAsync(broken, (await File.ReadAllBytesAsync(jpeg, TestContext.Current.CancellationToken))[..200], TestContext.Current.CancellationToken);
        var stdout = new StringWriter();
        var code = await IsopCommand.Create(stdout, new StringWriter()).Parse(["hash", "--json", "--dihedral", png, broken, jpeg])
            .InvokeAsync(cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(1, code);
        var lines = stdout.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToArray();
        Assert.Equal(3, lines.Length);
        Assert.Equal(64, lines[0].GetProperty("pdq").GetString()!.Length);
        Assert.Equal(8, lines[0].GetProperty("dihedral").GetArrayLength());
        Assert.Equal("the image data is truncated", lines[1].GetProperty("error").GetString());
        // The same picture as PNG and as JPEG: near-identical hashes
        var a = Isop.Recognition.Fingerprints.Hash256.Parse(lines[0].GetProperty("pdq").GetString()!);
        var b = Isop.Recognition.Fingerprints.Hash256.Parse(lines[2].GetProperty("pdq").GetString()!);
        Assert.True(a.Distance(b) <= 10, $"PNG and JPEG of one picture differ by {a.Distance(b)} bits");
    }

    [Fact]
    public async Task A_photo_stored_turned_is_hashed_upright_through_its_EXIF_orientation()
    {
        using var upright = ExifImages.Upright();
        var files = new List<string> { Path.Combine(_folder, "upright.jpg") };
        await File.WriteAllBytesAsync(files[0], ExifImages.Jpeg(upright), TestContext.Current.CancellationToken);
        foreach (var orientation in new[] { 3, 6, 8 })
        {
            using var stored = ExifImages.Stored(upright, orientation);
            var tiff = ExifImages.OrientationTiff(orientation, bigEndian: orientation == 6);
            files.Add(Path.Combine(_folder, $"turned-{orientation}.jpg"));
            await File.WriteAllBytesAsync(files[^1], ExifImages.WithApp1(ExifImages.Jpeg(stored),
                ExifImages.App1(tiff)), TestContext.Current.CancellationToken);
            files.Add(Path.Combine(_folder, $"turned-{orientation}.png"));
            await File.WriteAllBytesAsync(files[^1], ExifImages.Png(stored, tiff), TestContext.Current.CancellationToken);
        }
        var stdout = new StringWriter();
        var code = await IsopCommand.Create(stdout, new StringWriter()).Parse(["hash", "--json", .. files])
            .InvokeAsync(cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(0, code);
        var hashes = stdout.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => Isop.Recognition.Fingerprints.Hash256.Parse(JsonDocument.Parse(l).RootElement.GetProperty("pdq").GetString()!)).ToArray();
        Assert.Equal(files.Count, hashes.Length);
        for (var i = 1; i < hashes.Length; i++)
            Assert.True(hashes[i].Distance(hashes[0]) <= 10, $"{Path.GetFileName(files[i])} is {hashes[i].Distance(hashes[0])} bits from the upright picture");
    }
}
