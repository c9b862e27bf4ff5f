using Isop.Cli;
using Isop.Web;

namespace Isop;

public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        // WebApplicationFactory starts the entry point with host settings only (--contentRoot=…): serve.
        if (HostArguments.AreHostOnly(args))
        {
            var app = WebHost.Build(args);
            return await WebHost.RunAsync(app, Console.Out, CancellationToken.None);
        }
        return await IsopCommand.Create().Parse(args).InvokeAsync();
    }
}
