namespace Isop.Web;

/// <summary>Marker for the shared UI strings (SharedResource.resx, .fr.resx, .ko.resx).</summary>
public sealed class SharedResource;
