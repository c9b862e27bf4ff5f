using Isop.Cases;
using System.CommandLine;
using Isop.Access;
using Isop.Catalogue;
using Isop.Data;
using Isop.Enforcement;
using Isop.Monitoring;
using Isop.Operations;
using Isop.Platforms;
using Isop.ReleaseGroups;
using Isop.Sharing;
using Isop.Web;

namespace Isop.Cli;

/// <summary>
/// The services a command works with: a host built like the server's (<see cref="IsopServer"/>), with the same
/// <c>AddX()</c> calls, on the command's data folder and database, acting as the local operator unless a caller is
/// given. Settings come from the environment as they do for the server
/// (<c>Isop__Crawling__AllowPrivateResolve</c>…); the monitor's scheduler does not run in a command.
/// </summary>
internal sealed class CliScope : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly AsyncServiceScope _scope;

    private CliScope(IHost host)
    {
        _host = host;
        _scope = host.Services.CreateAsyncScope();
    }

    public IServiceProvider Services => _scope.ServiceProvider;

    /// <summary>The command's database context, acting as the command's caller.</summary>
    public IsopDb Db => Services.GetRequiredService<IsopDb>();

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    /// <summary>The services for a command, with migrations applied first unless <paramref name="migrate"/> is false.</summary>
    public static async Task<CliScope> OpenAsync(ParseResult r, CancellationToken ct, bool migrate = true, DatabaseSettings? database = null, Caller? caller = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.Configuration["Isop:Data"] = r.GetValue(IsopCommand.Data);
        if (r.GetValue(IsopCommand.Database) is { } connection) builder.Configuration["Isop:Database"] = connection;
        builder.Configuration[MonitoringServices.EnabledSetting] = "false";
        var settings = IsopSettings.From(builder.Configuration);
        if (database is not null) settings = settings with { Database = database };
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton(settings.Database);
        builder.Services.AddSingleton<ICallerAccessor>(new FixedCaller(caller ?? Caller.System($"cli:{Environment.UserName}")));
        builder.Services.AddIsopData();
        builder.Services.AddIsopAccounts();
        builder.Services.AddCatalogue();
        builder.Services.AddPlatforms();
        builder.Services.AddCases();
        builder.Services.AddMonitoring(builder.Configuration);
        builder.Services.AddOperations(builder.Configuration);
        builder.Services.AddReleaseGroups();
        builder.Services.AddSharing();
        builder.Services.AddEnforcement(builder.Configuration);
        var scope = new CliScope(builder.Build());
        if (migrate) await DataServices.MigrateAsync(scope.Db, ct);
        return scope;
    }

    public async ValueTask DisposeAsync()
    {
        await _scope.DisposeAsync();
        _host.Dispose();
    }
}
