using Isop.Data;
using Isop.Monitoring;

namespace Isop.Platforms;

/// <summary>The platforms feature: its write path.</summary>
public static class PlatformServices
{
    public static IServiceCollection AddPlatforms(this IServiceCollection services) =>
        services.AddScoped(sp => new PlatformWrites(sp.GetRequiredService<IsopDb>(), sp.GetRequiredService<MonitorSettings>()));
}
