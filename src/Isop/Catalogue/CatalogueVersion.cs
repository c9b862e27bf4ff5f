namespace Isop.Catalogue;

/// <summary>
/// How many times an organisation's catalogue changed (its works, their titles, seasons, aliases, fingerprints and
/// shares). Raised in the same transaction as the change; the sum over organisations stamps what a per-caller matcher
/// or index was built from, so that monitoring's writes never make them rebuild.
/// </summary>
public sealed class CatalogueVersion
{
    public Guid OrganisationId { get; set; }
    public long Version { get; set; }
}
