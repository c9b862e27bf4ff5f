using Isop.Data;
using Isop.Monitoring;
using Isop.Web;

namespace Isop.Cases;

/// <summary>The cases feature: its write path, reads, and evidence packages.</summary>
public static class CaseServices
{
    /// <summary>The RFC 3161 authority that time-stamps packages (<c>Isop:Evidence:TimestampAuthority</c>, an http(s) URL; none: not time-stamped).</summary>
    public const string TimestampSetting = "Isop:Evidence:TimestampAuthority";

    /// <summary>The Chromium that prints reports (<c>Isop:Evidence:Chromium</c>; default: Debian's).</summary>
    public const string ChromiumSetting = "Isop:Evidence:Chromium";

    public static IServiceCollection AddCases(this IServiceCollection services)
    {
        services
            .AddScoped(sp => new CaseWrites(sp.GetRequiredService<IsopDb>(), sp.GetRequiredService<IsopDbFactory>(), sp.GetRequiredService<Operations.OperationFinder>()))
            .AddScoped(sp => new CaseReads(sp.GetRequiredService<IsopDb>()));
        // Resolved only by the server, which knows its data folder; the command line builds its own from its options.
        services.AddSingleton(sp =>
        {
            var configuration = sp.GetRequiredService<IConfiguration>();
            var data = sp.GetRequiredService<IsopSettings>();
            var authority = configuration[TimestampSetting];
            Uri? tsa = null;
            if (!string.IsNullOrWhiteSpace(authority) && (!Uri.TryCreate(authority, UriKind.Absolute, out tsa) || tsa.Scheme is not ("http" or "https")))
                throw new InvalidOperationException($"{TimestampSetting}: expected an http or https URL, got \"{authority}\"");
            return new CaseExportSettings(sp.GetRequiredService<MonitorSettings>().EvidenceRoot,
                data.Database.KeysDirectory ?? Path.Combine(data.DataDirectory, "keys"), tsa, new ChromiumPdf(configuration[ChromiumSetting]));
        });
        services.AddHttpClient(nameof(CaseExport), c => c.Timeout = TimeSpan.FromSeconds(30));
        services.AddScoped(sp => new CaseExport(sp.GetRequiredService<IsopDb>(), sp.GetRequiredService<CaseReads>(), sp.GetRequiredService<CaseExportSettings>(),
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(CaseExport))));
        return services;
    }
}
