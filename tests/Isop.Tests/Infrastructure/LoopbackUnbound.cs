using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Isop.Tests.Infrastructure;

/// <summary>
/// A real Unbound on a loopback UDP port that enforces a response policy zone over an authoritative <c>test.</c> zone
/// and never asks the outside (everything else goes to a loopback port where nothing listens). Each applied policy is logged.
/// </summary>
internal sealed class LoopbackUnbound : IAsyncDisposable
{
    private readonly TemporaryFolder _folder;
    private readonly Process _server;
    private readonly int _port;

    private LoopbackUnbound(TemporaryFolder folder, Process server, int port)
    {
        (_folder, _server, _port) = (folder, server, port);
    }

    /// <summary>
    /// Starts Unbound with <paramref name="rpz"/> as its policy zone and <paramref name="records"/> (lines of the test. zone,
    /// names relative to it) as the names' own data; the configuration passes unbound-checkconf first.
    /// </summary>
    public static async Task<LoopbackUnbound> StartAsync(string rpz, string records, CancellationToken ct)
    {
        var unbound = ExternalTools.Require("unbound", "unbound");
        var checkconf = ExternalTools.Require("unbound-checkconf", "unbound");
        var folder = new TemporaryFolder();
        await File.WriteAllTextAsync(Path.Combine(folder.Path, "blocklist.rpz"), rpz, ct);
        // Unbound answers local-zone data before it applies a policy (and serves test. as an empty static zone by
        // default), so the data is an authoritative zone here, which it consults after the policy.
        await File.WriteAllTextAsync(Path.Combine(folder.Path, "test.zone"),
            "$TTL 300\n@ IN SOA localhost. hostmaster.localhost. 1 3600 600 86400 300\n@ IN NS localhost.\n" + records.Trim() + "\n", ct);
        var config = Path.Combine(folder.Path, "unbound.conf");
        // The free port is chosen, then released: another program (another resolver's outgoing query, say) may take it
        // before Unbound binds it, and Unbound then exits. It is started again on another port.
        for (var attempt = 1; ; attempt++)
        {
            var port = FreeUdpPort();
            await File.WriteAllTextAsync(config, $"""
                server:
                  interface: 127.0.0.1
                  port: {port}
                  do-daemonize: no
                  username: ""
                  chroot: ""
                  directory: "{folder.Path}"
                  pidfile: ""
                  use-syslog: no
                  logfile: "{Path.Combine(folder.Path, "unbound.log")}"
                  module-config: "respip iterator"
                  do-not-query-localhost: no
                  local-zone: "test." nodefault
                  access-control: 127.0.0.0/8 allow
                rpz:
                  name: "rpz.isop."
                  zonefile: "{Path.Combine(folder.Path, "blocklist.rpz")}"
                  rpz-log: yes
                auth-zone:
                  name: "test."
                  zonefile: "{Path.Combine(folder.Path, "test.zone")}"
                  for-downstream: yes
                  for-upstream: yes
                  fallback-enabled: no
                # Anything else goes to a loopback port where nothing listens: this resolver never asks the outside.
                forward-zone:
                  name: "."
                  forward-addr: 127.0.0.1@9
                """, ct);
            var (checkCode, checkOutput) = await Sharing.StixPeers.RunAsync(checkconf, [config], null, TimeSpan.FromMinutes(1));
            Assert.True(checkCode == 0, checkOutput);
            var server = Process.Start(new ProcessStartInfo(unbound, ["-c", config]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false })!;
            var resolver = new LoopbackUnbound(folder, server, port);
            if (await resolver.WaitUntilUpAsync(ct)) return resolver;
            var log = Path.Combine(folder.Path, "unbound.log");
            var output = $"exit code {server.ExitCode}: " + await server.StandardError.ReadToEndAsync(ct) + (File.Exists(log) ? await File.ReadAllTextAsync(log, ct) : "");
            server.Dispose();
            if (attempt == 5)
            {
                folder.Dispose();
                Assert.Fail("Unbound did not start, " + output);
            }
        }
    }

    /// <summary>What Unbound logged (each applied policy: "rpz: applied NAME rpz-nxdomain").</summary>
    public Task<string> LogAsync(CancellationToken ct) => File.ReadAllTextAsync(Path.Combine(_folder.Path, "unbound.log"), ct);

    /// <summary>Whether Unbound answers (false: it exited first).</summary>
    private async Task<bool> WaitUntilUpAsync(CancellationToken ct)
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                await QueryOnceAsync("localhost.test", ct);
                return true;
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException && DateTime.UtcNow < until && !ct.IsCancellationRequested)
            {
                // Not listening yet, or gone.
                if (_server.HasExited) return false;
            }
        }
    }

    /// <summary>
    /// An A query over UDP: the response code (0 NOERROR, 3 NXDOMAIN) and the first address. UDP may lose a datagram on a
    /// busy machine: an unanswered query is asked again (ten times at most, two seconds each), as a stub resolver does.
    /// </summary>
    public async Task<(int Rcode, IPAddress? Address)> QueryAsync(string name, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await QueryOnceAsync(name, ct);
            }
            catch (OperationCanceledException) when (attempt < 10 && !ct.IsCancellationRequested)
            {
                // Asked again.
            }
        }
    }

    private async Task<(int Rcode, IPAddress? Address)> QueryOnceAsync(string name, CancellationToken ct)
    {
        var query = new List<byte> { 0x4a, 0x21, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0 };
        foreach (var label in name.Split('.'))
        {
            query.Add((byte)label.Length);
            query.AddRange(System.Text.Encoding.ASCII.GetBytes(label));
        }
        query.AddRange([0, 0, 1, 0, 1]);
        using var client = new UdpClient(AddressFamily.InterNetwork);
        client.Connect(IPAddress.Loopback, _port);
        await client.SendAsync(query.ToArray(), ct);
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(ct);
        wait.CancelAfter(TimeSpan.FromSeconds(2));
        var reply = (await client.ReceiveAsync(wait.Token)).Buffer;
        Assert.Equal(0x4a21, (reply[0] << 8) | reply[1]);
        var rcode = reply[3] & 0x0f;
        var answers = (reply[6] << 8) | reply[7];
        var at = SkipName(reply, 12) + 4;
        for (var i = 0; i < answers; i++)
        {
            at = SkipName(reply, at);
            var type = (reply[at] << 8) | reply[at + 1];
            var length = (reply[at + 8] << 8) | reply[at + 9];
            at += 10;
            if (type == 1 && length == 4) return (rcode, new IPAddress(reply.AsSpan(at, 4)));
            at += length;
        }
        return (rcode, null);
    }

    private static int SkipName(byte[] message, int at)
    {
        while (message[at] != 0)
        {
            if ((message[at] & 0xc0) == 0xc0) return at + 2;
            at += message[at] + 1;
        }
        return at + 1;
    }

    private static int FreeUdpPort()
    {
        using var socket = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.Client.LocalEndPoint!).Port;
    }

    public ValueTask DisposeAsync() => ExternalTools.StopAsync(_server, _folder);
}

/// <summary>Programs from Debian packages that tests drive.</summary>
internal static class ExternalTools
{
    /// <summary>Stops a server a test started, and removes its folder.</summary>
    public static async ValueTask StopAsync(Process server, TemporaryFolder folder)
    {
        try
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
        }
        finally
        {
            server.Dispose();
            folder.Dispose();
        }
    }

    /// <summary>The program's path, or the test is skipped (failed under CI, where .ci/run installs the package).</summary>
    public static string Require(string program, string package)
    {
        foreach (var folder in new[] { "/usr/sbin", "/usr/bin", "/sbin", "/bin" })
        {
            var path = Path.Combine(folder, program);
            if (File.Exists(path)) return path;
        }
        var message = $"{program} is not installed (Debian package {package}).";
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI"))) Assert.Fail(message);
        Assert.Skip(message);
        return "";
    }
}
