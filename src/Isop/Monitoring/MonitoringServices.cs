using Isop.Web;

namespace Isop.Monitoring;

/// <summary>The monitoring feature: its settings (evidence store, resolve permission), the runner, and the scheduler, which <c>Isop:Monitoring=false</c> turns off.</summary>
public static class MonitoringServices
{
    public const string EnabledSetting = "Isop:Monitoring";

    public static IServiceCollection AddMonitoring(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(sp => new MonitorSettings(Path.Combine(sp.GetRequiredService<IsopSettings>().DataDirectory, "evidence"),
            AllowPrivateResolve: ResolvePermission.AllowedBy(sp.GetRequiredService<IConfiguration>())));
        services.AddSingleton<MonitorRunner>();
        if (!string.Equals(configuration[EnabledSetting], "false", StringComparison.OrdinalIgnoreCase))
            services.AddHostedService<PlatformMonitorService>();
        return services;
    }
}
