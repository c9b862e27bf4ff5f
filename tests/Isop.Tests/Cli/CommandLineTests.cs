using System.Text.Json;
using Isop.Cli;

namespace Isop.Tests.Cli;

public sealed class CommandLineTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "isop-cli-tests", Guid.NewGuid().ToString("N"));

    public CommandLineTests() => Directory.CreateDirectory(_folder);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }

    private async Task<(int Code, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await IsopCommand.Create(stdout, stderr).Parse(["--data", _folder, .. args])
            .InvokeAsync(cancellationToken: TestContext.Current.CancellationToken);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private string File(string name, string content)
    {
        var path = Path.Combine(_folder, name);
        System.IO.File.WriteAllText(path, content);
        return path;
    }

    [Fact]
    public async Task Admin_create_prints_a_one_time_password_and_refuses_a_second_admin_with_the_same_email()
    {
        var (code, stdout, _) = await RunAsync("admin", "create", "--email", "chief@ncb.test", "--org", "NCB Seoul", "--org-kind", "national-central-bureau", "--json");
        Assert.Equal(0, code);
        var result = JsonDocument.Parse(stdout).RootElement;
        Assert.Equal("chief@ncb.test", result.GetProperty("email").GetString());
        Assert.Equal(20, result.GetProperty("password").GetString()!.Length);

        var again = await RunAsync("admin", "create", "--email", "chief@ncb.test", "--org", "NCB Seoul", "--json");
        Assert.Equal(1, again.Code);
        Assert.Contains("A member with e-mail chief@ncb.test already exists.", again.Stderr, StringComparison.Ordinal);

        var badKind = await RunAsync("admin", "create", "--email", "x@y.test", "--org", "Z", "--org-kind", "pirates");
        Assert.Equal(1, badKind.Code);
        Assert.Contains("--org-kind: expected secretariat", badKind.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Admin_token_issues_a_bearer_token_for_a_member()
    {
        await RunAsync("admin", "create", "--email", "ops@ncb.test", "--org", "NCB");
        var (code, stdout, _) = await RunAsync("admin", "token", "--email", "OPS@ncb.test", "--name", "ingest", "--expires-in-days", "30", "--json");
        Assert.Equal(0, code);
        var token = JsonDocument.Parse(stdout).RootElement.GetProperty("token").GetString()!;
        Assert.StartsWith("isop_", token, StringComparison.Ordinal);
        Assert.Equal(69, token.Length);
        var unknown = await RunAsync("admin", "token", "--email", "ghost@ncb.test");
        Assert.Contains("--email: no member with e-mail ghost@ncb.test", unknown.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Catalogue_import_is_idempotent_and_bad_files_name_the_file_and_path()
    {
        await RunAsync("admin", "create", "--email", "rh@studio.test", "--org", "Studio", "--org-kind", "rights-holder");
        var good = File("works.json", """{"works": [{"id": "K001", "kind": "series", "episodes": 16, "titles": [{"text": "사랑의 불시착", "lang": "ko"}]}]}""");
        var first = await RunAsync("catalogue", "import", good, "--json");
        Assert.Equal(0, first.Code);
        Assert.Contains("\"created\":1", first.Stdout, StringComparison.Ordinal);
        var second = await RunAsync("catalogue", "import", good, "--json");
        Assert.Contains("\"unchanged\":1", second.Stdout, StringComparison.Ordinal);

        var bad = File("bad.json", """{"works": [{"id": "K002", "kind": "series", "year": 20.19, "titles": [{"text": "A", "lang": "en"}]}]}""");
        var refused = await RunAsync("catalogue", "import", bad, "--json");
        Assert.Equal(1, refused.Code);
        Assert.Contains("bad.json: $.works[0].year: expected an integer, got the number 20.19", refused.Stderr, StringComparison.Ordinal);

        var missing = await RunAsync("catalogue", "import", Path.Combine(_folder, "nope.json"));
        Assert.Equal(1, missing.Code);
        Assert.Contains("nope.json: no such file", missing.Stderr, StringComparison.Ordinal);

        var tlp = await RunAsync("catalogue", "import", good, "--tlp", "PINK");
        Assert.Contains("--tlp: expected one of CLEAR, GREEN, AMBER, AMBER+STRICT, RED", tlp.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_several_organisations_the_owner_must_be_named()
    {
        await RunAsync("admin", "create", "--email", "a@one.test", "--org", "One");
        // Only the first organisation is a secretariat by default: another's kind is said, and a name is not guessed.
        var unsaid = await RunAsync("admin", "create", "--email", "b@two.test", "--org", "Two");
        Assert.Equal(1, unsaid.Code);
        Assert.Contains("--org-kind: say what kind of organisation Two is", unsaid.Stderr, StringComparison.Ordinal);
        Assert.Contains("there is an organisation named \"One\"", (await RunAsync("admin", "create", "--email", "c@one.test", "--org", "ONE")).Stderr, StringComparison.Ordinal);
        Assert.Contains("One exists and is a secretariat", (await RunAsync("admin", "create", "--email", "c@one.test", "--org", "One", "--org-kind", "rights-holder")).Stderr, StringComparison.Ordinal);
        Assert.Equal(0, (await RunAsync("admin", "create", "--email", "b@two.test", "--org", "Two", "--org-kind", "rights-holder")).Code);
        var works = File("w.json", """{"works": [{"id": "F1", "kind": "film", "titles": [{"text": "Parasite", "lang": "en"}]}]}""");
        var ambiguous = await RunAsync("catalogue", "import", works);
        Assert.Equal(1, ambiguous.Code);
        Assert.Contains("--org: several organisations exist", ambiguous.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, (await RunAsync("catalogue", "import", works, "--org", "Two")).Code);
        Assert.Contains("no organisation named \"Three\"", (await RunAsync("catalogue", "import", works, "--org", "Three")).Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_database_is_a_clear_error()
    {
        var (code, _, stderr) = await RunAsync("--database", "mysql://root@127.0.0.1/isop", "db", "migrate");
        Assert.Equal(1, code);
        Assert.Contains("--database: cannot tell which database", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_the_test_host_s_arguments_start_the_server_directly()
    {
        Assert.True(HostArguments.AreHostOnly(["--contentRoot=/x", "--environment=Testing", "--Isop:Data=/tmp/d"]));
        Assert.False(HostArguments.AreHostOnly(["serve"]));
        Assert.False(HostArguments.AreHostOnly(["--data=/x", "serve"]));
        Assert.False(HostArguments.AreHostOnly(["--data=/x"]));
        Assert.False(HostArguments.AreHostOnly([]));
    }
}
