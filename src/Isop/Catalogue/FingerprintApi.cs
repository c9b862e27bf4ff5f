using Isop.Access;
using Isop.Data;
using Isop.Fingerprints;
using Isop.Recognition.Fingerprints;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Isop.Catalogue;

public sealed record FingerprintView(Guid Id, string Pdq, int Quality, string Source, int? Second);

public sealed record FingerprintMatchView(MatchedWorkView Work, int Distance, string Source, int? Second, int? QuerySecond);

public sealed record FingerprintSearchView(IReadOnlyList<FingerprintView> Query, IReadOnlyList<FingerprintMatchView> Matches);

/// <summary>
/// The fingerprint index of the works each caller may see, built from their reference hashes and rebuilt when
/// anything changes (the audit head stamps the catalogue's state), like the title matchers.
/// </summary>
public sealed class FingerprintIndexes
{
    private readonly CallerCache<Built> _cache = new();

    private sealed record Built(HammingIndex Index, Dictionary<string, (MatchedWorkView Work, WorkFingerprint Print)> Prints);

    public async Task<IReadOnlyList<FingerprintMatchView>> SearchAsync(IsopDb db, IReadOnlyList<FrameHash> query, int radius, CancellationToken ct)
    {
        var built = await _cache.GetAsync(db, BuildAsync, ct);
        var results = built.Index.SearchBatch(query.Select(q => q.Hash).ToList(), radius);
        var matches = new List<FingerprintMatchView>();
        for (var i = 0; i < query.Count; i++)
        {
            foreach (var m in results[i])
            {
                var (work, print) = built.Prints[m.Id];
                matches.Add(new FingerprintMatchView(work, m.Distance, print.Source, print.Second, query.Count > 1 ? query[i].Second : null));
            }
        }
        return matches.OrderBy(m => m.Distance).ThenBy(m => m.Work.ExternalId, StringComparer.Ordinal).Take(200).ToList();
    }

    private static async Task<Built> BuildAsync(IsopDb db, CancellationToken ct)
    {
        var works = await db.Works.AsNoTracking().Include(w => w.Fingerprints).Where(w => w.Fingerprints.Any()).ToListAsync(ct);
        var index = new HammingIndex();
        var prints = new Dictionary<string, (MatchedWorkView, WorkFingerprint)>(StringComparer.Ordinal);
        foreach (var w in works)
        {
            var view = MatchedWorkView.Of(w);
            foreach (var f in w.Fingerprints)
            {
                if (!Hash256.TryParse(f.Pdq, out var hash)) continue;
                index.Add(f.Id.ToString(), hash);
                prints[f.Id.ToString()] = (view, f);
            }
        }
        index.Build();
        return new Built(index, prints);
    }
}

public static class FingerprintApi
{
    /// <summary>Uploads larger than this are refused (a poster, a key frame or a short clip).</summary>
    public const long MaxUpload = 256L * 1024 * 1024;

    /// <summary>A search hashes at most this much of an upload: a poster, a frame, or the first five minutes of a clip.</summary>
    public const long MaxSearchUpload = 64L * 1024 * 1024;

    public const int MaxSearchSeconds = 300;

    /// <summary>Hashing an upload for a search stops after this long.</summary>
    public static readonly TimeSpan SearchTimeout = TimeSpan.FromMinutes(2);

    public static IEndpointRouteBuilder MapFingerprintApi(this IEndpointRouteBuilder app)
    {
        var works = app.MapGroup("/api/v1/works/{id:guid}/fingerprints").WithTags("Fingerprints");
        works.MapGet("/", List).WithSummary("A work's reference fingerprints.");
        works.MapPost("/", Add).RequireAuthorization(AccessServices.MemberPolicy).AddEndpointFilter(FingerprintBudget.FilterAsync).DisableAntiforgery()
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(MaxUpload))
            .WithSummary("Upload a poster, key frame or video: its PDQ hashes become the work's reference fingerprints.");
        // Hashing costs CPU for every byte uploaded: members only, bounded, and rate-limited.
        app.MapPost("/api/v1/fingerprints/match", Match).WithTags("Fingerprints").RequireAuthorization(AccessServices.MemberPolicy).AddEndpointFilter(FingerprintBudget.FilterAsync)
            .DisableAntiforgery()
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(MaxSearchUpload))
            .WithSummary("Hash an uploaded image or video (at most 64 MiB; a video's first five minutes) and find the works (that you may see) whose reference fingerprints are near it.");
        return app;
    }

    public static FingerprintView View(WorkFingerprint f) => new(f.Id, f.Pdq, f.Quality, f.Source, f.Second);

    private static async Task<Results<Ok<List<FingerprintView>>, NotFound>> List(IsopDb db, Guid id, CancellationToken ct)
    {
        var work = await db.Works.AsNoTracking().Include(w => w.Fingerprints).SingleOrDefaultAsync(w => w.Id == id, ct);
        return work is null ? TypedResults.NotFound() : TypedResults.Ok(work.Fingerprints.OrderBy(f => f.CreatedAt).ThenBy(f => f.Second).Select(View).ToList());
    }

    private static async Task<Results<Created<List<FingerprintView>>, NotFound, ValidationProblem>> Add(IsopDb db, CatalogueWrites writes, Guid id, IFormFile? file, CancellationToken ct)
    {
        // Who may not change the work is refused before anything is hashed.
        var owner = await db.Works.Where(w => w.Id == id).Select(w => (Guid?)w.OwnerOrganisationId).SingleOrDefaultAsync(ct);
        if (owner is null) return TypedResults.NotFound();
        if (!db.Caller.CanWriteFor(owner.Value)) throw new AccessDeniedException($"{db.Caller.Name} may not change this work.");
        var (hashes, error) = await HashUploadAsync(file, ct);
        if (error is not null) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["file"] = [error] });
        var added = await writes.AddFingerprintsAsync(id, hashes, file!.FileName, ct);
        return added is null ? TypedResults.NotFound() : TypedResults.Created($"/api/v1/works/{id}/fingerprints", added.Select(View).ToList());
    }

    private static async Task<Results<Ok<FingerprintSearchView>, ValidationProblem>> Match(IsopDb db, FingerprintIndexes indexes, IFormFile? file, int? radius, CancellationToken ct)
    {
        var r = radius ?? HammingIndex.DefaultRadius;
        if (r is < 0 or > 64) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["radius"] = ["expected 0 to 64"] });
        var (hashes, error) = await HashSearchAsync(file, ct);
        if (error is not null) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["file"] = [error] });
        var query = hashes.Where(h => h.Quality >= VideoPdq.MinQuality || hashes.Count == 1).ToList();
        var matches = await indexes.SearchAsync(db, query, r, ct);
        return TypedResults.Ok(new FingerprintSearchView(query.Select(h => new FingerprintView(Guid.Empty, h.Hash.ToString(), h.Quality, file!.FileName, hashes.Count > 1 ? h.Second : null)).ToList(), matches));
    }

    /// <summary>Hashes an upload for a search, bounded: 64 MiB, a video's first five minutes, two minutes of work.</summary>
    public static async Task<(List<FrameHash> Hashes, string? Error)> HashSearchAsync(IFormFile? file, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(SearchTimeout);
        try
        {
            return await HashUploadAsync(file, timeout.Token, MaxSearchUpload, MaxSearchSeconds);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return ([], $"hashing took longer than {SearchTimeout.TotalMinutes:0} minutes; send a shorter clip or a key frame");
        }
    }

    /// <summary>The reference fingerprints an upload gives; video frames too flat to say anything (quality below 50) are left out.</summary>
    public static List<WorkFingerprint> References(List<FrameHash> hashes, string fileName, DateTimeOffset now) =>
        hashes.Where(h => h.Quality >= VideoPdq.MinQuality || hashes.Count == 1)
            .Select(h => new WorkFingerprint
            {
                Pdq = h.Hash.ToString(), Quality = h.Quality, Source = fileName, Second = VideoFrames.IsVideo(fileName) ? h.Second : null, CreatedAt = now,
            })
            .ToList();

    /// <summary>An image gives one hash; a video one per second (through a temporary file for ffmpeg).</summary>
    public static async Task<(List<FrameHash> Hashes, string? Error)> HashUploadAsync(IFormFile? file, CancellationToken ct, long maxBytes = MaxUpload, int maxSeconds = VideoFrames.MaxFrames)
    {
        if (file is null || file.Length == 0) return ([], "required: an image or a video");
        if (file.Length > maxBytes) return ([], $"larger than {maxBytes / (1024 * 1024)} MiB");
        try
        {
            if (VideoFrames.IsVideo(file.FileName))
            {
                var path = Web.PrivateFiles.TemporaryPath("isop-upload", Path.GetExtension(file.FileName));
                try
                {
                    await using (var target = Web.PrivateFiles.Create(path)) await file.CopyToAsync(target, ct);
                    var frames = new List<FrameHash>();
                    await foreach (var f in VideoFrames.HashAsync(path, ct, maxSeconds)) frames.Add(f);
                    return frames.Count == 0 ? ([], "the video has no frames") : (frames, null);
                }
                finally
                {
                    File.Delete(path);
                }
            }
            using var buffer = new MemoryStream();
            await file.CopyToAsync(buffer, ct);
            var (luma, w, h) = ImageDecoder.DecodeLuma(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
            var hash = PdqHasher.Hash(luma, w, h);
            return ([new FrameHash(0, hash.Hash, hash.Quality)], null);
        }
        catch (ImageDecodeException e)
        {
            return ([], e.Message);
        }
        catch (VideoHashException e)
        {
            return ([], e.Message);
        }
    }
}

/// <summary>
/// How much fingerprint work a member may ask for, through the API and the pages alike: one upload at a time, and a
/// number per hour (configuration <c>Isop:Fingerprints:UploadsPerHour</c>).
/// </summary>
public sealed class FingerprintBudget : IDisposable
{
    public const string Setting = "Isop:Fingerprints:UploadsPerHour";

    public const int DefaultPerHour = 120;

    private readonly System.Threading.RateLimiting.PartitionedRateLimiter<string> _limiter;

    public FingerprintBudget(IConfiguration configuration)
    {
        var perHour = configuration.GetValue(Setting, DefaultPerHour);
        _limiter = System.Threading.RateLimiting.PartitionedRateLimiter.Create<string, string>(member =>
            System.Threading.RateLimiting.RateLimitPartition.Get(member, _ => new FingerprintLimiter(perHour)));
    }

    /// <summary>A lease for one upload of the caller's; not acquired when they are over their budget.</summary>
    public System.Threading.RateLimiting.RateLimitLease Acquire(HttpContext http) =>
        _limiter.AttemptAcquire(http.User.FindFirst(IsopClaims.MemberId)?.Value ?? "anonymous");

    public const string Refusal = "Fingerprint uploads are limited per member: one at a time, and a number per hour. Try again later.";

    /// <summary>The API's filter: 429 with a problem when the caller is over their budget.</summary>
    public static async ValueTask<object?> FilterAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var budget = context.HttpContext.RequestServices.GetRequiredService<FingerprintBudget>();
        using var lease = budget.Acquire(context.HttpContext);
        if (!lease.IsAcquired)
            return TypedResults.Problem(Refusal, statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests");
        return await next(context);
    }

    public void Dispose() => _limiter.Dispose();

    /// <summary>One upload at a time per member (no queue), within a fixed budget per hour.</summary>
    private sealed class FingerprintLimiter(int perHour) : System.Threading.RateLimiting.RateLimiter
    {
        private readonly System.Threading.RateLimiting.ConcurrencyLimiter _concurrency = new(new() { PermitLimit = 1, QueueLimit = 0 });
        private readonly System.Threading.RateLimiting.FixedWindowRateLimiter _hourly = new(new()
        {
            PermitLimit = Math.Max(1, perHour), Window = TimeSpan.FromHours(1), QueueLimit = 0, AutoReplenishment = true,
        });

        public override TimeSpan? IdleDuration => _hourly.IdleDuration is { } a && _concurrency.IdleDuration is { } b ? (a < b ? a : b) : null;

        public override System.Threading.RateLimiting.RateLimiterStatistics? GetStatistics() => _concurrency.GetStatistics();

        protected override System.Threading.RateLimiting.RateLimitLease AttemptAcquireCore(int permitCount)
        {
            var hour = _hourly.AttemptAcquire(permitCount);
            if (!hour.IsAcquired) return hour;
            var one = _concurrency.AttemptAcquire(permitCount);
            if (!one.IsAcquired) return one;
            return new Both(one, hour);
        }

        protected override ValueTask<System.Threading.RateLimiting.RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken) =>
            ValueTask.FromResult(AttemptAcquireCore(permitCount));

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _concurrency.Dispose();
                _hourly.Dispose();
            }
            base.Dispose(disposing);
        }

        private sealed class Both(System.Threading.RateLimiting.RateLimitLease first, System.Threading.RateLimiting.RateLimitLease second) : System.Threading.RateLimiting.RateLimitLease
        {
            public override bool IsAcquired => true;
            public override IEnumerable<string> MetadataNames => [];
            public override bool TryGetMetadata(string metadataName, out object? metadata)
            {
                metadata = null;
                return false;
            }

            protected override void Dispose(bool disposing)
            {
                if (disposing)
                {
                    first.Dispose();
                    second.Dispose();
                }
                base.Dispose(disposing);
            }
        }
    }
}
