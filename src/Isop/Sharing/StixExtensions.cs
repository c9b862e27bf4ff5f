using System.Text.Json.Nodes;
using Isop.Access;

namespace Isop.Sharing;

/// <summary>
/// What Isop adds to STIX where STIX has no type or property, each declared by an extension-definition object that
/// travels with the objects using it (docs/stix.md describes them): operator identifiers and wallets as new
/// observables, works as a new domain object, and Isop's facts about platforms and sightings as property extensions.
/// </summary>
public static class StixExtensions
{
    public const string IdentifierType = "x-isop-identifier";
    public const string WorkType = "x-isop-work";
    /// <summary>OpenCTI's name for a wallet observable; STIX 2.1 defines none.</summary>
    public const string WalletType = "cryptocurrency-wallet";

    public static readonly string Identifier = StixJson.StableId("extension-definition", "identifier");
    public static readonly string Wallet = StixJson.StableId("extension-definition", "wallet");
    public static readonly string Work = StixJson.StableId("extension-definition", "work");
    public static readonly string Platform = StixJson.StableId("extension-definition", "platform");
    public static readonly string Sighting = StixJson.StableId("extension-definition", "sighting");

    /// <summary>The identity of the Isop project, creator of its extension definitions.</summary>
    public static readonly string IsopIdentity = StixJson.StableId("identity", "isop-project");

    private const string Created = "2026-12-01T00:00:00.000Z";
    private const string Schema = "https://github.com/isop-project/isop/blob/main/docs/stix.md";

    private static readonly (string Id, string Name, string Description, string Type, string Anchor)[] Definitions =
    [
        (Identifier, "Isop operator identifier", "An identifier a site's operator leaves on its pages: an analytics, tag-manager or ad account, a messenger channel, a favicon hash, an affiliate code. Properties: kind (the identifier's family), value.", "new-sco", "x-isop-identifier"),
        (Wallet, "Cryptocurrency wallet", "A wallet address shown for payments or donations, as OpenCTI names it. Properties: value (the address), currency.", "new-sco", "cryptocurrency-wallet"),
        (Work, "Isop protected work", "A film, series, music or webtoon registered by its rights holder. Properties: name, work_kind, year, external_id, titles (language to title), rights_holder_ref.", "new-sdo", "x-isop-work"),
        (Platform, "Isop platform facts", "Added to an infrastructure that distributes protected works: platform_kind (streaming-site, torrent-index, download-blog, cyberlocker, iptv-seller, forum, address-list, other), dark_domains.", "property-extension", "platform-extension"),
        (Sighting, "Isop sighting facts", "Added to a sighting of a platform: work_ref (the x-isop-work seen), listings, views, downloads.", "property-extension", "sighting-extension"),
    ];

    public static JsonObject IsopIdentityObject() => new()
    {
        ["type"] = "identity",
        ["spec_version"] = "2.1",
        ["id"] = IsopIdentity,
        ["created"] = Created,
        ["modified"] = Created,
        ["name"] = "Isop",
        ["description"] = "The Isop project: open-source software for the fight against online piracy networks (INTERPOL I-SOP).",
        ["identity_class"] = "system",
        ["object_marking_refs"] = new JsonArray(StixMarkings.IdOf(Tlp.Clear)),
    };

    /// <summary>The extension-definition objects, TLP:CLEAR like the specification they describe.</summary>
    public static IEnumerable<JsonObject> DefinitionObjects() => Definitions.Select(d => new JsonObject
    {
        ["type"] = "extension-definition",
        ["spec_version"] = "2.1",
        ["id"] = d.Id,
        ["created_by_ref"] = IsopIdentity,
        ["created"] = Created,
        ["modified"] = Created,
        ["name"] = d.Name,
        ["description"] = d.Description,
        ["schema"] = $"{Schema}#{d.Anchor}",
        ["version"] = "1.0.0",
        ["extension_types"] = new JsonArray(d.Type),
        ["object_marking_refs"] = new JsonArray(StixMarkings.IdOf(Tlp.Clear)),
    });

    /// <summary>The "extensions" member of an object that a new-type extension defines.</summary>
    public static JsonObject NewType(string definition, string kind) => new() { [definition] = new JsonObject { ["extension_type"] = kind } };
}
