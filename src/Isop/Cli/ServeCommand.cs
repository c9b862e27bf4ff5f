using System.CommandLine;
using Isop.Web;

namespace Isop.Cli;

/// <summary><c>isop serve</c>: the web UI and API, with <c>--demo</c> the range too.</summary>
internal static class ServeCommand
{
    public static Command Serve(TextWriter stdout, TextWriter stderr)
    {
        var urls = new Option<string?>("--urls") { Description = "Addresses to listen on, e.g. http://127.0.0.1:5000 (default http://localhost:5000)." };
        var demo = new Option<bool>("--demo") { Description = "Also start the range (a synthetic piracy ecosystem on loopback), import its catalogue, register its platforms and monitor them." };
        var demoSeed = new Option<int>("--demo-seed") { Description = "Seed of the demo range.", DefaultValueFactory = _ => 1 };
        var demoScale = new Option<int>("--demo-scale") { Description = "Scale of the demo range (1 to 100).", DefaultValueFactory = _ => 2 };
        var command = new Command("serve", "Run the web UI and API (applies migrations; creates the first admin on an empty database).");
        command.Options.Add(urls);
        command.Options.Add(demo);
        command.Options.Add(demoSeed);
        command.Options.Add(demoScale);
        command.SetAction(async (r, ct) =>
        {
            var output = IsopCommand.OutputOf(r, stdout, stderr);
            return await IsopCommand.Guard(output, async () =>
            {
                var app = IsopServer.Build([], b =>
                {
                    b.Configuration["Isop:Data"] = r.GetValue(IsopCommand.Data);
                    if (r.GetValue(IsopCommand.Database) is { } database) b.Configuration["Isop:Database"] = database;
                    if (r.GetValue(urls) is { } u) b.WebHost.UseUrls(u);
                    // The demo range runs on loopback: the demo grants its platforms' resolve entries that permission.
                    if (r.GetValue(demo)) b.Configuration[Monitoring.ResolvePermission.Setting] = "true";
                });
                if (!r.GetValue(demo)) return await IsopServer.RunAsync(app, stdout, ct);
                var world = Isop.Range.RangeWorld.Create(r.GetValue(demoSeed), Math.Clamp(r.GetValue(demoScale), 1, 100));
                await using var range = await Isop.Range.RangeHost.StartAsync(world, Isop.Range.RangeWorld.Days - 1, cancellation: ct);
                return await IsopServer.RunAsync(app, stdout, ct, (services, token) => Monitoring.DemoSetup.StartAsync(services, range, stdout, token));
            });
        });
        return command;
    }
}
