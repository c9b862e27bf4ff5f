using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;

namespace Isop.Access;

public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/Account/Logout", async (SignInManager<Member> signIn) =>
        {
            await signIn.SignOutAsync();
            return Results.LocalRedirect("/Account/Login");
        }).ExcludeFromDescription();

        // The language switcher: a cookie read by the request localisation middleware.
        app.MapPost("/culture", ([FromForm] string culture, [FromForm] string? returnUrl, HttpContext http) =>
        {
            if (culture is "en" or "fr" or "ko")
            {
                http.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                    CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                    new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true });
            }
            // Back to the page the menu was on: a local path only ("/\\host" and "//host" lead elsewhere).
            return Results.LocalRedirect(returnUrl is { Length: > 0 } u && u[0] == '/' && (u.Length == 1 || u[1] is not ('/' or '\\')) && !u.Any(char.IsControl) ? u : "/");
        }).ExcludeFromDescription();
        return app;
    }
}
