using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace Isop.Tests.Infrastructure;

/// <summary>The test server has no network peer: this sets the client's address from the X-Test-Client header, as a real connection would.</summary>
public sealed class TestClientAddress : IStartupFilter
{
    public const string Header = "X-Test-Client";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, go) =>
        {
            if (IPAddress.TryParse(context.Request.Headers[Header], out var address)) context.Connection.RemoteIpAddress = address;
            return go(context);
        });
        next(app);
    };
}
