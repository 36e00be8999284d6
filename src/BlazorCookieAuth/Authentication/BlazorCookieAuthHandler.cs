using System.Security.Claims;
using System.Text.Encodings.Web;
using BlazorCookieAuth.Authorization;
using BlazorCookieAuth.Components;
using BlazorCookieAuth.Diagnostics;
using BlazorCookieAuth.Endpoints;
using BlazorCookieAuth.Sessions;
using BlazorCookieAuth.Tokens;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BlazorCookieAuth.Authentication;

/// <summary>
/// The BlazorCookieAuth scheme: reads the token from the cookie or bearer header, answers challenges with a login
/// redirect or 401, and forwards sign-in and sign-out to the kit's logins, which write and delete the cookies.
/// </summary>
internal sealed class BlazorCookieAuthHandler(
    IOptionsMonitor<BlazorCookieAuthOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    AuthTokenValidator validator,
    AuthLogins logins,
    AuthTelemetry telemetry,
    MiddlewareOrderCheck middlewareOrder)
    : SignInAuthenticationHandler<BlazorCookieAuthOptions>(options, loggerFactory, encoder)
{
    private const string CookieSource = "cookie";
    private const string BearerSource = "bearer";

    /// <summary>The token this request came with, browser secret included, once it is validated.</summary>
    internal AuthToken? Token { get; private set; }

    /// <summary>The session of <see cref="Token"/>, as the validation read it.</summary>
    internal AuthSessionRecord? TokenSession { get; private set; }

    /// <summary>
    /// The token this request came with when it was read and is unexpired, but its session couldn't be checked
    /// because the store can't be reached. The request is anonymous: this token only names the session a logout
    /// ends, and the user its antiforgery token was made for. Never a login.
    /// </summary>
    internal AuthToken? UncheckedToken { get; private set; }

    private new BlazorCookieAuthEvents Events => (BlazorCookieAuthEvents)base.Events!;

    protected override Task<object> CreateEventsAsync() => Task.FromResult<object>(new BlazorCookieAuthEvents());

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        middlewareOrder.Check(Context);
        var (token, source) = ReadToken();
        if (token is null)
        {
            return AuthenticateResult.NoResult();
        }

        using var activity = telemetry.StartAuthenticate(source);
        if (source == CookieSource && AuthCookies.SentTwice(Request, Options))
        {
            // Two cookies of one name, or one in other letter case: one may have been planted (by a sibling subdomain,
            // or over plain HTTP), and which one the framework reads is not the browser's choice. Trust neither.
            Logger.DuplicateCookie(Options.Cookie.Name!);
            telemetry.TokenRefused(AuthTokenRejection.DuplicateCookie);
            AuthTelemetry.SetTokenRefused(activity, AuthTokenRejection.DuplicateCookie);
            AuthCookies.DeleteWhenResponding(Context, Options);
            return AuthenticateResult.Fail($"The request carried the {Options.Cookie.Name} cookie more than once, or in other letter case.");
        }

        // A page asking whether its login holds is not the user's activity: it must not keep an idle session alive.
        var seen = Context.GetEndpoint()?.Metadata.GetMetadata<SessionCheckMetadata>() is null;
        var (read, session, rejection) = await validator.ValidateAsync(token, Context.RequestServices, seen, Context.RequestAborted).ConfigureAwait(false);
        if (rejection == AuthTokenRejection.Unavailable)
        {
            // Fail closed, but keep the cookie: the token may be fine once the store or key ring answers again.
            UncheckedToken = read;
            Logger.TokenNotChecked(source);
            AuthTelemetry.SetTokenRefused(activity, rejection);
            return AuthenticateResult.Fail($"The {source} token can't be checked right now.");
        }

        if (rejection != AuthTokenRejection.None)
        {
            Logger.TokenRejected(source, rejection);
            AuthTelemetry.SetTokenRefused(activity, rejection);
            if (source == CookieSource)
            {
                AuthCookies.DeleteWhenResponding(Context, Options);
            }

            return AuthenticateResult.Fail($"The {source} token was rejected: {rejection}.");
        }

        Token = read;
        TokenSession = session;
        var checkedUser = SessionCheckedUser.Of(read!, session!, AuthCookies.BrowserSessionContinues(Request, Options, read!));
        var properties = new AuthenticationProperties
        {
            IssuedUtc = checkedUser.IssuedAt,
            ExpiresUtc = checkedUser.ExpiresAt,
            IsPersistent = checkedUser.IsPersistent,
        };
        return AuthenticateResult.Success(new AuthenticationTicket(checkedUser.ToClaimsPrincipal(Scheme.Name), properties, Scheme.Name));
    }

    protected override Task HandleSignInAsync(ClaimsPrincipal user, AuthenticationProperties? properties) =>
        logins.LoginAsync(Context, AuthUser.FromClaimsPrincipal(user), properties?.IsPersistent == true, properties?.ExpiresUtc, sessionData: null);

    protected override Task HandleSignOutAsync(AuthenticationProperties? properties) => logins.LogoutAsync(Context, everywhere: false);

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        // A signed-in user who only needs a fresh login proves who they are on the re-authentication page, if any.
        if (Options.ReauthenticationPath is { } reauthenticationPath && Token is not null && FreshLoginChallenge.IsFor(properties)
            && !IsLoginPage(OriginalPath, reauthenticationPath))
        {
            return Events.RedirectToLogin(CreateRedirectContext(properties, reauthenticationPath));
        }

        if (!IsLoginPage(OriginalPath, Options.LoginPath))
        {
            return Events.RedirectToLogin(CreateRedirectContext(properties, Options.LoginPath));
        }

        // A login page that needs a login would send the browser to itself until it gives up. The fix is for the
        // developer, in the log; the user only learns that the page can't be shown.
        Logger.LoginPageRequiresLogin(Options.LoginPath);
        Response.StatusCode = StatusCodes.Status500InternalServerError;
        Response.ContentType = "text/plain; charset=utf-8";
        return Response.WriteAsync(LoginPageUnavailable, Context.RequestAborted);
    }

    /// <summary>What the user reads when the login page itself requires a login.</summary>
    internal const string LoginPageUnavailable = "The login page can't be shown because of a server error.";

    /// <summary>Forgets the token this request came with, once its session has ended.</summary>
    internal void ForgetToken()
    {
        Token = null;
        TokenSession = null;
        UncheckedToken = null;
        WrittenBrowserSessionContinues = null;
    }

    /// <summary>
    /// Whether <see cref="Token"/>'s browser session continues, once this request wrote its cookies (a login, a renewal);
    /// <see langword="null"/> while the token is the one the request came with, whose cookies tell.
    /// </summary>
    internal bool? WrittenBrowserSessionContinues { get; private set; }

    /// <summary>Takes the login this request just wrote as the request's own, for what the request does next.</summary>
    internal void UseToken(AuthToken token, AuthSessionRecord session, bool browserSessionContinues)
    {
        Token = token;
        TokenSession = session;
        UncheckedToken = null;
        WrittenBrowserSessionContinues = browserSessionContinues;
    }

    /// <summary>Whether the browser session of <see cref="Token"/> continues: a fresh login can vouch for who is at the keyboard.</summary>
    internal bool BrowserSessionContinues(AuthToken token) =>
        WrittenBrowserSessionContinues ?? AuthCookies.BrowserSessionContinues(Request, Options, token);

    /// <summary>Whether <paramref name="path"/> is the login page, which must never need a login itself.</summary>
    internal static bool IsLoginPage(PathString path, string loginPath) => LocalUrl.IsLoginPage(path.Value ?? string.Empty, loginPath);

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Events.RedirectToAccessDenied(CreateRedirectContext(properties, Options.AccessDeniedPath ?? string.Empty));

    private (string? Token, string Source) ReadToken()
    {
        if (Options.ReadsBearer && BearerHeader.TryRead(Request, out var bearer))
        {
            return (bearer, BearerSource);
        }

        if (Options.ReadsCookie && AuthCookies.TryReadToken(Request, Options, out var cookie))
        {
            return (cookie, CookieSource);
        }

        return (null, CookieSource);
    }

    private BlazorCookieAuthRedirectContext CreateRedirectContext(AuthenticationProperties properties, PathString path)
    {
        var returnUrl = properties.RedirectUri;
        if (string.IsNullOrEmpty(returnUrl) || !LocalUrl.IsLocal(returnUrl))
        {
            returnUrl = OriginalPathBase + OriginalPath + Request.QueryString;
        }

        // An address too long to be a local return URL, or to carry in a query, is left out rather than carried
        // into the Location header.
        var redirectUri = LocalUrl.PageWithReturnUrl(OriginalPathBase.Value ?? string.Empty, path.Value ?? string.Empty, Options.ReturnUrlParameter, returnUrl);
        return new BlazorCookieAuthRedirectContext(Context, Scheme, Options, properties, redirectUri, ApiRequests.IsApiRequest(Context, Options.Mode));
    }
}
