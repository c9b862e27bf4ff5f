using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Isop.Access;
using Isop.Tests.Infrastructure;

namespace Isop.Tests.Access;

public enum Relation
{
    OwnerAdmin,
    OwnerAnalyst,
    OwnerViewer,
    SharedOrganisationMember,
    NamedRedRecipient,
    OtherOrganisationMember,
    OtherOrganisationAdmin,
    PlatformAdmin,
    Anonymous,
}

public enum Operation
{
    Read,
    List,
    Count,
    Search,
    Export,
    Update,
    Delete,
}

/// <summary>
/// The world of the access matrix: an owner organisation, a partner it shares with (one of whose members is
/// a named RED recipient), an unrelated organisation, the secretariat's platform admin, and anonymous callers.
/// Every record is shared with the partner organisation and with the named member, so that the TLP level
/// alone decides whether a share counts.
/// </summary>
public sealed class AccessWorld : IAsyncDisposable
{
    private readonly Dictionary<Relation, HttpClient> _clients = [];
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<(string, Tlp), Record> _records = [];
    private TestDatabase? _database;
    private IsopApp? _app;
    private Guid _partner;
    private Guid _recipient;

    public sealed record Record(Guid Id, string Token);

    /// <summary>The owner organisation (its TAXII collection holds the objects of the TAXII matrix).</summary>
    public Guid OwnerOrganisation { get; private set; }

    /// <summary>The organisation records are shared with (a fellow member of the TAXII group matrix's sharing group).</summary>
    public Guid PartnerOrganisation => _partner;

    public async Task InitialiseAsync(Provider provider, PostgresServer postgres)
    {
        await _gate.WaitAsync();
        try
        {
            if (_app is not null) return;
            _database = await TestDatabase.CreateAsync(provider, postgres);
            var app = new IsopApp(_database);
            var ownerAdmin = await app.MemberAsync("admin@owner.test", "Owner Studio", OrganisationKind.RightsHolder, MemberRole.Admin);
            var ownerAnalyst = await app.MemberAsync("analyst@owner.test", "Owner Studio", OrganisationKind.RightsHolder, MemberRole.Analyst);
            var ownerViewer = await app.MemberAsync("viewer@owner.test", "Owner Studio", OrganisationKind.RightsHolder, MemberRole.Viewer);
            var shared = await app.MemberAsync("analyst@partner.test", "Partner Police", OrganisationKind.LawEnforcement, MemberRole.Analyst);
            var recipient = await app.MemberAsync("named@partner.test", "Partner Police", OrganisationKind.LawEnforcement, MemberRole.Partner);
            var other = await app.MemberAsync("analyst@other.test", "Other Bureau", OrganisationKind.NationalCentralBureau, MemberRole.Analyst);
            var otherAdmin = await app.MemberAsync("admin@other.test", "Other Bureau", OrganisationKind.NationalCentralBureau, MemberRole.Admin);
            var platformAdmin = await app.MemberAsync("root@secretariat.test", "Isop Secretariat", OrganisationKind.Secretariat, MemberRole.Admin);
            _partner = shared.Member.OrganisationId;
            OwnerOrganisation = ownerAdmin.Member.OrganisationId;
            _recipient = recipient.Member.Id;
            _clients[Relation.OwnerAdmin] = app.ClientWithToken(ownerAdmin.Token);
            _clients[Relation.OwnerAnalyst] = app.ClientWithToken(ownerAnalyst.Token);
            _clients[Relation.OwnerViewer] = app.ClientWithToken(ownerViewer.Token);
            _clients[Relation.SharedOrganisationMember] = app.ClientWithToken(shared.Token);
            _clients[Relation.NamedRedRecipient] = app.ClientWithToken(recipient.Token);
            _clients[Relation.OtherOrganisationMember] = app.ClientWithToken(other.Token);
            _clients[Relation.OtherOrganisationAdmin] = app.ClientWithToken(otherAdmin.Token);
            _clients[Relation.PlatformAdmin] = app.ClientWithToken(platformAdmin.Token);
            _clients[Relation.Anonymous] = app.ClientWithToken(null);
            _app = app;
        }
        finally
        {
            _gate.Release();
        }
    }

    public HttpClient Client(Relation relation) => _clients[relation];

    /// <summary>The shared record of a type and level, created once by the owner's analyst.</summary>
    public async Task<Record> SharedRecordAsync(string type, Tlp tlp)
    {
        await _gate.WaitAsync();
        try
        {
            if (!_records.TryGetValue((type, tlp), out var record))
            {
                record = await CreateAsync(type, tlp);
                _records[(type, tlp)] = record;
            }
            return record;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>A record of its own for a test that tries to change it.</summary>
    public async Task<Record> CreateAsync(string type, Tlp tlp)
    {
        var token = "m" + Guid.NewGuid().ToString("N")[..12];
        var response = await Client(Relation.OwnerAnalyst).PostAsJsonAsync($"/api/v1/{type}", Body(type, tlp, token, "original"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        return new Record(created.GetProperty("id").GetGuid(), token);
    }

    public object Body(string type, Tlp tlp, string token, string variant)
    {
        var sharedWith = new { organisations = new[] { _partner }, members = new[] { _recipient } };
        if (type == "loss-models")
            return new
            {
                name = $"Model {token} {variant}", currency = "EUR", pricePerView = 0.05, pricePerDownload = 2, substitutionLow = 0.1, substitutionHigh = 0.3,
                defaultCountry = "KR", tlp = tlp.Label(), sharedWith,
            };
        return type == "works"
            ? new
            {
                id = token, kind = "series", year = 2020, episodes = 16,
                titles = new[] { new { text = $"Title {token} {variant}", lang = "en" } },
                tlp = tlp.Label(), sharedWith,
            }
            : new
            {
                name = $"Site {token} {variant}", kind = "streaming-site", domains = new[] { $"{token}.example.test" },
                tlp = tlp.Label(), sharedWith,
            };
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var c in _clients.Values) c.Dispose();
        if (_app is not null) await _app.DisposeAsync();
        _database?.Dispose();
    }
}

public sealed class SqliteAccessWorld : IAsyncDisposable
{
    public AccessWorld World { get; } = new();
    public ValueTask DisposeAsync() => World.DisposeAsync();
}

public sealed class PostgresAccessWorld : IAsyncDisposable
{
    public AccessWorld World { get; } = new();
    public ValueTask DisposeAsync() => World.DisposeAsync();
}

/// <summary>
/// Every shareable type × TLP level × viewer relation × operation, through the real HTTP API with bearer tokens.
/// The expected outcome comes from the TLP 2.0 rules written out here, independently of the server's filter.
/// </summary>
public abstract class AccessMatrixTests(AccessWorld world, Provider provider, PostgresServer postgres)
{
    public static readonly string[] Types = ["works", "platforms", "loss-models"];

    /// <summary>Shareable types without this CRUD API, each with the matrix that covers it instead.</summary>
    public static readonly IReadOnlyDictionary<string, string> CoveredElsewhere = new Dictionary<string, string>
    {
        ["stix-objects"] = "read through TAXII: Isop.Tests.Sharing.TaxiiAccessMatrixTests, every level, relation and endpoint",
        ["stix-imports"] = "AMBER+STRICT provenance of the owner's own imports: TaxiiAccessMatrixTests (status resources) and SharingTests (imports list)",
        ["taxii-feeds"] = "AMBER+STRICT settings of the owner's own feeds: TaxiiAccessMatrixTests (feeds list and pull)",
        ["blocking-decisions"] = "recorded by public authorities only, read through blocklists: Isop.Tests.Enforcement.DecisionTlpTests (every level and relation, decision and platform) and DecisionApiTests",
        ["notices"] = "drafted, approved and sent through their own workflow: Isop.Tests.Enforcement.NoticeApiTests (other organisations, foreign AMBER and RED inputs, follow-ups)",
        ["cases"] = "led, shared with participants and named members, handed over: Isop.Tests.Cases.CaseAccessTests (every level and relation, links, notes, tasks, transfer)",
        ["tips"] = "sent by the public, AMBER+STRICT records of the receiving organisation, triaged in their own workflow: Isop.Tests.Awareness.TipsTests (another organisation's analyst, the receiver's viewer, the public)",
    };

    public static TheoryData<string, Tlp, Relation, Operation> Cases()
    {
        var data = new TheoryData<string, Tlp, Relation, Operation>();
        foreach (var type in Types)
        foreach (var tlp in Enum.GetValues<Tlp>())
        foreach (var relation in Enum.GetValues<Relation>())
        foreach (var operation in Enum.GetValues<Operation>())
            data.Add(type, tlp, relation, operation);
        return data;
    }

    /// <summary>TLP 2.0 as the issue states it, relation by relation.</summary>
    public static bool MaySee(Relation relation, Tlp tlp) => tlp switch
    {
        Tlp.Clear => true,
        Tlp.Green => relation != Relation.Anonymous,
        Tlp.Amber => relation is Relation.OwnerAdmin or Relation.OwnerAnalyst or Relation.OwnerViewer
            or Relation.SharedOrganisationMember or Relation.NamedRedRecipient,
        Tlp.AmberStrict => relation is Relation.OwnerAdmin or Relation.OwnerAnalyst or Relation.OwnerViewer,
        Tlp.Red => relation is Relation.OwnerAdmin or Relation.OwnerAnalyst or Relation.OwnerViewer or Relation.NamedRedRecipient,
        _ => false,
    };

    public static bool MayChange(Relation relation) => relation is Relation.OwnerAdmin or Relation.OwnerAnalyst;

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Caller_sees_and_changes_exactly_what_TLP_allows(string type, Tlp tlp, Relation relation, Operation operation)
    {
        if (provider == Provider.Postgres) postgres.RequireAvailable();
        await world.InitialiseAsync(provider, postgres);
        var ct = TestContext.Current.CancellationToken;
        var client = world.Client(relation);
        var visible = MaySee(relation, tlp);
        switch (operation)
        {
            case Operation.Read:
            {
                var record = await world.SharedRecordAsync(type, tlp);
                var response = await client.GetAsync($"/api/v1/{type}/{record.Id}", ct);
                Assert.Equal(visible ? HttpStatusCode.OK : HttpStatusCode.NotFound, response.StatusCode);
                break;
            }
            case Operation.List:
            {
                var record = await world.SharedRecordAsync(type, tlp);
                var ids = new List<Guid>();
                for (var page = 1; ; page++)
                {
                    var list = await client.GetFromJsonAsync<JsonElement>($"/api/v1/{type}?pageSize=500&page={page}", ct);
                    var items = list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).ToList();
                    ids.AddRange(items);
                    if (items.Count < 500) break;
                }
                Assert.Equal(visible, ids.Contains(record.Id));
                break;
            }
            case Operation.Count:
            {
                var record = await world.SharedRecordAsync(type, tlp);
                var count = await client.GetFromJsonAsync<JsonElement>($"/api/v1/{type}/count?q={record.Token}", ct);
                Assert.Equal(visible ? 1 : 0, count.GetProperty("count").GetInt32());
                break;
            }
            case Operation.Search:
            {
                var record = await world.SharedRecordAsync(type, tlp);
                var list = await client.GetFromJsonAsync<JsonElement>($"/api/v1/{type}?q={record.Token}", ct);
                Assert.Equal(visible ? 1 : 0, list.GetProperty("total").GetInt32());
                Assert.Equal(visible, list.GetProperty("items").EnumerateArray().Any(i => i.GetProperty("id").GetGuid() == record.Id));
                break;
            }
            case Operation.Export:
            {
                var record = await world.SharedRecordAsync(type, tlp);
                var url = type switch { "works" => "/api/v1/catalogue/export", "platforms" => "/api/v1/platforms/export", _ => $"/api/v1/{type}/export" };
                var text = await client.GetStringAsync(url, ct);
                Assert.Equal(visible, text.Contains(record.Token, StringComparison.Ordinal));
                break;
            }
            case Operation.Update:
            {
                var record = await world.CreateAsync(type, tlp);
                var response = await client.PutAsJsonAsync($"/api/v1/{type}/{record.Id}", world.Body(type, tlp, record.Token, "changed"), ct);
                Assert.Equal(WriteStatus(relation, visible, HttpStatusCode.OK), response.StatusCode);
                var after = await world.Client(Relation.OwnerAnalyst).GetStringAsync($"/api/v1/{type}/{record.Id}", ct);
                Assert.Equal(MayChange(relation), after.Contains("changed", StringComparison.Ordinal));
                break;
            }
            case Operation.Delete:
            {
                var record = await world.CreateAsync(type, tlp);
                var response = await client.DeleteAsync($"/api/v1/{type}/{record.Id}", ct);
                Assert.Equal(WriteStatus(relation, visible, HttpStatusCode.NoContent), response.StatusCode);
                var after = await world.Client(Relation.OwnerAnalyst).GetAsync($"/api/v1/{type}/{record.Id}", ct);
                Assert.Equal(MayChange(relation) ? HttpStatusCode.NotFound : HttpStatusCode.OK, after.StatusCode);
                break;
            }
        }
    }

    /// <summary>Anonymous: 401. Cannot see it: 404 (existence is not disclosed). Sees it but may not change it: 403.</summary>
    private static HttpStatusCode WriteStatus(Relation relation, bool visible, HttpStatusCode success) =>
        relation == Relation.Anonymous ? HttpStatusCode.Unauthorized
        : !visible ? HttpStatusCode.NotFound
        : MayChange(relation) ? success
        : HttpStatusCode.Forbidden;

    [Fact]
    public void The_matrix_covers_every_shareable_record_type_of_the_model()
    {
        // A new shareable record type fails here until the matrix (and its API) covers it.
        var declared = typeof(Isop.Data.IsopDb).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IShareable).IsAssignableFrom(t))
            .Select(t => RecordKinds.Of(t) + "s").Where(t => !CoveredElsewhere.ContainsKey(t)).Order(StringComparer.Ordinal);
        Assert.Equal(declared, Types.Order(StringComparer.Ordinal));
        Assert.Equal(Types.Length * Enum.GetValues<Tlp>().Length * Enum.GetValues<Relation>().Length * Enum.GetValues<Operation>().Length, Cases().Count);
    }
}

public sealed class SqliteAccessMatrixTests(SqliteAccessWorld world, PostgresServer postgres)
    : AccessMatrixTests(world.World, Provider.Sqlite, postgres), IClassFixture<SqliteAccessWorld>;

public sealed class PostgresAccessMatrixTests(PostgresAccessWorld world, PostgresServer postgres)
    : AccessMatrixTests(world.World, Provider.Postgres, postgres), IClassFixture<PostgresAccessWorld>;
