using System.Text.Encodings.Web;
using BlazorCookieAuth.Authentication;
using BlazorCookieAuth.Endpoints;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BlazorCookieAuth.BasicAuth;

/// <summary>
/// The scheme behind <c>RequireBasicAuth</c>: reads <c>Authorization: Basic</c> credentials, checks them through the
/// app's <see cref="ICredentialValidator"/> under the login rate limits, and makes the request that user. Nothing is
/// written: no cookie, no session. It answers a challenge with 401 and <c>WWW-Authenticate</c>, a request over plain
/// HTTP with 403, and a rate-limited client with 429.
/// </summary>
internal sealed class BasicAuthHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    LoginRateLimiter limiter,
    IHostEnvironment environment)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    /// <summary>The scheme's name, which is also the authentication type of the users it makes.</summary>
    public const string SchemeName = "BlazorCookieAuth.Basic";

    private Refusal _refusal;
    private TimeSpan _retryAfter;

    /// <summary>Why the request is not authenticated, which decides the answer to a challenge.</summary>
    private enum Refusal
    {
        NoCredentials,
        PlainHttp,
        Unreadable,
        WrongCredentials,
        RateLimited,
    }

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.IsHttps && !EndpointMetadata.AllowPlainHttp && !(environment.IsDevelopment() && LoopbackHost.Is(Request.Host.Host)))
        {
            // Refused before the header is read, and answered without a challenge: asking would invite credentials in clear.
            Logger.BasicAuthOverPlainHttp(Request.Path);
            return Refuse(Refusal.PlainHttp, "Basic authentication is not accepted over plain HTTP.");
        }

        var credentials = BasicCredentials.Read(Request.Headers.Authorization);
        if (credentials is null)
        {
            return AuthenticateResult.NoResult();
        }

        // Every request with credentials counts, as a login request does: each one costs a password check.
        var client = LoginRateLimiter.ClientOf(Context);
        if (limiter.CountRequest(client) is { } wait)
        {
            Logger.LoginRateLimited(client, BlazorCookieAuthDefaults.LoginRateLimiterPolicy);
            return RefuseRateLimited(wait);
        }

        if (credentials.Problem is { } problem)
        {
            Logger.BasicAuthUnreadable(Request.Path, problem);
            return Refuse(Refusal.Unreadable, "The Authorization header's Basic credentials can't be read.");
        }

        var check = await CredentialCheck.CheckAsync(Context, client, credentials.Username, credentials.Password, Logger).ConfigureAwait(false);
        if (check.RetryAfter is { } retryAfter)
        {
            return RefuseRateLimited(retryAfter);
        }

        if (check.User is not { } user)
        {
            return Refuse(Refusal.WrongCredentials, "The username or password is wrong.");
        }

        Logger.BasicAuthAccepted(user.AuthId!, Request.Path);
        return AuthenticateResult.Success(new AuthenticationTicket(user.ToClaimsPrincipal(Scheme.Name), Scheme.Name));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        // Knows why even when the app challenges without having authenticated with this scheme first.
        await HandleAuthenticateOnceSafeAsync().ConfigureAwait(false);
        Response.Headers.CacheControl = "no-store";
        switch (_refusal)
        {
            case Refusal.PlainHttp:
                await ErrorResponse.WriteAsync(
                    Context,
                    StatusCodes.Status403Forbidden,
                    "https_required",
                    "This needs a username and password, which are accepted only over HTTPS: over plain HTTP anyone on the network could read them. Use the https:// address.").ConfigureAwait(false);
                return;
            case Refusal.RateLimited:
                await LoginRateLimiter.RefuseAsync(Context, _retryAfter).ConfigureAwait(false);
                return;
        }

        Response.Headers.WWWAuthenticate = BasicAuthMetadata.Challenge(EndpointMetadata.Realm ?? DefaultRealm());
        var (error, detail) = _refusal switch
        {
            Refusal.WrongCredentials => ("invalid_credentials", "The username or password is wrong."),
            Refusal.Unreadable => ("invalid_credentials", "The Authorization header's Basic credentials can't be read: send base64 of the UTF-8 text username:password."),
            _ => ("login_required", "This needs a username and password (HTTP Basic authentication)."),
        };
        await ErrorResponse.WriteAsync(Context, StatusCodes.Status401Unauthorized, error, detail).ConfigureAwait(false);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.Headers.CacheControl = "no-store";
        return ErrorResponse.WriteAsync(Context, StatusCodes.Status403Forbidden, "forbidden", "The username and password are right, but that user may not see this.");
    }

    /// <summary>What <c>RequireBasicAuth</c> put on the endpoint, or the defaults when the scheme is asked for elsewhere.</summary>
    private BasicAuthMetadata EndpointMetadata =>
        Context.GetEndpoint()?.Metadata.GetMetadata<BasicAuthMetadata>() ?? BasicAuthMetadata.Default;

    /// <summary>The app's name when a header can carry it, else <see cref="BasicAuthMetadata.FallbackRealm"/>.</summary>
    private string DefaultRealm() =>
        BasicAuthMetadata.IsValidRealm(environment.ApplicationName) ? environment.ApplicationName : BasicAuthMetadata.FallbackRealm;

    private AuthenticateResult Refuse(Refusal refusal, string message)
    {
        _refusal = refusal;
        return AuthenticateResult.Fail(message);
    }

    private AuthenticateResult RefuseRateLimited(TimeSpan wait)
    {
        _retryAfter = wait;
        return Refuse(Refusal.RateLimited, "Too many login attempts.");
    }
}
