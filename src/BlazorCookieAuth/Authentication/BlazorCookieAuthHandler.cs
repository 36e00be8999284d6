using System.Buffers.Text;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using BlazorCookieAuth.Components;
using BlazorCookieAuth.Diagnostics;
using BlazorCookieAuth.Endpoints;
using BlazorCookieAuth.Sessions;
using BlazorCookieAuth.Tokens;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BlazorCookieAuth.Authentication;

/// <summary>
/// The BlazorCookieAuth scheme: reads the token from the cookie or bearer header, writes and deletes the
/// cookie on sign-in and sign-out, and answers challenges with a login redirect or 401.
/// </summary>
internal sealed class BlazorCookieAuthHandler(
    IOptionsMonitor<BlazorCookieAuthOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    AuthTokenValidator validator,
    AuthTokenService tokens,
    AuthSessions sessions,
    AuthTelemetry telemetry,
    MiddlewareOrderCheck middlewareOrder)
    : SignInAuthenticationHandler<BlazorCookieAuthOptions>(options, loggerFactory, encoder)
{
    /// <summary>Set on the request when this response writes a cookie, so a pending delete is skipped.</summary>
    private static readonly object CookieWrittenKey = new();

    /// <summary>An <see cref="AuthenticationProperties.Items"/> key: sign in again with the current session instead of a new one.</summary>
    internal const string RenewItem = ".blazorcookieauth.renew";

    /// <summary>An <see cref="AuthenticationProperties.Items"/> key: sign out every session of the user, not just this one.</summary>
    internal const string EverywhereItem = ".blazorcookieauth.everywhere";

    /// <summary>An <see cref="AuthenticationProperties.Items"/> key: the value the app attaches to the new session.</summary>
    internal const string SessionDataItem = ".blazorcookieauth.data";

    /// <summary>Added to <see cref="BlazorCookieAuthOptions.CookieName"/> for the browser-session cookie of a remembered login.</summary>
    internal const string FreshCookieSuffix = "-fresh";

    /// <summary>The base64url length of a browser secret.</summary>
    private static readonly int BrowserSecretTextLength = WebEncoders.Base64UrlEncode(new byte[AuthTokenFormat.BrowserSecretBytes]).Length;

    private const string CookieSource = "cookie";
    private const string BearerSource = "bearer";

    /// <summary>The token this request came with, browser secret included, once it is validated.</summary>
    private AuthToken? _token;
    private AuthSessionRecord? _session;

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
        if (source == CookieSource && SendsCookieTwice())
        {
            // Two cookies of one name, or one in other letter case: one may have been planted (by a sibling subdomain,
            // or over plain HTTP), and which one the framework reads is not the browser's choice. Trust neither.
            Logger.DuplicateCookie(Options.CookieName!);
            telemetry.TokenRefused(AuthTokenRejection.DuplicateCookie);
            AuthTelemetry.SetTokenRefused(activity, AuthTokenRejection.DuplicateCookie);
            DeleteCookiesWhenResponding();
            return AuthenticateResult.Fail($"The request carried the {Options.CookieName} cookie more than once, or in other letter case.");
        }

        // A page asking whether its login holds is not the user's activity: it must not keep an idle session alive.
        var seen = Context.GetEndpoint()?.Metadata.GetMetadata<SessionCheckMetadata>() is null;
        var (read, session, rejection) = await validator.ValidateAsync(token, Context.RequestServices, seen, Context.RequestAborted).ConfigureAwait(false);
        if (rejection == AuthTokenRejection.Unavailable)
        {
            // Fail closed, but keep the cookie: the token may be fine once the store or key ring answers again.
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
                DeleteCookiesWhenResponding();
            }

            return AuthenticateResult.Fail($"The {source} token was rejected: {rejection}.");
        }

        _token = read;
        _session = session;
        var checkedUser = SessionCheckedUser.Of(read!, session!, BrowserSessionContinues(read!));
        var properties = new AuthenticationProperties
        {
            IssuedUtc = checkedUser.IssuedAt,
            ExpiresUtc = checkedUser.ExpiresAt,
            IsPersistent = checkedUser.IsPersistent,
        };
        return AuthenticateResult.Success(new AuthenticationTicket(checkedUser.ToClaimsPrincipal(Scheme.Name), properties, Scheme.Name));
    }

    protected override async Task HandleSignInAsync(ClaimsPrincipal user, AuthenticationProperties? properties)
    {
        EnsureCookieCanBeWritten(properties?.Items.ContainsKey(RenewItem) == true ? "renew the login" : "log in");
        var authUser = AuthUser.FromClaimsPrincipal(user);
        if (!authUser.IsAuthenticated)
        {
            throw new ArgumentException(KitErrors.AnonymousUser, nameof(user));
        }

        if (properties?.Items.ContainsKey(RenewItem) == true)
        {
            await RenewAsync().ConfigureAwait(false);
            return;
        }

        using var activity = telemetry.StartLogin();
        try
        {
            await LogInAsync(authUser, properties).ConfigureAwait(false);
        }
        catch (AuthUnavailableException)
        {
            AuthTelemetry.SetLoginResult(activity, LoginResult.Unavailable);
            throw;
        }
        catch (Exception exception)
        {
            AuthTelemetry.SetException(activity, exception);
            throw;
        }

        telemetry.LoginSucceeded();
        AuthTelemetry.SetLoginResult(activity, LoginResult.Succeeded);
    }

    /// <summary>Starts a session for <paramref name="authUser"/>, ends the one this browser had, and writes the cookies.</summary>
    private async Task LogInAsync(AuthUser authUser, AuthenticationProperties? properties)
    {
        await AuthenticateAsync().ConfigureAwait(false);
        var replacesOwnSession = _token?.AuthId == authUser.AuthId;
        var remembered = properties?.IsPersistent == true;
        var data = properties?.Items.TryGetValue(SessionDataItem, out var value) == true ? value : null;
        var client = ClientDescription.FromUserAgent(Request.Headers.UserAgent);
        var session = await sessions.StartAsync(
            authUser.AuthId!, remembered, properties?.ExpiresUtc, client, data, replacesOwnSession, Context.RequestAborted).ConfigureAwait(false);

        // A remembered cookie outlives the browser; its secret, also kept in a browser-session cookie, tells a
        // login in this browser session from one restored later, which is not fresh.
        var browserSecret = remembered ? RandomNumberGenerator.GetBytes(AuthTokenFormat.BrowserSecretBytes) : null;
        var issued = AuthTokenService.Issue(authUser, session, session.CreatedAt, browserSecret);
        var token = await tokens.ProtectOrEndAsync(issued, Context.RequestAborted).ConfigureAwait(false);

        // Only now, with the new login in place, does the one this browser had end, so that its copies stop
        // working; a login that fails leaves the browser signed in as before.
        await EndCurrentSessionAsync(SessionEndReason.Replaced).ConfigureAwait(false);
        WriteCookies(issued, token, writeBrowserSecret: true);
        Context.User = issued.User.ToClaimsPrincipal(Scheme.Name);
        Logger.LoggedIn(issued.AuthId, remembered);
    }

    protected override async Task HandleSignOutAsync(AuthenticationProperties? properties)
    {
        // In Bearer mode there is no cookie to delete: signing out ends the bearer token's session.
        if (Options.ReadsCookie)
        {
            EnsureResponseCanBeWritten("log out");
        }

        var everywhere = properties?.Items.ContainsKey(EverywhereItem) == true;
        using var activity = telemetry.StartLogout(everywhere);
        (string AuthId, int Ended)? signedOut = null;
        try
        {
            signedOut = await EndCurrentSessionAsync(everywhere ? SessionEndReason.LogoutEverywhere : SessionEndReason.Logout).ConfigureAwait(false);
        }
        catch (AuthUnavailableException exception)
        {
            // The store is down (logged once per outage): this browser still gets signed out, though the session
            // stays live in the store until it expires or is ended later.
            AuthTelemetry.SetException(activity, exception);
        }
        if (Options.ReadsCookie)
        {
            DeleteCookies();
        }

        Context.User = new ClaimsPrincipal(new ClaimsIdentity());
        if (signedOut is not { } user)
        {
            return;
        }

        telemetry.LoggedOut(everywhere);
        activity?.SetTag(AuthTelemetry.LogoutEndedSessionsTag, user.Ended);
        if (everywhere)
        {
            Logger.LoggedOutEverywhere(user.AuthId, user.Ended);
        }
        else
        {
            Logger.LoggedOut(user.AuthId);
        }
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (!IsLoginPage(OriginalPath, Options.LoginPath))
        {
            return Events.RedirectToLogin(CreateRedirectContext(properties, Options.LoginPath));
        }

        // A login page that needs a login would send the browser to itself until it gives up.
        Logger.LoginPageRequiresLogin(Options.LoginPath);
        Response.StatusCode = StatusCodes.Status500InternalServerError;
        Response.ContentType = "text/plain; charset=utf-8";
        return Response.WriteAsync(LoginPageRequiresLoginMessage(Options.LoginPath), Context.RequestAborted);
    }

    /// <summary>Whether <paramref name="path"/> is the login page, which must never need a login itself.</summary>
    internal static bool IsLoginPage(PathString path, string loginPath) => LocalUrl.IsLoginPage(path.Value ?? string.Empty, loginPath);

    /// <summary>What a developer reads when the login page itself requires a login.</summary>
    internal static string LoginPageRequiresLoginMessage(string loginPath) =>
        $"The login page {loginPath} requires a login itself, so it can't be shown and the browser would be sent back to it " +
        "again and again. Put @attribute [AllowAnonymous] on the login page: an @attribute [Authorize] in _Imports.razor, " +
        "or a fallback authorization policy, reaches it too.";

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Events.RedirectToAccessDenied(CreateRedirectContext(properties, Options.AccessDeniedPath ?? string.Empty));

    private (string? Token, string Source) ReadToken()
    {
        if (Options.ReadsBearer && TryReadBearer(out var bearer))
        {
            return (bearer, BearerSource);
        }

        if (Options.ReadsCookie && Request.Cookies.TryGetValue(Options.CookieName!, out var cookie) && cookie.Length > 0)
        {
            return (cookie, CookieSource);
        }

        return (null, CookieSource);
    }

    private bool TryReadBearer(out string? token)
    {
        token = null;
        string? header = Request.Headers.Authorization;
        const string Prefix = "Bearer ";
        if (header is null || !header.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        token = header[Prefix.Length..].Trim();
        return token.Length > 0;
    }

    /// <summary>
    /// Whether the <c>Cookie</c> headers name the login cookie more than once, or in other letter case. A name counts
    /// as the framework's cookie collection reads it, in any case and after spaces or tabs, while browsers keep
    /// <c>name</c> and <c>NAME</c> apart (and some apply the <c>__Host-</c> rules to the exact prefix only): a cookie
    /// planted under the other case would otherwise be read, alone or in place of the real one.
    /// </summary>
    private bool SendsCookieTwice()
    {
        var name = Options.CookieName!;
        var seen = 0;
        foreach (var header in Request.Headers.Cookie)
        {
            var rest = header.AsSpan();
            while (!rest.IsEmpty)
            {
                var end = rest.IndexOf(';');
                var pair = (end < 0 ? rest : rest[..end]).TrimStart(" \t");
                if (pair.Length > name.Length && pair[name.Length] == '=' && pair.StartsWith(name, StringComparison.OrdinalIgnoreCase)
                    && (++seen > 1 || !pair.StartsWith(name, StringComparison.Ordinal)))
                {
                    return true;
                }

                rest = end < 0 ? default : rest[(end + 1)..];
            }
        }

        return false;
    }

    /// <summary>Whether the request comes from the browser session that entered the credentials.</summary>
    private bool BrowserSessionContinues(AuthToken token)
    {
        if (token.BrowserSecret is null)
        {
            // A browser-session cookie, or a bearer token: nothing outlives the login to restore it.
            return true;
        }

        if (!Request.Cookies.TryGetValue(FreshCookieName, out var sent) || sent.Length != BrowserSecretTextLength)
        {
            return false;
        }

        Span<byte> secret = stackalloc byte[AuthTokenFormat.BrowserSecretBytes];
        return Base64Url.TryDecodeFromChars(sent, secret, out var written)
            && CryptographicOperations.FixedTimeEquals(secret[..written], token.BrowserSecret);
    }

    private async Task RenewAsync()
    {
        await AuthenticateAsync().ConfigureAwait(false);
        var renewed = _session is null ? null : await sessions.RenewAsync(_session, Context.RequestAborted).ConfigureAwait(false);
        if (renewed is null)
        {
            throw new InvalidOperationException(KitErrors.RenewWithoutLogin);
        }

        // The browser secret carries over, and its browser-session cookie is written again only where it was sent:
        // a renewal neither makes a restored login fresh nor a fresh one stale.
        var continues = BrowserSessionContinues(_token!);
        var issued = AuthTokenService.Issue(_token!.User, renewed, renewed.LastSeenAt, _token.BrowserSecret);
        WriteCookies(issued, tokens.Protect(issued), writeBrowserSecret: continues);
        Context.User = SessionCheckedUser.Of(issued, renewed, continues).ToClaimsPrincipal(Scheme.Name);
        Logger.LoginRenewed(issued.AuthId);
    }

    /// <summary>
    /// Ends the session of the token this request came with, or every session of its user when
    /// <paramref name="reason"/> is <see cref="SessionEndReason.LogoutEverywhere"/>.
    /// </summary>
    /// <returns>The auth id of the user whose sessions ended, and how many; <see langword="null"/> for an anonymous request.</returns>
    private async Task<(string AuthId, int Ended)?> EndCurrentSessionAsync(SessionEndReason reason)
    {
        await AuthenticateAsync().ConfigureAwait(false);
        if (_token is not { AuthId: var authId, SessionId: var sessionId })
        {
            return null;
        }

        _token = null;
        _session = null;
        var ended = reason == SessionEndReason.LogoutEverywhere
            ? await sessions.EndAllAsync(authId, exceptSessionId: null, reason, Context.RequestAborted).ConfigureAwait(false)
            : await sessions.EndAsync(sessionId, reason, Context.RequestAborted).ConfigureAwait(false) ? 1 : 0;
        return (authId, ended);
    }

    private void EnsureCookieCanBeWritten(string action)
    {
        if (Options.Mode == AuthMode.Bearer)
        {
            throw new InvalidOperationException(
                $"Can't {action} with a cookie: BlazorCookieAuthOptions.Mode is Bearer, so no cookie is written. " +
                "Give the client a token from IAuthTokenService.CreateTokenAsync instead, or set Mode to CookieAndBearer.");
        }

        EnsureResponseCanBeWritten(action);
    }

    private void EnsureResponseCanBeWritten(string action)
    {
        if (Response.HasStarted)
        {
            var paths = Context.RequestServices.GetRequiredService<AuthEndpointPaths>();
            throw new InvalidOperationException(
                $"Can't {action}: the HTTP response has already started (streaming rendering, or an interactive component), so the auth cookie " +
                "can no longer be written. " + KitErrors.WhereCookiesCanBeWritten(paths));
        }
    }

    /// <summary>
    /// Writes the token's cookie, persistent for a remembered login, and, when <paramref name="writeBrowserSecret"/>,
    /// the browser-session cookie with its secret; a browser-session cookie that doesn't belong to it is deleted.
    /// </summary>
    private void WriteCookies(AuthToken issued, string token, bool writeBrowserSecret)
    {
        // Browsers keep Secure cookies on http://localhost and loopback addresses, where apps are developed.
        if (Options.CookieSecure && !Request.IsHttps && !LoopbackHost.Is(Request.Host.Host))
        {
            Logger.SecureCookieOverHttp(Request.Host.Value ?? string.Empty);
        }

        var maxAge = issued.User.IsPersistent ? issued.ExpiresAt - issued.User.IssuedAt!.Value : (TimeSpan?)null;
        Response.Cookies.Append(Options.CookieName!, token, CookieOptions(maxAge));
        if (issued.BrowserSecret is not null && writeBrowserSecret)
        {
            Response.Cookies.Append(FreshCookieName, WebEncoders.Base64UrlEncode(issued.BrowserSecret), CookieOptions(maxAge: null));
        }
        else if (Request.Cookies.ContainsKey(FreshCookieName))
        {
            Response.Cookies.Delete(FreshCookieName, CookieOptions(maxAge: null));
        }

        Context.Items[CookieWrittenKey] = true;
        SetNoStore();
    }

    /// <summary>Deletes the login cookies; a response that does must never be cached, or a cache could replay it.</summary>
    private void DeleteCookies()
    {
        Response.Cookies.Delete(Options.CookieName!, CookieOptions(maxAge: null));
        if (Request.Cookies.ContainsKey(FreshCookieName))
        {
            Response.Cookies.Delete(FreshCookieName, CookieOptions(maxAge: null));
        }

        SetNoStore();
        Context.Items[CookieWrittenKey] = true;
    }

    private void DeleteCookiesWhenResponding()
    {
        if (Response.HasStarted)
        {
            return;
        }

        Response.OnStarting(() =>
        {
            if (!Context.Items.ContainsKey(CookieWrittenKey))
            {
                DeleteCookies();
            }

            return Task.CompletedTask;
        });
    }

    private string FreshCookieName => Options.FreshCookieName;

    private CookieOptions CookieOptions(TimeSpan? maxAge) => new()
    {
        Domain = Options.CookieDomain,
        Path = Options.CookiePath,
        HttpOnly = Options.CookieHttpOnly,
        SameSite = Options.CookieSameSite,
        Secure = Options.CookieSecure,
        IsEssential = true,
        MaxAge = maxAge,
    };

    private void SetNoStore()
    {
        Response.Headers.CacheControl = "no-store";
        Response.Headers.Pragma = "no-cache";
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
