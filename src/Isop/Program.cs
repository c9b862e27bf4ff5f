using Isop.Cli;
using Isop.Web;

namespace Isop;

/// <summary>The entry point of <c>isop</c> (and of WebApplicationFactory in tests).</summary>
public sealed class Program
{
    private Program()
    {
    }

    public static async Task<int> Main(string[] args)
    {
        // WebApplicationFactory starts the entry point with host settings only (--contentRoot=…): serve.
        if (HostArguments.AreHostOnly(args))
        {
            var app = IsopServer.Build(args);
            return await IsopServer.RunAsync(app, Console.Out, CancellationToken.None);
        }
        return await IsopCommand.Create().Parse(args).InvokeAsync();
    }
}
