using BlazorCookieAuth.Endpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace BlazorCookieAuth;

/// <summary>
/// Events raised by the BlazorCookieAuth handler. Replace a delegate, or derive and override a method,
/// to change how unauthorized and forbidden requests are answered.
/// </summary>
public class BlazorCookieAuthEvents
{
    /// <summary>
    /// Called when an anonymous request needs a login. By default a page request is redirected (302) to
    /// <see cref="BlazorCookieAuthOptions.LoginPath"/> with the return URL, and an API request gets 401 with
    /// problem details for a JSON client and a sentence otherwise.
    /// </summary>
    public Func<BlazorCookieAuthRedirectContext, Task> OnRedirectToLogin { get; set; } = context =>
    {
        if (!context.IsApiRequest)
        {
            context.Response.Redirect(context.RedirectUri);
            return Task.CompletedTask;
        }

        if (context.Options.ReadsBearer)
        {
            context.Response.Headers[HeaderNames.WWWAuthenticate] = "Bearer";
        }

        return ErrorResponse.WriteAsync(context.HttpContext, StatusCodes.Status401Unauthorized, "login_required", "This needs a login.");
    };

    /// <summary>
    /// Called when a signed-in user lacks permission. By default the answer is 403 (problem details for a JSON
    /// client, a sentence otherwise), or a redirect (302) to <see cref="BlazorCookieAuthOptions.AccessDeniedPath"/>
    /// for a page request when that path is set.
    /// </summary>
    public Func<BlazorCookieAuthRedirectContext, Task> OnRedirectToAccessDenied { get; set; } = context =>
    {
        if (!context.IsApiRequest && context.Options.AccessDeniedPath is not null)
        {
            context.Response.Redirect(context.RedirectUri);
            return Task.CompletedTask;
        }

        return ErrorResponse.WriteAsync(context.HttpContext, StatusCodes.Status403Forbidden, "forbidden", "You are logged in, but may not see this.");
    };

    /// <summary>Invokes <see cref="OnRedirectToLogin"/>.</summary>
    /// <param name="context">The context of the unauthorized request.</param>
    public virtual Task RedirectToLogin(BlazorCookieAuthRedirectContext context) => OnRedirectToLogin(context);

    /// <summary>Invokes <see cref="OnRedirectToAccessDenied"/>.</summary>
    /// <param name="context">The context of the forbidden request.</param>
    public virtual Task RedirectToAccessDenied(BlazorCookieAuthRedirectContext context) => OnRedirectToAccessDenied(context);
}
