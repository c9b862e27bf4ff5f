using System.Linq.Expressions;
using System.Reflection;
using Isop.Access;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Isop.Data;

/// <summary>
/// TLP by construction: every entity type either gets its read rule here, from what its type declares
/// (<see cref="IShareable"/> and <see cref="RecordKindAttribute"/>, or <see cref="DerivedFromAttribute"/>), or is
/// listed in <see cref="Unfiltered"/> with the reason it needs none. A type with neither stops the model from building.
/// </summary>
public abstract partial class IsopDb
{
    // Read by the query filters at execution time: EF turns these into parameters.
    private bool CallerIsSystem => _caller.Current.IsSystem;
    private Guid? CallerOrganisationId => _caller.Current.OrganisationId;
    private Guid? CallerMemberId => _caller.Current.MemberId;

    /// <summary>The entity types without a TLP rule, each with why that is safe. Reviewed: a type is added only with its reason.</summary>
    public static readonly IReadOnlyDictionary<Type, string> Unfiltered = new Dictionary<Type, string>
    {
        [typeof(Organisation)] = "the directory of partner organisations (name, kind, country) carries no intelligence",
        [typeof(Member)] = "accounts are read through Accounts and the admin API only, which check who asks",
        [typeof(IdentityUserClaim<Guid>)] = "Identity's account data, read by sign-in only",
        [typeof(IdentityUserLogin<Guid>)] = "Identity's account data, read by sign-in only",
        [typeof(IdentityUserToken<Guid>)] = "Identity's authenticator keys and recovery codes, read by sign-in only",
        [typeof(ApiToken)] = "token hashes, listed to their own member only",
        [typeof(RecordShare)] = "read by the TLP rule itself, and shown to the record's owner only (RecordShares.ForOwnerAsync)",
        [typeof(AuditEntry)] = "the audit log, read by the local operator's audit command, and by a case's timeline (CaseReads.TimelineAsync), which filters each entry by what it is about",
        [typeof(AuditHead)] = "the audit chain's head: a sequence number and a hash",
        [typeof(Sharing.SharingGroup)] = "a group's name and member organisations, read through SharingGroups.VisibleTo only (its members and platform admins)",
        [typeof(Enforcement.AllowedDomain)] = "the allow-list: names of legitimate services that may never be acted on, the same for every member, written by platform admins only",
        [typeof(Enforcement.AbuseContact)] = "the address book of abuse desks (public contact points of hosts, registrars, CDNs), the same for every member; changed by the organisation that added a contact or platform admins",
        [typeof(Enforcement.BlocklistPublication)] = "a digest and serial per audience, read by the blocklist for that same audience only",
        [typeof(Catalogue.CatalogueVersion)] = "a counter of catalogue changes per organisation, read by the per-caller caches only",
    };

    private void ApplyVisibility(ModelBuilder builder)
    {
        foreach (var entity in builder.Model.GetEntityTypes().Where(e => !e.IsOwned()).ToList())
        {
            if (VisibilityOf(entity.ClrType) is { } filter) builder.Entity(entity.ClrType).HasQueryFilter(filter);
        }
    }

    /// <summary>Refuses a model in which an entity type has no read rule and no reviewed exemption (run before any use of a database).</summary>
    public static void EnsureGuarded(IReadOnlyModel model)
    {
        var unguarded = Unguarded(model);
        if (unguarded.Count > 0)
            throw new InvalidOperationException($"No TLP rule for {string.Join(", ", unguarded)}: declare it on the type ([RecordKind] or [DerivedFrom]) or list it in IsopDb.Unfiltered with a reason.");
    }

    /// <summary>The entity types of a model that have neither a read rule nor a reviewed exemption (or have both).</summary>
    public static IReadOnlyList<string> Unguarded(IReadOnlyModel model) =>
        model.GetEntityTypes()
            .Where(e => !e.IsOwned())
            .Where(e => (e.GetDeclaredQueryFilters().Count > 0) == Unfiltered.ContainsKey(e.ClrType))
            .Select(e => e.ClrType.Name)
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>The read rule a type declares: the TLP rule for a shareable record, its sources' rules for a derived one.</summary>
    private LambdaExpression? VisibilityOf(Type type)
    {
        var sources = type.GetCustomAttributes<DerivedFromAttribute>().ToList();
        var record = Expression.Parameter(type, "r");
        Expression? body = null;
        if (typeof(IShareable).IsAssignableFrom(type))
        {
            // A shareable record that speaks of another (a decision about a platform) is visible under its own TLP
            // and only where what it speaks of is visible too.
            var own = (LambdaExpression)VisibleMethod.MakeGenericMethod(type).Invoke(this, [RecordKinds.Of(type)])!;
            if (sources.Count == 0) return own;
            body = new ParameterReplacer(own.Parameters[0], record).Visit(own.Body);
        }
        else if (sources.Count == 0) return null;
        foreach (var source in sources)
        {
            var rule = SourceVisible(record, source);
            body = body is null ? rule : Expression.AndAlso(body, rule);
        }
        return Expression.Lambda(body!, record);
    }

    private static readonly MethodInfo VisibleMethod =
        typeof(IsopDb).GetMethod(nameof(Visible), BindingFlags.Instance | BindingFlags.NonPublic)!;

    private static readonly MethodInfo SetMethod =
        typeof(DbContext).GetMethod(nameof(DbContext.Set), Type.EmptyTypes)!;

    private static readonly MethodInfo AnyMethod =
        typeof(Queryable).GetMethods().Single(m => m.Name == nameof(Queryable.Any) && m.GetParameters().Length == 2);

    /// <summary>
    /// <c>key == null || Set&lt;Source&gt;().Any(s =&gt; s.Id == key)</c>, and with an owner-only flag
    /// <c>&amp;&amp; (!flag || system || Set&lt;Source&gt;().Any(s =&gt; s.Id == key &amp;&amp; s.Owner == caller's organisation))</c>.
    /// The source's own filter applies inside, so a derived record is never more visible than what it comes from.
    /// </summary>
    private Expression SourceVisible(ParameterExpression record, DerivedFromAttribute source)
    {
        if (!typeof(IShareable).IsAssignableFrom(source.Source))
            throw new InvalidOperationException($"{record.Type.Name} derives from {source.Source.Name}, which is not a shareable record.");
        var keyProperty = record.Type.GetProperty(source.Key)
            ?? throw new InvalidOperationException($"{record.Type.Name} has no property {source.Key}.");
        var key = Expression.Property(record, keyProperty);
        var nullable = Nullable.GetUnderlyingType(keyProperty.PropertyType) is not null;
        var id = nullable ? (Expression)Expression.Property(key, "Value") : key;
        var context = Expression.Constant(this, typeof(IsopDb));

        Expression Any(Func<ParameterExpression, Expression>? extra)
        {
            var s = Expression.Parameter(source.Source, "s");
            Expression match = Expression.Equal(Expression.Property(s, nameof(IShareable.Id)), id);
            if (extra is not null) match = Expression.AndAlso(match, extra(s));
            var set = Expression.Call(context, SetMethod.MakeGenericMethod(source.Source));
            return Expression.Call(AnyMethod.MakeGenericMethod(source.Source), set, Expression.Quote(Expression.Lambda(match, s)));
        }

        Expression rule = Any(null);
        if (nullable) rule = Expression.OrElse(Expression.Equal(key, Expression.Constant(null, keyProperty.PropertyType)), rule);
        if (source.OwnerOnlyWhen is { } flagName)
        {
            var flag = Expression.Property(record, flagName);
            var callerIsSystem = Expression.Property(context, CallerProperty(nameof(CallerIsSystem)));
            var organisation = Expression.Property(context, CallerProperty(nameof(CallerOrganisationId)));
            var owned = Any(s => Expression.Equal(Expression.Convert(Expression.Property(s, nameof(IShareable.OwnerOrganisationId)), typeof(Guid?)), organisation));
            rule = Expression.AndAlso(rule, Expression.OrElse(Expression.Not(flag), Expression.OrElse(callerIsSystem, owned)));
        }
        return rule;
    }

    private static PropertyInfo CallerProperty(string name) =>
        typeof(IsopDb).GetProperty(name, BindingFlags.Instance | BindingFlags.NonPublic)!;

    /// <summary>
    /// The TLP 2.0 read rule, the only one in the code base: CLEAR to anyone; GREEN to every member;
    /// AMBER to the owner, the organisations and the named members it is shared with; AMBER+STRICT to the owner only;
    /// RED to the owner and the named members it is shared with.
    /// </summary>
    private Expression<Func<T, bool>> Visible<T>(string kind) where T : class, IShareable =>
        e => CallerIsSystem
             || e.Tlp == Tlp.Clear
             || (CallerOrganisationId != null
                 && (e.Tlp == Tlp.Green
                     || e.OwnerOrganisationId == CallerOrganisationId
                     || (e.Tlp == Tlp.Amber && Shares.Any(s => s.RecordKind == kind && s.RecordId == e.Id && s.OrganisationId == CallerOrganisationId))
                     || ((e.Tlp == Tlp.Red || e.Tlp == Tlp.Amber) && Shares.Any(s => s.RecordKind == kind && s.RecordId == e.Id && s.MemberId == CallerMemberId))));
}

/// <summary>Rewrites a lambda's body onto another parameter, so two rules on one record combine into one filter.</summary>
file sealed class ParameterReplacer(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
{
    protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
}
