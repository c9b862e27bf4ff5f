using Isop.Cli;

namespace Isop.Tests.Infrastructure;

/// <summary>Runs <c>isop</c> commands in-process on a fresh SQLite database and data folder of the test's own.</summary>
public abstract class CommandLineTest(PostgresServer postgres) : IAsyncLifetime
{
    protected TestDatabase Database { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Database = await TestDatabase.CreateAsync(Provider.Sqlite, postgres);

    public ValueTask DisposeAsync()
    {
        Database.Dispose();
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    protected async Task<(int Code, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await IsopCommand.Create(stdout, stderr).Parse(["--database", Database.DatabaseArgument, "--data", Database.DataDirectory, .. args])
            .InvokeAsync(cancellationToken: TestContext.Current.CancellationToken);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
