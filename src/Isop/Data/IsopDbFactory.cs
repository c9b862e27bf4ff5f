using Isop.Access;

namespace Isop.Data;

/// <summary>
/// The one way application code gets a database context for a caller outside a web request (the monitor, the demo,
/// the command line): registered with <see cref="DataServices.AddIsopData(IServiceCollection)"/>, on the same
/// settings, clock and audit seal as the request-scoped <see cref="IsopDb"/>.
/// </summary>
public sealed class IsopDbFactory(DatabaseSettings settings, TimeProvider time)
{
    public DatabaseSettings Settings { get; } = settings;

    /// <summary>A new context acting as <paramref name="caller"/>; the caller disposes it.</summary>
    public IsopDb For(Caller caller) => DataServices.CreateContext(Settings, caller, time);
}
