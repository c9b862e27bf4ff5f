using System.Data.Common;
using Isop.Access;
using Isop.Catalogue;
using Isop.Cli;
using Isop.Data;
using Isop.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Isop.Tests.Data;

public abstract class AuditTests(Provider provider, PostgresServer postgres) : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private Organisation _org = null!;
    private Member _member = null!;

    public async ValueTask InitializeAsync()
    {
        if (provider == Provider.Postgres) postgres.RequireAvailable();
        _database = await TestDatabase.CreateAsync(provider, postgres);
        await using var system = DataServices.CreateContext(_database.Settings, Caller.System("test"));
        await DataServices.MigrateAsync(system, CancellationToken.None);
        _org = new Organisation { Name = "Studio", Kind = OrganisationKind.RightsHolder };
        system.Organisations.Add(_org);
        _member = new Member { DisplayName = "Ana", Email = "ana@studio.test", UserName = "ana@studio.test", OrganisationId = _org.Id, Role = MemberRole.Analyst };
        system.Users.Add(_member);
        await system.SaveChangesAsync();

        await using var db = AsMember();
        var work = new Work { ExternalId = "K001", OwnerOrganisationId = _org.Id, Tlp = Tlp.Green, Kind = WorkKind.Series };
        work.Titles.Add(new WorkTitle { Text = "사랑의 불시착", Language = "ko" });
        work.Titles.Add(new WorkTitle { Text = "Crash Landing on You", Language = "en" });
        db.Works.Add(work);
        await db.SaveChangesAsync();
        work.Year = 2019;
        work.Titles.RemoveAt(1);
        await db.SaveChangesAsync();
        db.Works.Remove(work);
        await db.SaveChangesAsync();
    }

    public ValueTask DisposeAsync()
    {
        _database?.Dispose();
        return ValueTask.CompletedTask;
    }

    private IsopDb AsMember() => DataServices.CreateContext(_database.Settings, Caller.ForMember(_member, false));

    private async Task<AuditVerification> VerifyAsync()
    {
        await using var db = DataServices.CreateContext(_database.Settings, Caller.System("test"));
        return await AuditVerifier.VerifyAsync(db, null, CancellationToken.None);
    }

    private async Task<List<AuditEntry>> EntriesAsync()
    {
        await using var db = DataServices.CreateContext(_database.Settings, Caller.System("test"));
        return await db.AuditEntries.AsNoTracking().OrderBy(a => a.Sequence).ToListAsync();
    }

    [Fact]
    public async Task Every_change_is_recorded_with_who_what_and_when()
    {
        var entries = await EntriesAsync();
        var work = entries.Where(e => e.EntityType == "work").ToList();
        Assert.Equal(["create", "update", "delete"], work.Select(e => e.Action));
        Assert.All(work, e =>
        {
            Assert.Equal(_member.Id, e.ActorMemberId);
            Assert.Equal(_org.Id, e.ActorOrganisationId);
            Assert.Equal("ana@studio.test", e.Actor);
        });
        Assert.Contains("사랑의 불시착", work[0].Changes, StringComparison.Ordinal);
        Assert.Contains("\"Year\":{\"old\":null,\"new\":2019}", work[1].Changes, StringComparison.Ordinal);
        Assert.Contains("\"removed\"", work[1].Changes, StringComparison.Ordinal);
        Assert.Contains("Crash Landing on You", work[1].Changes, StringComparison.Ordinal);
        Assert.DoesNotContain(entries, e => e.Changes.Contains("AQAAAA", StringComparison.Ordinal)); // no password hashes
        Assert.True((await VerifyAsync()).Intact);
    }

    [Fact]
    public async Task A_changed_character_in_any_field_of_any_entry_is_found()
    {
        var entries = await EntriesAsync();
        Assert.True(entries.Count >= 5);
        string[] columns = ["At", "ActorMemberId", "ActorOrganisationId", "Actor", "Action", "EntityType", "EntityId", "Changes", "PreviousHash", "Hash"];
        foreach (var entry in entries)
        {
            foreach (var column in columns)
            {
                var original = await ReadAsync(entry.Sequence, column);
                if (original is null or DBNull) continue;
                await WriteAsync(entry.Sequence, column, Flip(original));
                var result = await VerifyAsync();
                Assert.False(result.Intact, $"{column} of entry {entry.Sequence} changed unnoticed");
                Assert.True(result.BrokenAt == entry.Sequence, $"{column} of entry {entry.Sequence}: reported {result.BrokenAt} ({result.Problem})");
                await WriteAsync(entry.Sequence, column, original);
            }
        }
        Assert.True((await VerifyAsync()).Intact);
    }

    [Fact]
    public async Task Records_changed_added_or_removed_outside_Isop_are_found()
    {
        var now = DateTimeOffset.UtcNow;
        var platform = new Isop.Platforms.Platform { Name = "Drama Hood", OwnerOrganisationId = _org.Id, Tlp = Tlp.Amber, CreatedAt = now, UpdatedAt = now };
        platform.SetDomains(["dramahood.test"], now);
        await using (var db = AsMember())
        {
            db.Platforms.Add(platform);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
            platform.Description = "IPTV and dramas";
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }
        // Members, organisations, tokens, identity rows and records as Isop wrote them: nothing differs.
        var clean = await VerifyAsync();
        Assert.True(clean.Intact, clean.Problem);

        object Id(Guid id) => provider == Provider.Postgres ? id : id.ToString().ToUpperInvariant();
        await ExecuteAsync("""UPDATE "Platforms" SET "Tlp" = 'Clear' WHERE "Id" = @id""", Id(platform.Id));
        var changed = await VerifyAsync();
        Assert.False(changed.Intact);
        Assert.Null(changed.BrokenAt);
        Assert.Equal(1, changed.RecordsDiffer);
        Assert.Contains($"platform {platform.Id}: Tlp is \"Clear\" in the database, but the audit log last recorded \"Amber\"", changed.Problem, StringComparison.Ordinal);
        await ExecuteAsync("""UPDATE "Platforms" SET "Tlp" = 'Amber' WHERE "Id" = @id""", Id(platform.Id));
        Assert.True((await VerifyAsync()).Intact);

        // A record's parts too: a domain renamed behind Isop's back.
        var domain = platform.Domains.Single();
        await ExecuteAsync("""UPDATE "PlatformDomains" SET "Name" = 'elsewhere.test' WHERE "Id" = @id""", Id(domain.Id));
        var part = await VerifyAsync();
        Assert.Contains($"platform {platform.Id}: Domains {domain.Id}: Name is \"elsewhere.test\" in the database, but the audit log last recorded \"dramahood.test\"", part.Problem, StringComparison.Ordinal);
        await ExecuteAsync("""UPDATE "PlatformDomains" SET "Name" = 'dramahood.test' WHERE "Id" = @id""", Id(domain.Id));
        Assert.True((await VerifyAsync()).Intact);

        var stranger = Guid.NewGuid();
        var created = provider == Provider.Postgres ? "now()" : "0";
        await ExecuteAsync($"""INSERT INTO "Organisations" ("Id", "Name", "Kind", "CreatedAt") VALUES (@id, 'Ghost', 'Intermediary', {created})""", Id(stranger));
        await ExecuteAsync("""DELETE FROM "Platforms" WHERE "Id" = @id""", Id(platform.Id));
        var both = await VerifyAsync();
        Assert.Contains($"Organisation {stranger} is in the database but not in the audit log", both.Problem, StringComparison.Ordinal);
        Assert.Contains($"platform {platform.Id} is in the audit log but not in the database", both.Problem, StringComparison.Ordinal);
    }

    private async Task ExecuteAsync(string sql, object id)
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var parameter = command.CreateParameter();
        parameter.ParameterName = "id";
        parameter.Value = id;
        command.Parameters.Add(parameter);
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }

    [Fact]
    public async Task A_renumbered_entry_is_found()
    {
        await ExecuteAsync("""UPDATE "AuditLog" SET "Sequence" = 1003 WHERE "Sequence" = 3""");
        var result = await VerifyAsync();
        Assert.Equal(3, result.BrokenAt);
        Assert.Equal("entry 3 is missing (next entry is 4)", result.Problem);
    }

    [Fact]
    public async Task Removed_entries_are_found_in_the_middle_and_at_the_end()
    {
        var entries = await EntriesAsync();
        await ExecuteAsync($"""DELETE FROM "AuditLog" WHERE "Sequence" = {entries[^1].Sequence}""");
        var tail = await VerifyAsync();
        Assert.False(tail.Intact);
        Assert.Contains("chain head", tail.Problem, StringComparison.Ordinal);

        await ExecuteAsync($"""DELETE FROM "AuditLog" WHERE "Sequence" = 2""");
        var middle = await VerifyAsync();
        Assert.Equal(2, middle.BrokenAt);
        Assert.Contains("missing", middle.Problem, StringComparison.Ordinal);
    }

    /// <summary>Issue 11: whoever can write the database but not the key outside it cannot cut the tail and rewrite the head unseen.</summary>
    [Fact]
    public async Task A_cut_tail_with_a_rewritten_head_is_found_by_the_seal()
    {
        Assert.True((await VerifyAsync()).Intact);
        var entries = await EntriesAsync();
        var last = entries[^2];
        await ExecuteAsync($"DELETE FROM \"AuditLog\" WHERE \"Sequence\" = {entries[^1].Sequence}");
        await ExecuteAsync($"UPDATE \"AuditHeads\" SET \"Sequence\" = {last.Sequence}, \"Hash\" = '{last.Hash}' WHERE \"Id\" = 1");
        var result = await VerifyAsync();
        Assert.False(result.Intact);
        Assert.Contains("seal", result.Problem, StringComparison.Ordinal);

        // Removing the seal altogether does not help: this server's anchor says a sealed head existed.
        await ExecuteAsync("UPDATE \"AuditHeads\" SET \"Seal\" = NULL WHERE \"Id\" = 1");
        Assert.Contains("seal", (await VerifyAsync()).Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_database_rolled_back_to_an_older_sealed_head_is_found_by_the_anchor()
    {
        long sequence;
        string hash, seal;
        await using (var db = DataServices.CreateContext(_database.Settings, Caller.System("test")))
        {
            var head = await db.AuditHeads.AsNoTracking().SingleAsync(h => h.Id == 1, TestContext.Current.CancellationToken);
            (sequence, hash, seal) = (head.Sequence, head.Hash, head.Seal!);
        }
        // One more change, then the database is put back as it was before it, with the head's old, valid seal.
        await using (var db = AsMember())
        {
            db.Works.Add(new Work { ExternalId = "K002", OwnerOrganisationId = _org.Id, Tlp = Tlp.Green, Kind = WorkKind.Film });
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }
        Assert.True((await VerifyAsync()).Intact);
        await ExecuteAsync($"DELETE FROM \"AuditLog\" WHERE \"Sequence\" > {sequence}");
        await ExecuteAsync($"UPDATE \"AuditHeads\" SET \"Sequence\" = {sequence}, \"Hash\" = '{hash}', \"Seal\" = '{seal}' WHERE \"Id\" = 1");
        var result = await VerifyAsync();
        Assert.False(result.Intact);
        Assert.Contains("missing", result.Problem, StringComparison.Ordinal);
        Assert.Equal(sequence + 1, result.BrokenAt);
    }

    [Fact]
    public void The_database_file_is_for_the_owner_only()
    {
        if (provider != Provider.Sqlite || OperatingSystem.IsWindows()) return;
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_database.DataDirectory, "isop.db")));
    }

    [Fact]
    public void The_seal_key_is_kept_outside_the_database_for_the_owner_only()
    {
        var key = Path.Combine(_database.DataDirectory, "keys", "audit.key");
        Assert.True(File.Exists(key));
        Assert.Equal(32, new FileInfo(key).Length);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(key));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(key)!));
        }
    }

    [Fact]
    public async Task Audit_verify_creates_nothing_and_says_when_it_cannot_check()
    {
        var empty = Path.Combine(Path.GetTempPath(), $"isop-empty-{Guid.NewGuid():N}");
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await IsopCommand.Create(stdout, stderr).Parse(["audit", "verify", "--data", empty]).InvokeAsync(cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(1, code);
        Assert.Contains("no Isop database at", stderr.ToString(), StringComparison.Ordinal);
        Assert.False(Directory.Exists(empty));

        // The server's database, but another data folder: the head's seal cannot be checked without the server's key.
        stderr = new StringWriter();
        code = await IsopCommand.Create(new StringWriter(), stderr).Parse(["audit", "verify", "--database", _database.DatabaseArgument, "--data", empty])
            .InvokeAsync(cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(3, code);
        Assert.Contains("no key at", stderr.ToString(), StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(empty, "keys", "audit.key")));
    }

    [Fact]
    public async Task An_unreadable_entry_is_reported_not_a_crash()
    {
        await WriteAsync(2, "ActorOrganisationId", provider == Provider.Sqlite ? "not an id" : Guid.Empty);
        var result = await VerifyAsync();
        Assert.Equal(2, result.BrokenAt);
    }

    [Fact]
    public async Task The_log_cannot_be_changed_through_Isop()
    {
        await using var db = DataServices.CreateContext(_database.Settings, Caller.System("test"));
        var entry = await db.AuditEntries.FirstAsync(TestContext.Current.CancellationToken);
        entry.Actor = "someone else";
        await Assert.ThrowsAsync<AccessDeniedException>(() => db.SaveChangesAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Audit_verify_command_reports_the_first_broken_entry()
    {
        var ok = await RunAsync("audit", "verify", "--json");
        Assert.Equal(0, ok.Code);
        Assert.Contains("\"intact\":true", ok.Stdout, StringComparison.Ordinal);

        var original = await ReadAsync(3, "Changes");
        await WriteAsync(3, "Changes", Flip(original!));
        var broken = await RunAsync("audit", "verify", "--json");
        Assert.Equal(2, broken.Code);
        Assert.Contains("\"brokenAt\":3", broken.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Concurrent_writers_extend_one_chain()
    {
        var tasks = Enumerable.Range(0, 8).Select(async i =>
        {
            await using var db = AsMember();
            db.Works.Add(new Work { ExternalId = $"C{i}", OwnerOrganisationId = _org.Id, Tlp = Tlp.Green, Kind = WorkKind.Film, Titles = [new WorkTitle { Text = $"Film {i}", Language = "en" }] });
            await db.SaveChangesAsync();
        });
        await Task.WhenAll(tasks);
        var result = await VerifyAsync();
        Assert.True(result.Intact, result.Problem);
        Assert.Equal((await EntriesAsync()).Count, result.Checked);
    }

    private async Task<(int Code, string Stdout)> RunAsync(params string[] args)
    {
        var stdout = new StringWriter();
        var code = await IsopCommand.Create(stdout, new StringWriter())
            .Parse(["--database", _database.DatabaseArgument, "--data", _database.DataDirectory, .. args]).InvokeAsync(cancellationToken: TestContext.Current.CancellationToken);
        return (code, stdout.ToString());
    }

    /// <summary>One byte different: a character, a digit of an id, one tick of a time.</summary>
    private static object Flip(object value) => value switch
    {
        string s when Guid.TryParse(s, out _) => (s[0] == '0' ? "1" : "0") + s[1..],
        string s => s[..(s.Length / 2)] + (char)(s[s.Length / 2] ^ 1) + s[(s.Length / 2 + 1)..],
        Guid g => Guid.Parse(Flip(g.ToString()).ToString()!),
        long l => l ^ 1L << 11,
        DateTime d => d.AddTicks(10),
        DateTimeOffset d => d.AddTicks(10),
        _ => throw new InvalidOperationException(value.GetType().Name),
    };

    private async Task<DbConnection> OpenAsync()
    {
        var db = DataServices.CreateContext(_database.Settings, Caller.System("test"));
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        return connection;
    }

    private async Task<object?> ReadAsync(long sequence, string column)
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"""SELECT "{column}" FROM "AuditLog" WHERE "Sequence" = {sequence}""";
        return await command.ExecuteScalarAsync();
    }

    private async Task WriteAsync(long sequence, string column, object value)
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"""UPDATE "AuditLog" SET "{column}" = @v WHERE "Sequence" = {sequence}""";
        var parameter = command.CreateParameter();
        parameter.ParameterName = "v";
        parameter.Value = value;
        command.Parameters.Add(parameter);
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}

public sealed class SqliteAuditTests(PostgresServer postgres) : AuditTests(Provider.Sqlite, postgres);

public sealed class PostgresAuditTests(PostgresServer postgres) : AuditTests(Provider.Postgres, postgres);
