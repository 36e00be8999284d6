using Microsoft.AspNetCore.Http;

namespace BlazorCookieAuth.Antiforgery;

/// <summary>
/// Builds a cookie that is always Secure, as the login cookie is, whatever its policy says: antiforgery refuses
/// to run on plain HTTP under <see cref="CookieSecurePolicy.Always"/>, yet browsers keep Secure cookies on
/// http://localhost, where apps are developed. Elsewhere over plain HTTP the browser drops the cookie, as it drops
/// the login cookie.
/// </summary>
internal sealed class SecureHostCookieBuilder : CookieBuilder
{
    public override CookieOptions Build(HttpContext context, DateTimeOffset expiresFrom)
    {
        var options = base.Build(context, expiresFrom);
        options.Secure = true;
        return options;
    }
}
