using System.Security.Claims;
using System.Text.Encodings.Web;
using BlazorCookieAuth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace BlazorCookieAuth.LoadApp;

/// <summary>
/// A scheme that does no work: every request is Alice, from one ticket made at startup. Measured beside the others,
/// it shows what ASP.NET Core's authentication and authorization middleware cost a request before any scheme reads
/// a cookie.
/// </summary>
internal sealed class FixedUserHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Fixed";

    private static readonly AuthenticateResult Alice = AuthenticateResult.Success(new AuthenticationTicket(
        new AuthUser("42", [new Claim(ClaimTypes.Name, "Alice"), new Claim(ClaimTypes.Role, "admin")]).ToClaimsPrincipal(SchemeName),
        SchemeName));

    protected override Task<AuthenticateResult> HandleAuthenticateAsync() => Task.FromResult(Alice);
}
