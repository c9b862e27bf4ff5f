using Isop.Access;
using Isop.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Isop.Sharing;

/// <summary>
/// A sharing group: organisations that share with one another through a TAXII collection of their own (a regional
/// network of bureaus, a rights holders' alliance). Platform admins and the operator manage groups; a group is shown
/// to its member organisations and to platform admins only. What a member posts into the group's collection at
/// TLP:AMBER is shared with the organisations that are members at that time.
/// </summary>
public sealed class SharingGroup
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Name { get; set; }
    public string? Description { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public List<SharingGroupMember> Members { get; set; } = [];
}

/// <summary>An organisation's membership of a sharing group.</summary>
public sealed class SharingGroupMember
{
    public Guid OrganisationId { get; set; }
    public DateTimeOffset JoinedAt { get; set; }
}

internal sealed class SharingGroupModel : IEntityTypeConfiguration<SharingGroup>
{
    public void Configure(EntityTypeBuilder<SharingGroup> b)
    {
        b.ToTable("SharingGroups");
        b.Property(g => g.Name).HasMaxLength(200);
        b.Property(g => g.Description).HasMaxLength(2000);
        b.HasIndex(g => g.Name).IsUnique();
        b.OwnsMany(g => g.Members, m =>
        {
            m.ToTable("SharingGroupMembers");
            m.WithOwner().HasForeignKey("GroupId");
            m.HasKey("GroupId", nameof(SharingGroupMember.OrganisationId));
            m.HasIndex(x => x.OrganisationId);
            m.HasOne<Organisation>().WithMany().HasForeignKey(x => x.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        });
    }
}

public sealed record SharingGroupInput(string? Name, string? Description, IReadOnlyList<Guid>? Organisations);

public sealed record SharingGroupView(Guid Id, string Name, string? Description, DateTimeOffset CreatedAt, IReadOnlyList<OrganisationView> Organisations, string Collection);

/// <summary>Sharing groups: the one place that decides who sees a group, and how groups are created and changed.</summary>
public static class SharingGroups
{
    public const int MaxOrganisations = 500;

    private const string Refusal = "Only platform admins (admins of a secretariat) manage sharing groups.";

    /// <summary>The groups the caller may see: their organisation's, every group for platform admins and the system.</summary>
    public static IQueryable<SharingGroup> VisibleTo(IsopDb db)
    {
        var caller = db.Caller;
        var groups = db.Set<SharingGroup>().AsNoTracking();
        if (caller.IsSystem || caller.IsPlatformAdmin) return groups;
        var organisation = caller.OrganisationId;
        return organisation is null ? groups.Where(_ => false) : groups.Where(g => g.Members.Any(m => m.OrganisationId == organisation));
    }

    /// <summary>May the caller manage groups: the operator, or a platform admin.</summary>
    public static bool MayManage(Caller caller) => caller.IsSystem || (caller.IsPlatformAdmin && caller.Role == MemberRole.Admin);

    public static async Task<List<SharingGroupView>> ListAsync(IsopDb db, CancellationToken ct)
    {
        var groups = await VisibleTo(db).OrderBy(g => g.Name).ToListAsync(ct);
        var organisations = await DirectoryAsync(db, ct);
        return groups.Select(g => View(g, organisations)).ToList();
    }

    /// <summary>One group as its members and platform admins see it.</summary>
    public static async Task<SharingGroupView> ViewAsync(IsopDb db, SharingGroup group, CancellationToken ct) => View(group, await DirectoryAsync(db, ct));

    private static Task<Dictionary<Guid, Organisation>> DirectoryAsync(IsopDb db, CancellationToken ct) => db.Organisations.AsNoTracking().ToDictionaryAsync(o => o.Id, ct);

    public static SharingGroupView View(SharingGroup g, IReadOnlyDictionary<Guid, Organisation> organisations) =>
        new(g.Id, g.Name, g.Description, g.CreatedAt,
            g.Members.Select(m => organisations.TryGetValue(m.OrganisationId, out var o) ? AdminApi.View(o) : null).OfType<OrganisationView>().OrderBy(o => o.Name, StringComparer.Ordinal).ToList(),
            $"{TaxiiApi.Root}collections/{g.Id:D}/");

    /// <summary>Checks an input; <paramref name="existing"/> is the group being changed (null for a new one).</summary>
    private static async Task<Dictionary<string, string[]>> ValidateAsync(IsopDb db, SharingGroupInput input, SharingGroup? existing, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var name = input.Name?.Trim();
        if (existing is null || input.Name is not null)
        {
            if (string.IsNullOrEmpty(name) || name.Length > 200 || name.Any(char.IsControl)) errors["name"] = ["required: 1 to 200 characters, no control characters"];
            else if (await db.Set<SharingGroup>().AnyAsync(g => g.Name.ToLower() == name.ToLower() && (existing == null || g.Id != existing.Id), ct))
                errors["name"] = [$"a sharing group named \"{name}\" exists (names are compared without regard to case)"];
        }
        if (input.Description is { Length: > 2000 }) errors["description"] = ["at most 2000 characters"];
        if (input.Organisations is { } orgs)
        {
            var distinct = orgs.Distinct().ToList();
            if (distinct.Count == 0) errors["organisations"] = ["a group keeps at least one member organisation: to end a group, delete it"];
            else if (distinct.Count > MaxOrganisations) errors["organisations"] = [$"at most {MaxOrganisations} organisations"];
            else
            {
                var found = await db.Organisations.Where(o => distinct.Contains(o.Id)).Select(o => o.Id).ToListAsync(ct);
                var missing = distinct.Except(found).ToList();
                if (missing.Count > 0) errors["organisations"] = [$"unknown organisation {missing[0]}"];
            }
        }
        else if (existing is null) errors["organisations"] = ["required: the ids of the member organisations (GET /api/v1/organisations lists them)"];
        return errors;
    }

    /// <summary>Creates a group, or gives the errors that stop it.</summary>
    public static async Task<(SharingGroup? Group, Dictionary<string, string[]> Errors)> CreateAsync(IsopDb db, SharingGroupInput input, CancellationToken ct)
    {
        if (!MayManage(db.Caller)) throw new AccessDeniedException(Refusal);
        var errors = await ValidateAsync(db, input, null, ct);
        if (errors.Count > 0) return (null, errors);
        var now = db.Time.GetUtcNow();
        var group = new SharingGroup
        {
            Name = input.Name!.Trim(), Description = Blank(input.Description), CreatedAt = now,
            Members = input.Organisations!.Distinct().Select(o => new SharingGroupMember { OrganisationId = o, JoinedAt = now }).ToList(),
        };
        db.Add(group);
        await db.SaveChangesAsync(ct);
        return (group, errors);
    }

    /// <summary>Changes a group's name, description or members (what is null stays); null when there is no such group.</summary>
    public static async Task<(SharingGroup? Group, Dictionary<string, string[]> Errors)> UpdateAsync(IsopDb db, Guid id, SharingGroupInput input, CancellationToken ct)
    {
        if (!MayManage(db.Caller)) throw new AccessDeniedException(Refusal);
        var group = await db.Set<SharingGroup>().SingleOrDefaultAsync(g => g.Id == id, ct);
        if (group is null) return (null, []);
        var errors = await ValidateAsync(db, input, group, ct);
        if (errors.Count > 0) return (group, errors);
        if (input.Name is not null) group.Name = input.Name.Trim();
        if (input.Description is not null) group.Description = Blank(input.Description);
        if (input.Organisations is { } orgs)
        {
            var want = orgs.ToHashSet();
            group.Members.RemoveAll(m => !want.Contains(m.OrganisationId));
            var now = db.Time.GetUtcNow();
            foreach (var o in want.Where(o => group.Members.All(m => m.OrganisationId != o)).Order())
                group.Members.Add(new SharingGroupMember { OrganisationId = o, JoinedAt = now });
        }
        await db.SaveChangesAsync(ct);
        return (group, errors);
    }

    /// <summary>Deletes a group with its collection: the objects posted into it and their shares. False when there is no such group.</summary>
    public static async Task<bool> DeleteAsync(IsopDb db, Guid id, CancellationToken ct)
    {
        if (!MayManage(db.Caller)) throw new AccessDeniedException(Refusal);
        var group = await db.Set<SharingGroup>().SingleOrDefaultAsync(g => g.Id == id, ct);
        if (group is null) return false;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var kind = RecordKinds.Of<StixObjectRecord>();
        var objects = db.Set<StixObjectRecord>().IgnoreQueryFilters().Where(o => o.CollectionId == id);
        await db.Shares.Where(s => s.RecordKind == kind && objects.Any(o => o.Id == s.RecordId)).ExecuteDeleteAsync(ct);
        await objects.ExecuteDeleteAsync(ct);
        await db.Set<StixImport>().IgnoreQueryFilters().Where(i => i.CollectionId == id).ExecuteDeleteAsync(ct);
        db.Remove(group);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return true;
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    public static IEndpointRouteBuilder MapSharingGroupApi(this IEndpointRouteBuilder app)
    {
        var groups = app.MapGroup("/api/v1/sharing-groups").WithTags("Sharing").RequireAuthorization(AccessServices.MemberPolicy);
        groups.MapGet("/", async (IsopDb db, CancellationToken ct) => TypedResults.Ok(await ListAsync(db, ct)))
            .WithSummary("The sharing groups of your organisation (every group for platform admins), each with its TAXII collection.");
        groups.MapGet("/{id:guid}", async Task<Results<Ok<SharingGroupView>, NotFound>> (IsopDb db, Guid id, CancellationToken ct) =>
                (await ListAsync(db, ct)).FirstOrDefault(g => g.Id == id) is { } view ? TypedResults.Ok(view) : TypedResults.NotFound())
            .WithSummary("One sharing group (to its members and platform admins; to anyone else it does not exist).");
        var admin = app.MapGroup("/api/v1/admin/sharing-groups").WithTags("Sharing").RequireAuthorization(AccessServices.AdminPolicy);
        admin.MapPost("/", Create).WithSummary("Create a sharing group (platform admins).");
        admin.MapPut("/{id:guid}", Update).WithSummary("Rename a sharing group or change its member organisations (platform admins).");
        admin.MapDelete("/{id:guid}", Delete).WithSummary("Delete a sharing group and its collection (platform admins).");
        return app;
    }

    // The services refuse callers who may not manage groups (403, before anything is looked up).
    private static async Task<Results<Created<SharingGroupView>, ValidationProblem>> Create(IsopDb db, SharingGroupInput input, CancellationToken ct)
    {
        var (group, errors) = await CreateAsync(db, input, ct);
        if (group is null) return TypedResults.ValidationProblem(errors);
        return TypedResults.Created($"/api/v1/sharing-groups/{group.Id}", await ViewAsync(db, group, ct));
    }

    private static async Task<Results<Ok<SharingGroupView>, ValidationProblem, NotFound>> Update(IsopDb db, Guid id, SharingGroupInput input, CancellationToken ct)
    {
        var (group, errors) = await UpdateAsync(db, id, input, ct);
        if (group is null) return TypedResults.NotFound();
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        return TypedResults.Ok(await ViewAsync(db, group, ct));
    }

    private static async Task<Results<NoContent, NotFound>> Delete(IsopDb db, Guid id, CancellationToken ct) =>
        await DeleteAsync(db, id, ct) ? TypedResults.NoContent() : TypedResults.NotFound();
}
