using Isop.Data;

namespace Isop.Cases;

/// <summary>The cases feature: its write path and reads.</summary>
public static class CaseServices
{
    public static IServiceCollection AddCases(this IServiceCollection services) => services
        .AddScoped(sp => new CaseWrites(sp.GetRequiredService<IsopDb>(), sp.GetRequiredService<IsopDbFactory>()))
        .AddScoped(sp => new CaseReads(sp.GetRequiredService<IsopDb>()));
}
