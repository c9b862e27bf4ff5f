using Isop.Access;
using Isop.Data;
using Isop.Monitoring;
using Isop.Web;
using Microsoft.EntityFrameworkCore;

namespace Isop.Platforms;

/// <summary>
/// The one write path for platforms and how they are monitored, shared by the API, the pages, the command line and
/// the range demo. Every write checks that the caller writes for the owner first (a non-owner is refused, never
/// answered with a write that changed nothing), then validates (<see cref="InvalidInputException"/> by field).
/// </summary>
public sealed class PlatformWrites(IsopDb db, bool allowPrivateResolve)
{
    public PlatformWrites(IsopDb db, MonitorSettings settings) : this(db, settings.AllowPrivateResolve) { }

    /// <summary>Registers a platform for <paramref name="owner"/> (default: the caller's organisation).</summary>
    public async Task<Platform> CreateAsync(PlatformInput input, MonitorSettingsInput? monitor, CancellationToken ct, Guid? owner = null)
    {
        var organisation = owner ?? db.Caller.OrganisationId ?? throw new AccessDeniedException($"{db.Caller.Name} is not a member of an organisation.");
        if (!db.Caller.CanWriteFor(organisation)) throw new AccessDeniedException($"{db.Caller.Name} may not register platforms for this organisation.");
        var errors = new Dictionary<string, string[]>();
        var valid = input.Validate(creating: true, errors);
        var settings = monitor?.Validate(allowPrivateResolve, errors);
        await RecordShares.ValidateAsync(db, input.SharedWith, errors, ct);
        InvalidInputException.ThrowIfAny(errors);

        var now = db.Time.GetUtcNow();
        var platform = new Platform
        {
            Name = valid!.Name!, Kind = valid.Kind ?? PlatformKind.Other, Description = NullIfEmpty(valid.Description),
            Tlp = valid.Tlp ?? Tlp.Amber, OwnerOrganisationId = organisation, CreatedAt = now, UpdatedAt = now,
        };
        platform.SetDomains(valid.Domains ?? [], now);
        settings?.ApplyTo(platform.Monitor);
        platform.Monitor.ScheduleIfEnabled(now);
        db.Platforms.Add(platform);
        await RecordShares.ReplaceAsync(db, platform, valid.SharedWith ?? SharesDto.None, ct);
        await db.SaveChangesAsync(ct);
        return platform;
    }

    /// <summary>Changes the fields the input gives; null when the caller may not see the platform.</summary>
    public async Task<Platform?> UpdateAsync(Guid id, PlatformInput input, CancellationToken ct)
    {
        if (await WritableAsync(id, "change", ct) is not { } platform) return null;
        var errors = new Dictionary<string, string[]>();
        var valid = input.Validate(creating: false, errors);
        await RecordShares.ValidateAsync(db, input.SharedWith, errors, ct);
        InvalidInputException.ThrowIfAny(errors);

        var now = db.Time.GetUtcNow();
        if (valid!.Name is { } name) platform.Name = name;
        if (valid.Kind is { } kind) platform.Kind = kind;
        if (valid.Description is { } description) platform.Description = NullIfEmpty(description);
        if (valid.Tlp is { } tlp) platform.Tlp = tlp;
        if (valid.Domains is { } domains) platform.SetDomains(domains, now);
        platform.UpdatedAt = now;
        await RecordShares.ReplaceAsync(db, platform, valid.SharedWith, ct);
        await db.SaveChangesAsync(ct);
        return platform;
    }

    /// <summary>
    /// Deletes a platform with its runs, observations and sightings. Its WARC evidence is not destroyed: it stays in the
    /// evidence store under the platform's folder, which the result names, for the retention the operator applies.
    /// </summary>
    public async Task<DeletedPlatform?> DeleteAsync(Guid id, CancellationToken ct)
    {
        if (await WritableAsync(id, "delete", ct) is not { } platform) return null;
        // The runs go through the audit log, each its own entry; observations and sightings, bulk data audited
        // through their runs, go with the platform.
        db.CrawlRuns.RemoveRange(await db.CrawlRuns.Where(r => r.PlatformId == id).ToListAsync(ct));
        db.Platforms.Remove(platform);
        await RecordShares.RemoveAllAsync<Platform>(db, platform.Id, ct);
        await db.SaveChangesAsync(ct);
        return new DeletedPlatform(platform.Id, platform.Name, platform.Id.ToString("N"));
    }

    /// <summary>Changes how a platform is monitored; a newly enabled monitor runs at once.</summary>
    public async Task<Platform?> SetMonitorAsync(Guid id, MonitorSettingsInput input, CancellationToken ct)
    {
        // Who may not change the platform learns nothing from validating its settings (the server's addresses among them).
        if (await WritableAsync(id, "change", ct) is not { } platform) return null;
        var errors = new Dictionary<string, string[]>();
        var valid = input.Validate(allowPrivateResolve, errors);
        InvalidInputException.ThrowIfAny(errors);
        var now = db.Time.GetUtcNow();
        valid!.ApplyTo(platform.Monitor);
        platform.Monitor.ScheduleIfEnabled(now);
        platform.UpdatedAt = now;
        await db.SaveChangesAsync(ct);
        return platform;
    }

    /// <summary>Asks for a monitoring run as soon as the monitor can take it.</summary>
    public async Task<Platform?> RunNowAsync(Guid id, CancellationToken ct)
    {
        if (await WritableAsync(id, "run the monitoring of", ct) is not { } platform) return null;
        platform.Monitor.RunNow(db.Time.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return platform;
    }

    private async Task<Platform?> WritableAsync(Guid id, string verb, CancellationToken ct)
    {
        var platform = await db.Platforms.SingleOrDefaultAsync(p => p.Id == id, ct);
        if (platform is not null && !db.Caller.CanWriteFor(platform.OwnerOrganisationId))
            throw new AccessDeniedException($"{db.Caller.Name} may not {verb} this platform.");
        return platform;
    }

    private static string? NullIfEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;
}

/// <summary>A deleted platform, and the evidence folder that was kept.</summary>
public sealed record DeletedPlatform(Guid Id, string Name, string EvidenceFolder);
