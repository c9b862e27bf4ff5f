using Isop.Recognition.ReleaseNames;

namespace Isop.Recognition.Tests;

/// <summary>Technical tags, one row per rule; the vocabulary follows guessit's.</summary>
public sealed class TechnicalTagTests
{
    [Theory]
    [InlineData("Movie.Title.2019.2160p.UHD.BluRay.x265.10bit.HDR.TrueHD.7.1.Atmos-GRP", "2160p", "Ultra HD Blu-ray", "H.265")]
    [InlineData("Series.Title.S01E01.Episode.Title.1080p.AMZN.WEB-DL.DDP5.1.H.264-NTG", "1080p", "Web", "H.264")]
    [InlineData("[Coalgirls]_Series_Title_-_05_(1280x720_Blu-ray_FLAC)_[F8C2D3E4].mkv", "720p", "Blu-ray", null)]
    [InlineData("Shark Tank (AU) - S02E01 - HDTV-720p.mkv", "720p", "HDTV", null)]
    [InlineData("Movie Title 2019 1080p WEB-DL DD5.1 H 264-FGT", "1080p", "Web", "H.264")]
    public void Resolution_source_and_codec(string name, string? resolution, string? source, string? codec)
    {
        var r = ReleaseNameParser.Parse(name);
        Assert.Equal(resolution, r.Resolution);
        Assert.Equal(source, r.Source);
        Assert.Equal(codec, r.VideoCodec);
    }
}
