using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Isop.Access;
using Isop.Crawling.Fetching;
using Isop.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Isop.Sharing;

/// <summary>A partner's TAXII 2.1 collection that an organisation pulls on a schedule into its own collection.</summary>
[RecordKind("taxii-feed")]
public sealed class TaxiiFeed : IShareable
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Name { get; set; }
    /// <summary>The collection's URL, ending in its id and a slash: https://taxii.partner.example/api1/collections/…/</summary>
    public required string CollectionUrl { get; set; }
    public string? Username { get; set; }
    /// <summary>The password or token, protected with the data folder's keys (never stored or shown in clear).</summary>
    public string? ProtectedSecret { get; set; }
    public int IntervalMinutes { get; set; } = 60;
    public bool Enabled { get; set; } = true;
    /// <summary>The TLP given to objects the partner sent without a TLP marking.</summary>
    public Tlp UnmarkedTlp { get; set; } = Tlp.Amber;
    /// <summary>The partner's X-TAXII-Date-Added-Last of the last page pulled, as it wrote it: the next pull asks for what came after.</summary>
    public string? AddedAfter { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? LastPulledAt { get; set; }
    public DateTimeOffset? NextPullAt { get; set; }
    public int LastAdded { get; set; }
    public string? LastProblem { get; set; }
    public Tlp Tlp { get; set; } = Tlp.AmberStrict;
    public Guid OwnerOrganisationId { get; set; }
}

internal sealed class TaxiiFeedModel : IEntityTypeConfiguration<TaxiiFeed>
{
    public void Configure(EntityTypeBuilder<TaxiiFeed> b)
    {
        b.ToTable("TaxiiFeeds");
        b.Property(f => f.Name).HasMaxLength(200);
        b.Property(f => f.CollectionUrl).HasMaxLength(2000);
        b.Property(f => f.Username).HasMaxLength(200);
        b.Property(f => f.ProtectedSecret).HasMaxLength(4000);
        b.Property(f => f.AddedAfter).HasMaxLength(64);
        b.Property(f => f.LastProblem).HasMaxLength(2000);
        b.HasIndex(f => new { f.OwnerOrganisationId, f.Name }).IsUnique();
        b.HasIndex(f => f.NextPullAt);
        b.HasOne<Organisation>().WithMany().HasForeignKey(f => f.OwnerOrganisationId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed record FeedInput(string? Name, string? Url, string? Username, string? Password, int? IntervalMinutes, string? Tlp, bool? Enabled);

public sealed record FeedView(Guid Id, string Name, string CollectionUrl, string? Username, bool HasSecret, int IntervalMinutes, bool Enabled, Tlp UnmarkedTlp,
    string? AddedAfter, DateTimeOffset? LastPulledAt, DateTimeOffset? NextPullAt, int LastAdded, string? LastProblem)
{
    public static FeedView Of(TaxiiFeed f) => new(f.Id, f.Name, f.CollectionUrl, f.Username, f.ProtectedSecret is not null, f.IntervalMinutes, f.Enabled, f.UnmarkedTlp,
        f.AddedAfter, f.LastPulledAt, f.NextPullAt, f.LastAdded, f.LastProblem);
}

public sealed record PullResult(int Pages, int Objects, int Added, int Duplicates, int Failed, string? AddedAfter, string? Problem);

/// <summary>
/// Isop's TAXII 2.1 client: pulls a partner's collection page by page (added_after, then next) into the
/// organisation's collection, through the import (dedupe, TLP, provenance). It connects only to public addresses
/// unless the server allows private ones (<see cref="AllowPrivateSetting"/>, for a lab or tests), checked on the
/// address actually connected to, and reads at most <see cref="TaxiiApi.MaxContentLength"/> bytes a page.
/// </summary>
public sealed class TaxiiFeeds(IsopDbFactory contexts, IDataProtectionProvider protection, IConfiguration configuration, TimeProvider time)
{
    public const string AllowPrivateSetting = "Isop:Sharing:AllowPrivateFeeds";
    private const int PageSize = 1000;
    private const int MaxPages = 10_000;
    private readonly IDataProtector _protector = protection.CreateProtector("Isop.Sharing.FeedSecrets");

    private bool AllowPrivate => bool.TryParse(configuration[AllowPrivateSetting], out var allowed) && allowed;

    /// <summary>Checks and normalises a feed's settings; errors are keyed by field.</summary>
    public Dictionary<string, string[]> Validate(FeedInput input, bool creating, out Uri? url, out Tlp tlp)
    {
        var errors = new Dictionary<string, string[]>();
        url = null;
        tlp = Tlp.Amber;
        if (creating && string.IsNullOrWhiteSpace(input.Name)) errors["name"] = ["required: a name for the feed, such as the partner's"];
        else if (input.Name is { Length: > 200 }) errors["name"] = ["at most 200 characters"];
        else if (input.Name?.Any(c => char.IsControl(c) || Web.TextChecks.IsDirectionControl(c)) == true) errors["name"] = ["contains control characters"];
        if (creating || input.Url is not null)
        {
            if (!Uri.TryCreate(input.Url, UriKind.Absolute, out url) || url.Scheme is not ("http" or "https") || url.UserInfo.Length > 0 || url.Query.Length > 0 || url.Fragment.Length > 0)
            {
                errors["url"] = ["expected a TAXII 2.1 collection URL, http or https, without credentials or query: https://taxii.example/api1/collections/<id>/"];
                url = null;
            }
            else if (url.Scheme == "http" && !AllowPrivate)
            {
                errors["url"] = [$"feeds use https, so that the credentials and the intelligence are not sent in clear (a lab allows http with the server setting {AllowPrivateSetting})"];
                url = null;
            }
            else if (!url.AbsolutePath.EndsWith('/')) url = new Uri(url.AbsoluteUri + "/");
        }
        if (input.IntervalMinutes is { } minutes && minutes is < 5 or > 10_080) errors["intervalMinutes"] = ["from 5 minutes to a week (10080)"];
        if (input.Tlp is not null && !TlpLabels.TryParse(input.Tlp, out tlp)) errors["tlp"] = [$"expected {TlpLabels.Expected}"];
        if (input.Username is { Length: > 200 }) errors["username"] = ["at most 200 characters"];
        if (input.Password is { Length: > 2000 }) errors["password"] = ["at most 2000 characters"];
        return errors;
    }

    public async Task<TaxiiFeed> AddAsync(IsopDb db, Guid organisation, FeedInput input, CancellationToken ct)
    {
        var errors = Validate(input, creating: true, out var url, out var tlp);
        if (errors.Count > 0) throw new Web.InvalidInputException(errors);
        var name = input.Name!.Trim();
        if (await db.Set<TaxiiFeed>().AnyAsync(f => f.OwnerOrganisationId == organisation && f.Name == name, ct))
            throw new Web.InvalidInputException(new Dictionary<string, string[]> { ["name"] = [$"your organisation already has a feed named \"{name}\""] });
        var now = time.GetUtcNow();
        var feed = new TaxiiFeed
        {
            Name = name, CollectionUrl = url!.AbsoluteUri, Username = string.IsNullOrEmpty(input.Username) ? null : input.Username,
            ProtectedSecret = string.IsNullOrEmpty(input.Password) ? null : _protector.Protect(input.Password), IntervalMinutes = input.IntervalMinutes ?? 60,
            Enabled = input.Enabled ?? true, UnmarkedTlp = tlp, CreatedAt = now, NextPullAt = now, OwnerOrganisationId = organisation,
        };
        db.Add(feed);
        await db.SaveChangesAsync(ct);
        return feed;
    }

    /// <summary>Pulls every feed whose time has come, each as its organisation; returns how many were pulled.</summary>
    public async Task<int> PullDueAsync(CancellationToken ct)
    {
        List<(Guid Id, Guid Owner)> due;
        await using (var db = contexts.For(Caller.System("isop:feeds")))
        {
            var now = time.GetUtcNow();
            due = (await db.Set<TaxiiFeed>().AsNoTracking().Where(f => f.Enabled && f.NextPullAt != null && f.NextPullAt <= now)
                .Select(f => new { f.Id, f.OwnerOrganisationId }).ToListAsync(ct)).Select(f => (f.Id, f.OwnerOrganisationId)).ToList();
        }
        // One feed's failure is its own: recorded on it, never stopping the others.
        foreach (var (id, owner) in due)
        {
            using var budget = CancellationTokenSource.CreateLinkedTokenSource(ct);
            budget.CancelAfter(MaxPullTime);
            try
            {
                await PullAsync(owner, id, budget.Token);
            }
            catch (Exception) when (!ct.IsCancellationRequested)
            {
                await RecordFailureAsync(owner, id, "the pull did not finish in time", ct);
            }
        }
        return due.Count;
    }

    /// <summary>How long one feed's pull may take before it is cut (the partner's pages are many, or slow).</summary>
    public static readonly TimeSpan MaxPullTime = TimeSpan.FromMinutes(10);

    private async Task RecordFailureAsync(Guid organisation, Guid feedId, string problem, CancellationToken ct)
    {
        await using var db = contexts.For(Caller.ForOrganisation(organisation, "isop:feed"));
        var feed = await db.Set<TaxiiFeed>().SingleOrDefaultAsync(f => f.Id == feedId, ct);
        if (feed is null) return;
        var now = time.GetUtcNow();
        feed.LastPulledAt = now;
        feed.NextPullAt = now.AddMinutes(5);
        feed.LastProblem = problem;
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Pulls one feed now, as its organisation, and records the outcome on the feed (a failure is kept as its problem, never thrown).</summary>
    public async Task<PullResult> PullAsync(Guid organisation, Guid feedId, CancellationToken ct)
    {
        await using var db = contexts.For(Caller.ForOrganisation(organisation, "isop:feed"));
        var feed = await db.Set<TaxiiFeed>().SingleOrDefaultAsync(f => f.Id == feedId && f.OwnerOrganisationId == organisation, ct)
                   ?? throw new ArgumentException($"no feed {feedId} of this organisation");
        PullResult result;
        try
        {
            result = await FetchAsync(db, feed, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Whatever a partner sends, the outcome is this feed's problem, not the server's.
            result = new PullResult(0, 0, 0, 0, 0, feed.AddedAfter, $"{feed.CollectionUrl}: {e.Message}");
            db.ChangeTracker.Clear();
            feed = await db.Set<TaxiiFeed>().SingleAsync(f => f.Id == feedId, ct);
        }
        var now = time.GetUtcNow();
        feed.LastPulledAt = now;
        // A failed pull is tried again soon (five minutes), a good one at its interval.
        feed.NextPullAt = now.AddMinutes(result.Problem is not null && result.Pages == 0 ? 5 : Math.Max(5, feed.IntervalMinutes));
        feed.LastAdded = result.Added;
        feed.LastProblem = result.Problem is null ? null : Monitoring.ObservationStore.Clip(result.Problem, 2000);
        if (result.AddedAfter is not null) feed.AddedAfter = result.AddedAfter;
        await db.SaveChangesAsync(ct);
        return result;
    }

    private async Task<PullResult> FetchAsync(IsopDb db, TaxiiFeed feed, CancellationToken ct)
    {
        if (!AllowPrivate && !feed.CollectionUrl.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
            return new PullResult(0, 0, 0, 0, 0, feed.AddedAfter, $"{feed.CollectionUrl}: feeds use https, so that the credentials and the intelligence are not sent in clear (a lab allows http with the server setting {AllowPrivateSetting})");
        using var client = CreateClient();
        var secret = feed.ProtectedSecret is null ? null : _protector.Unprotect(feed.ProtectedSecret);
        int pages = 0, objects = 0, added = 0, duplicates = 0, failed = 0;
        var after = feed.AddedAfter;
        string? next = null;
        try
        {
            do
            {
                var query = new StringBuilder($"objects/?limit={PageSize}");
                if (after is not null) query.Append("&added_after=").Append(Uri.EscapeDataString(after));
                if (next is not null) query.Append("&next=").Append(Uri.EscapeDataString(next));
                using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(new Uri(feed.CollectionUrl), query.ToString()));
                request.Headers.Accept.ParseAdd(TaxiiApi.MediaType);
                if (secret is not null)
                {
                    request.Headers.Authorization = feed.Username is null
                        ? new AuthenticationHeaderValue("Bearer", secret)
                        : new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{feed.Username}:{secret}")));
                }
                using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
                if (response.StatusCode != HttpStatusCode.OK)
                    return new PullResult(pages, objects, added, duplicates, failed, after, $"{feed.CollectionUrl} answered {(int)response.StatusCode} {response.ReasonPhrase}: {await ErrorOf(response, ct)}");
                var media = response.Content.Headers.ContentType?.MediaType;
                if (media is not ("application/taxii+json" or "application/stix+json" or "application/json"))
                    return new PullResult(pages, objects, added, duplicates, failed, after, $"{feed.CollectionUrl} answered with {media ?? "no media type"}, not {TaxiiApi.MediaType}");
                var body = await ReadLimitedAsync(response, ct);
                using var parsed = JsonDocument.Parse(body);
                var envelope = parsed.RootElement;
                if (envelope.ValueKind != JsonValueKind.Object)
                    return new PullResult(pages, objects, added, duplicates, failed, after, $"{feed.CollectionUrl} answered with JSON that is not a TAXII envelope");
                var more = envelope.TryGetProperty("more", out var m) && m.ValueKind == JsonValueKind.True;
                var previous = next;
                next = more && envelope.TryGetProperty("next", out var n) && n.ValueKind == JsonValueKind.String && n.GetString() is { Length: > 0 and <= 2000 } value ? value : null;
                // A server that gives the same next again, or pages with nothing in them, is not followed further.
                if (next is not null && next == previous) next = null;
                pages++;
                if (!envelope.TryGetProperty("objects", out var list) || list.ValueKind != JsonValueKind.Array || list.GetArrayLength() == 0) break;
                var result = await StixSharing.ImportAsync(db, feed.OwnerOrganisationId, body, StixChannel.Feed, feed.CollectionUrl, $"feed {feed.Name}", partial: true, null, ct, feed.UnmarkedTlp);
                objects += result.Objects;
                added += result.Added;
                duplicates += result.Duplicates;
                failed += result.Failed;
                if (response.Headers.TryGetValues("X-TAXII-Date-Added-Last", out var last) && last.FirstOrDefault() is { } text && StixJson.TryParseTimestamp(text, out _))
                    after = text;
            }
            while (next is not null && pages < MaxPages);
            return new PullResult(pages, objects, added, duplicates, failed, after, failed > 0 ? $"{failed} object(s) were not valid STIX 2.1 and were left out" : null);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException or StixFormatException or IOException or InvalidDataException)
        {
            var why = e is TaskCanceledException && !ct.IsCancellationRequested ? "no answer in time" : e.InnerException?.Message ?? e.Message;
            return new PullResult(pages, objects, added, duplicates, failed, after, $"{feed.CollectionUrl}: {why}");
        }
    }

    private static async Task<string> ErrorOf(HttpResponseMessage response, CancellationToken ct)
    {
        try
        {
            var text = await response.Content.ReadAsStringAsync(ct);
            using var error = JsonDocument.Parse(text.Length > 10_000 ? text[..10_000] : text);
            return error.RootElement.TryGetProperty("description", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString()!
                : error.RootElement.TryGetProperty("title", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()! : "no TAXII error message";
        }
        catch (JsonException)
        {
            return "no TAXII error message";
        }
    }

    private static async Task<ReadOnlyMemory<byte>> ReadLimitedAsync(HttpResponseMessage response, CancellationToken ct)
    {
        if (response.Content.Headers.ContentLength > TaxiiApi.MaxContentLength) throw new InvalidDataException($"a page of more than {TaxiiApi.MaxContentLength} bytes");
        await using var stream = await response.Content.ReadAsStreamAsync(ct);
        var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > TaxiiApi.MaxContentLength) throw new InvalidDataException($"a page of more than {TaxiiApi.MaxContentLength} bytes");
            buffer.Write(chunk, 0, read);
        }
        return buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
    }

    /// <summary>A client that connects only to addresses the policy allows, checked on the address connected to (no rebinding past it).</summary>
    private HttpClient CreateClient()
    {
        var allowPrivate = AllowPrivate;
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            UseCookies = false,
            ConnectTimeout = TimeSpan.FromSeconds(10),
            ConnectCallback = async (context, ct) =>
            {
                var addresses = IPAddress.TryParse(context.DnsEndPoint.Host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(context.DnsEndPoint.Host, ct);
                if (!allowPrivate && AddressPolicy.ForbiddenPort(context.DnsEndPoint.Port) is { } port)
                    throw new HttpRequestException($"port {context.DnsEndPoint.Port} is {port}: feeds do not connect to it");
                var allowed = addresses.Where(a => allowPrivate || AddressPolicy.Forbidden(a) is null).ToList();
                if (allowed.Count == 0)
                {
                    var why = addresses.Length == 0 ? "has no address" : $"leads to {addresses[0]}, {AddressPolicy.Forbidden(addresses[0])}";
                    throw new HttpRequestException($"{context.DnsEndPoint.Host} {why}: feeds reach public addresses only (a lab allows others with the server setting {AllowPrivateSetting})");
                }
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await socket.ConnectAsync(allowed.ToArray(), context.DnsEndPoint.Port, ct);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        return new HttpClient(handler) { Timeout = TimeSpan.FromMinutes(2) };
    }
}

/// <summary>Pulls due feeds every minute while the server runs.</summary>
/// <summary>Work the server does on a period, from its start: a failure is logged and the work tried again at the next tick.</summary>
public abstract class PeriodicService(TimeSpan period, TimeProvider time, ILogger log, string failure) : BackgroundService
{
    protected abstract Task RunAsync(CancellationToken ct);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(period, time);
        do
        {
            try
            {
                await RunAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogWarning(e, "{Failure}", failure);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}

/// <summary>Every minute, the feeds that are due are pulled.</summary>
public sealed class FeedScheduler(TaxiiFeeds feeds, TimeProvider time, ILogger<FeedScheduler> log)
    : PeriodicService(TimeSpan.FromMinutes(1), time, log, "Pulling TAXII feeds failed; trying again in a minute.")
{
    protected override Task RunAsync(CancellationToken ct) => feeds.PullDueAsync(ct);
}

/// <summary>Every five seconds, whether a command run beside the server changed records: publication then follows (<see cref="StixSharing.WatchAsync"/>).</summary>
public sealed class PublicationWatch(StixSharing sharing, TimeProvider time, ILogger<PublicationWatch> log)
    : PeriodicService(TimeSpan.FromSeconds(5), time, log, "Reading the audit log's head failed; trying again in five seconds.")
{
    protected override Task RunAsync(CancellationToken ct) => sharing.WatchAsync(ct);
}
