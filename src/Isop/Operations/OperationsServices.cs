namespace Isop.Operations;

/// <summary>The operations feature: finding operations, domain successions and release-group first sightings under the caller's TLP.</summary>
public static class OperationsServices
{
    public const string Section = "Isop:Operations";

    public static IServiceCollection AddOperations(this IServiceCollection services, IConfiguration configuration)
    {
        var commonAt = int.TryParse(configuration[$"{Section}:CommonAt"], System.Globalization.CultureInfo.InvariantCulture, out var n) && n >= 2 ? n : new OperationSettings().CommonAt;
        services.AddSingleton(new OperationSettings(commonAt));
        services.AddScoped<OperationFinder>();
        services.AddSingleton<SuccessionFinder>();
        services.AddScoped<MoneyTrail>();
        services.AddScoped<PlatformScores>();
        services.AddScoped<EmergingThreats>();
        services.AddScoped<LossEstimates>();
        services.AddScoped<LossModelWrites>();
        return services;
    }
}
