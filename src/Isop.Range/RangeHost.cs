using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace Isop.Range;

/// <summary>
/// Serves every site of a range from one Kestrel listener on loopback, chosen by the Host header. The simulated
/// day is the host's <see cref="Day"/>, or the <c>X-Isop-Day</c> request header when a request gives one.
/// </summary>
public sealed class RangeHost : IAsyncDisposable
{
    public const string DayHeader = "X-Isop-Day";

    private readonly WebApplication app;
    private int day;

    private RangeHost(WebApplication app, RangeWorld world, int day)
    {
        this.app = app;
        World = world;
        this.day = day;
    }

    public RangeWorld World { get; }

    public int Port { get; private set; }

    /// <summary>The simulated day the range shows (0 to <see cref="RangeWorld.Days"/> − 1).</summary>
    public int Day
    {
        get => Volatile.Read(ref day);
        set => Volatile.Write(ref day, ClampDay(value));
    }

    /// <summary>curl-style resolve entries that send every range host name to this listener: one wildcard, <c>*.test</c>, so that successors found later resolve too.</summary>
    public IEnumerable<string> ResolveEntries => [$"*.test:{Port}:127.0.0.1"];

    public Uri Home(RangeSite site, int? onDay = null) => new($"http://{site.HostOn(onDay ?? Day) ?? site.Domains[^1].Host}:{Port}/");

    public static async Task<RangeHost> StartAsync(RangeWorld world, int day, int port = 0, CancellationToken cancellation = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Listen(IPAddress.Loopback, port);
        });
        var app = builder.Build();
        var host = new RangeHost(app, world, ClampDay(day));
        var sites = new RangeSites(world);
        app.Run(async context =>
        {
            var requestDay = context.Request.Headers[DayHeader] is [{ } text] && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var d) ? ClampDay(d) : host.Day;
            var response = sites.Render(context.Request.Host.Host, context.Request.Path.Value ?? "/", context.Request.QueryString.Value ?? "", requestDay);
            if (response.Drop)
            {
                // A dead server: the connection closes without an answer.
                context.Abort();
                return;
            }
            if (response.RedirectHost is { } target)
                context.Response.Headers.Location = $"{context.Request.Scheme}://{target}:{host.Port}{context.Request.Path}{context.Request.QueryString}";
            // The simulated day is the server's today: its clock reads the day's last hour, as a relative date ("3 hours ago") is reckoned from.
            context.Response.Headers.Date = RangeSites.Now(requestDay).ToString("r", CultureInfo.InvariantCulture);
            context.Response.StatusCode = response.Status;
            context.Response.ContentType = response.ContentType;
            context.Response.Headers.Server = "nginx";
            context.Response.ContentLength = response.Body.Length;
            await context.Response.Body.WriteAsync(response.Body, context.RequestAborted);
        });
        await app.StartAsync(cancellation);
        host.Port = new Uri(app.Urls.First()).Port;
        return host;
    }

    private static int ClampDay(int day) => Math.Clamp(day, 0, RangeWorld.Days - 1);

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
