using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Isop.Web;

/// <summary>The OpenAPI document says how to authenticate: an API token as a bearer token (<c>Authorization: Bearer isop_…</c>).</summary>
internal sealed class OpenApiSecurity : IOpenApiDocumentTransformer
{
    public const string Bearer = "Bearer";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[Bearer] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "isop_ followed by 64 hex digits",
            Description = "An API token, issued to a member on their account security page or with POST /api/v1/tokens. " +
                          "Without one, a caller sees only what is TLP:CLEAR.",
        };
        document.Security ??= [];
        document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Bearer, document)] = [] });
        return Task.CompletedTask;
    }
}
