using Isop.Access;
using Isop.Data;
using Isop.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Conventions;

namespace Isop.Tests.Data;

/// <summary>TLP by construction: every entity type has a read rule from its type, or a reviewed exemption.</summary>
public sealed class VisibilityModelTests
{
    public static TheoryData<Provider> Providers => [Provider.Sqlite, Provider.Postgres];

    private static IsopDb Context(Provider provider)
    {
        // Only the model is read: nothing connects, and no key is made.
        var folder = Path.Combine(Path.GetTempPath(), "isop-model-" + Guid.NewGuid().ToString("N"));
        var settings = provider == Provider.Postgres
            ? DatabaseSettings.Resolve("Host=127.0.0.1;Port=1;Database=none;Username=none", folder)
            : DatabaseSettings.Resolve(null, folder);
        return DataServices.CreateContext(settings with { KeysDirectory = null }, Caller.System("test"));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Every_entity_type_has_a_read_rule_or_a_reviewed_exemption(Provider provider)
    {
        await using var db = Context(provider);
        Assert.Empty(IsopDb.Unguarded(db.Model));
        var types = db.Model.GetEntityTypes().Where(e => !e.IsOwned()).ToList();
        foreach (var type in types)
        {
            var filtered = type.GetDeclaredQueryFilters().Count > 0;
            var declared = typeof(IShareable).IsAssignableFrom(type.ClrType)
                           || type.ClrType.GetCustomAttributes(typeof(DerivedFromAttribute), false).Length > 0;
            Assert.True(filtered == declared, $"{type.ClrType.Name}: filtered={filtered}, declared={declared}");
        }
        // No stale exemption: each names a type of the model.
        Assert.Empty(IsopDb.Unfiltered.Keys.Except(types.Select(t => t.ClrType)));
        // The records the TLP rule is for are not exempt by accident.
        foreach (var shareable in new[] { typeof(Isop.Catalogue.Work), typeof(Isop.Platforms.Platform), typeof(Isop.Monitoring.Recognition), typeof(Isop.Monitoring.Observation) })
            Assert.DoesNotContain(shareable, IsopDb.Unfiltered.Keys);
    }

    [Fact]
    public void A_type_without_a_rule_or_an_exemption_is_refused()
    {
        var builder = new ModelBuilder(new ConventionSet());
        builder.Entity<Stray>().HasKey(s => s.Id);
        builder.Entity<Organisation>().HasQueryFilter(o => o.Name != "").HasKey(o => o.Id);
        var model = builder.FinalizeModel();
        // The stray has neither; the organisation has both (a rule on an exempt type means the exemption is stale).
        Assert.Equal(["Organisation", "Stray"], IsopDb.Unguarded(model));
        var error = Assert.Throws<InvalidOperationException>(() => IsopDb.EnsureGuarded(model));
        Assert.Contains("Stray", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Record_kinds_are_declared_on_the_types()
    {
        Assert.Equal("work", RecordKinds.Of<Isop.Catalogue.Work>());
        Assert.Equal("platform", RecordKinds.Of<Isop.Platforms.Platform>());
        Assert.Null(RecordKinds.Of(typeof(Isop.Monitoring.Observation)));
        Assert.Throws<InvalidOperationException>(() => RecordKinds.Of(typeof(Undeclared)));
    }

    private sealed class Stray
    {
        public Guid Id { get; set; }
    }

    private sealed class Undeclared : IShareable
    {
        public Guid Id { get; set; }
        public Tlp Tlp { get; set; }
        public Guid OwnerOrganisationId { get; set; }
    }
}
