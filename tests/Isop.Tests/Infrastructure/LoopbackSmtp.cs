using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MimeKit;

namespace Isop.Tests.Infrastructure;

/// <summary>
/// A real SMTP server on a loopback port: Debian's aiosmtpd (python3-aiosmtpd) with its Maildir handler, so that a
/// message goes through a whole SMTP dialogue and lands as a file that MimeKit reads back.
/// </summary>
public sealed class LoopbackSmtp : IAsyncDisposable
{
    private readonly TemporaryFolder _folder;
    private readonly Process _server;

    public int Port { get; }

    private LoopbackSmtp(TemporaryFolder folder, Process server, int port)
    {
        (_folder, _server, Port) = (folder, server, port);
    }

    /// <summary>Why no server can start here (aiosmtpd missing), or null.</summary>
    public static string? Unavailable { get; } =
        File.Exists("/usr/bin/python3") && Directory.GetDirectories("/usr/lib/python3/dist-packages", "aiosmtpd").Length > 0
            ? null
            : "aiosmtpd is not installed (Debian package python3-aiosmtpd): the SMTP tests need a real SMTP server.";

    /// <summary>Skips the test where aiosmtpd is missing, and fails it under CI, where .ci/run installs it.</summary>
    public static void Require()
    {
        if (Unavailable is null) return;
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI"))) Assert.Fail(Unavailable);
        Assert.Skip(Unavailable);
    }

    public static async Task<LoopbackSmtp?> StartAsync(CancellationToken ct)
    {
        if (Unavailable is not null) return null;
        var folder = new TemporaryFolder();
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            var server = Process.Start(new ProcessStartInfo("/usr/bin/python3", ["-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{port}", "-c", "aiosmtpd.handlers.Mailbox", Path.Combine(folder.Path, "mail")])
            {
                RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            })!;
            var smtp = new LoopbackSmtp(folder, server, port);
            var until = DateTime.UtcNow.AddSeconds(30);
            while (true)
            {
                try
                {
                    using var client = new TcpClient();
                    await client.ConnectAsync(IPAddress.Loopback, port, ct);
                    return smtp;
                }
                catch (SocketException) when (DateTime.UtcNow < until && !server.HasExited)
                {
                    await Task.Delay(50, ct);
                }
            }
        }
    }

    /// <summary>The messages delivered so far, oldest first.</summary>
    public IReadOnlyList<MimeMessage> Messages()
    {
        var folder = Path.Combine(_folder.Path, "mail", "new");
        if (!Directory.Exists(folder)) return [];
        return [.. new DirectoryInfo(folder).GetFiles().OrderBy(f => f.LastWriteTimeUtc).ThenBy(f => f.Name, StringComparer.Ordinal).Select(f => MimeMessage.Load(f.FullName))];
    }

    /// <summary>The message whose header <paramref name="header"/> is <paramref name="value"/>; it was delivered before the SMTP dialogue ended.</summary>
    public MimeMessage Single(string header, string value) => Assert.Single(Messages(), m => m.Headers[header] == value);

    public ValueTask DisposeAsync() => ExternalTools.StopAsync(_server, _folder);
}
