using System.Text.Json;
using Isop.Monitoring;
using Isop.Tests.Infrastructure;

namespace Isop.Tests.Cli;

/// <summary>Sets process environment variables: runs apart from the other tests that do (<see cref="ProcessEnvironment"/>).</summary>
[Collection(ProcessEnvironment.Name)]
public sealed class PlatformCommandTests(PostgresServer postgres) : CommandLineTest(postgres)
{
    private static async Task<T> WithEnvironmentAsync<T>(string name, string value, Func<Task<T>> action)
    {
        Environment.SetEnvironmentVariable(name, value);
        try
        {
            return await action();
        }
        finally
        {
            Environment.SetEnvironmentVariable(name, null);
        }
    }

    [Fact]
    public async Task Platform_add_registers_a_monitored_platform_and_list_shows_it()
    {
        Assert.Equal(0, (await RunAsync("admin", "create", "--email", "admin@ncb.test", "--org", "NCB Seoul", "--org-kind", "national-central-bureau")).Code);
        string[] add = ["platform", "add", "Drama Hood", "--domain", "DramaHood.test", "--domain", "dramahood2.test", "--kind", "streaming-site",
            "--monitor", "--seed", "http://dramahood.test:8080/", "--resolve", "dramahood.test:8080:127.0.0.1", "--interval", "60", "--json"];
        // A resolve entry that leads to loopback is the server's permission, not the platform's (the SSRF finding of issue 11).
        var refused = await RunAsync(add);
        Assert.Equal(1, refused.Code);
        Assert.Contains("--resolve dramahood.test:8080:127.0.0.1: 127.0.0.1 is loopback (127.0.0.0/8)", refused.Stderr, StringComparison.Ordinal);
        Assert.Contains(ResolvePermission.Setting, refused.Stderr, StringComparison.Ordinal);
        var (code, stdout, stderr) = await WithEnvironmentAsync("Isop__Crawling__AllowPrivateResolve", "true", () => RunAsync(add));
        Assert.True(code == 0, stderr);
        var added = JsonDocument.Parse(stdout).RootElement;
        Assert.Equal(["dramahood.test", "dramahood2.test"], added.GetProperty("domains").EnumerateArray().Select(d => d.GetString()));
        Assert.True(added.GetProperty("monitored").GetBoolean());
        var list = JsonDocument.Parse((await RunAsync("platform", "list", "--json")).Stdout).RootElement;
        Assert.Equal("Drama Hood", list.GetProperty("name").GetString());
        Assert.True(list.GetProperty("monitored").GetBoolean());
    }

    [Theory]
    [InlineData("--kind", "warez", "--kind: expected one of streaming-site")]
    [InlineData("--seed", "file:///etc/passwd", "--seed file:///etc/passwd: the file: scheme is not fetched")]
    [InlineData("--resolve", "dramahood.test", "--resolve dramahood.test: resolve entry 'dramahood.test': expected host:port:address")]
    [InlineData("--interval", "1", "--interval: expected a whole number from 5")]
    [InlineData("--domain", "co.kr", "--domain co.kr: ")]
    [InlineData("--tlp", "PURPLE", "--tlp: expected")]
    public async Task Bad_platform_arguments_are_refused_with_the_field_named(string option, string value, string message)
    {
        await RunAsync("admin", "create", "--email", "admin@ncb.test", "--org", "NCB Seoul", "--org-kind", "national-central-bureau");
        var (code, _, stderr) = await RunAsync("platform", "add", "Bad", "--domain", "bad.test", option, value);
        Assert.Equal(1, code);
        Assert.Contains(message, stderr, StringComparison.Ordinal);
    }
}

/// <summary>Tests that set process environment variables (which every command of the process reads) run one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class ProcessEnvironment
{
    public const string Name = "process environment";
}
