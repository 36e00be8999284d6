using System.Security.Claims;
using System.Text.Encodings.Web;
using BlazorCookieAuth.AuthState;
using BlazorCookieAuth.Endpoints;
using BlazorCookieAuth.Tokens;
using BlazorCookieAuth.Users;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

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
    IAuthSessionStore sessionStore,
    AuthSessionRevocations revocations)
    : SignInAuthenticationHandler<BlazorCookieAuthOptions>(options, loggerFactory, encoder)
{
    /// <summary>Set on the request when this response writes a cookie, so a pending delete is skipped.</summary>
    private static readonly object CookieWrittenKey = new();

    internal const string SessionIdItem = ".blazorcookieauth.sessionid";

    private const string CookieSource = "cookie";
    private const string BearerSource = "bearer";

    private new BlazorCookieAuthEvents Events => (BlazorCookieAuthEvents)base.Events!;

    protected override Task<object> CreateEventsAsync() => Task.FromResult<object>(new BlazorCookieAuthEvents());

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var (token, source) = ReadToken();
        if (token is null)
        {
            return AuthenticateResult.NoResult();
        }

        var (user, rejection) = await validator.ValidateAsync(token, Context.RequestAborted).ConfigureAwait(false);
        if (rejection == AuthTokenRejection.None && !await UserStillExistsAsync(user!).ConfigureAwait(false))
        {
            rejection = AuthTokenRejection.UserNotFound;
        }

        if (rejection != AuthTokenRejection.None)
        {
            Logger.TokenRejected(source, rejection);
            if (source == CookieSource)
            {
                DeleteCookieWhenResponding();
            }

            return AuthenticateResult.Fail($"The {source} token was rejected: {rejection}.");
        }

        var principal = user!.ToClaimsPrincipal(Scheme.Name);
        var properties = new AuthenticationProperties
        {
            IssuedUtc = user.IssuedAt,
            ExpiresUtc = user.ExpiresAt,
            IsPersistent = user.IsPersistent,
        };
        return AuthenticateResult.Success(new AuthenticationTicket(principal, properties, Scheme.Name));
    }

    protected override async Task HandleSignInAsync(ClaimsPrincipal user, AuthenticationProperties? properties)
    {
        EnsureCookieCanBeWritten("log in");
        var authUser = AuthUser.FromClaimsPrincipal(user);
        if (!authUser.IsAuthenticated)
        {
            throw new ArgumentException("The principal to sign in has no NameIdentifier claim (the auth id).", nameof(user));
        }

        var renewedSessionId = properties?.Items.TryGetValue(SessionIdItem, out var id) == true ? id : null;
        if (renewedSessionId is null)
        {
            await RevokeCurrentSessionAsync().ConfigureAwait(false);
        }

        var remembered = properties?.IsPersistent == true;
        var issued = tokens.Issue(authUser, renewedSessionId ?? AuthTokenFormat.NewSessionId(), remembered);
        WriteCookie(tokens.Protect(issued), remembered);
        Context.User = issued.ToClaimsPrincipal(Scheme.Name);

        if (renewedSessionId is null)
        {
            Logger.LoggedIn(issued.AuthId!, remembered);
        }
        else
        {
            Logger.LoginRenewed(issued.AuthId!);
        }
    }

    protected override async Task HandleSignOutAsync(AuthenticationProperties? properties)
    {
        // In Bearer mode there is no cookie to delete: signing out revokes the bearer token's session.
        if (Options.ReadsCookie)
        {
            EnsureResponseCanBeWritten("log out");
        }

        var signedOut = await RevokeCurrentSessionAsync().ConfigureAwait(false);
        if (Options.ReadsCookie)
        {
            Response.Cookies.Delete(Options.CookieName!, CookieOptions(persistent: false));
            Context.Items[CookieWrittenKey] = true;
            SetNoStore();
        }

        Context.User = new ClaimsPrincipal(new ClaimsIdentity());
        if (signedOut is not null)
        {
            Logger.LoggedOut(signedOut);
        }
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        Events.RedirectToLogin(CreateRedirectContext(properties, Options.LoginPath));

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Events.RedirectToAccessDenied(CreateRedirectContext(properties, Options.AccessDeniedPath));

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

    private async ValueTask<bool> UserStillExistsAsync(AuthUser user)
    {
        var resolver = Context.RequestServices.GetService<AuthUserResolver>();
        return resolver is null
            || await resolver.LoadAsync(user.AuthId!, Context.RequestAborted).ConfigureAwait(false) is not null;
    }

    /// <summary>Revokes the session of the token this request came with, if it had a valid one.</summary>
    /// <returns>The auth id of the revoked session, or <see langword="null"/>.</returns>
    private async Task<string?> RevokeCurrentSessionAsync()
    {
        var current = await AuthenticateAsync().ConfigureAwait(false);
        if (!current.Succeeded)
        {
            return null;
        }

        var user = AuthUser.FromClaimsPrincipal(current.Principal);
        if (user.SessionId is null)
        {
            return null;
        }

        await sessionStore.RevokeAsync(user, Context.RequestAborted).ConfigureAwait(false);
        revocations.NotifyRevoked(user.SessionId);
        return user.AuthId;
    }

    private void EnsureCookieCanBeWritten(string action)
    {
        if (Options.Mode == AuthMode.Bearer)
        {
            throw new InvalidOperationException(
                $"Can't {action} with a cookie: BlazorCookieAuthOptions.Mode is Bearer, so no cookie is written. " +
                "Give the client a token from IAuthTokenService.CreateToken instead, or set Mode to CookieAndBearer.");
        }

        EnsureResponseCanBeWritten(action);
    }

    private void EnsureResponseCanBeWritten(string action)
    {
        if (Response.HasStarted)
        {
            throw new InvalidOperationException(
                $"Can't {action}: the HTTP response has already started, so the auth cookie can no longer be written. " +
                "Log in and out from an HTTP endpoint (such as POST /auth/login and /auth/logout from MapBlazorCookieAuth) " +
                "or from a static-SSR page before it renders, not during streaming rendering or from an interactive component.");
        }
    }

    private void WriteCookie(string token, bool persistent)
    {
        if (Options.CookieSecure && !Request.IsHttps)
        {
            Logger.SecureCookieOverHttp(Request.Host.Value ?? string.Empty);
        }

        Response.Cookies.Append(Options.CookieName!, token, CookieOptions(persistent));
        Context.Items[CookieWrittenKey] = true;
        SetNoStore();
    }

    private void DeleteCookieWhenResponding()
    {
        if (Response.HasStarted)
        {
            return;
        }

        Response.OnStarting(() =>
        {
            if (!Context.Items.ContainsKey(CookieWrittenKey))
            {
                Response.Cookies.Delete(Options.CookieName!, CookieOptions(persistent: false));
            }

            return Task.CompletedTask;
        });
    }

    private CookieOptions CookieOptions(bool persistent) => new()
    {
        Domain = Options.CookieDomain,
        Path = Options.CookiePath,
        HttpOnly = Options.CookieHttpOnly,
        SameSite = Options.CookieSameSite,
        Secure = Options.CookieSecure,
        IsEssential = true,
        MaxAge = persistent ? Options.Duration : null,
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

        var redirectUri = OriginalPathBase + path + QueryString.Create(Options.ReturnUrlParameter, returnUrl);
        return new BlazorCookieAuthRedirectContext(Context, Scheme, Options, properties, redirectUri, IsApiRequest());
    }

    private bool IsApiRequest()
    {
        if (Options.Mode == AuthMode.Bearer || (Options.ReadsBearer && TryReadBearer(out _)))
        {
            return true;
        }

        if (string.Equals(Request.Headers.XRequestedWith, "XMLHttpRequest", StringComparison.Ordinal))
        {
            return true;
        }

        var metadata = Context.GetEndpoint()?.Metadata;
        if (metadata?.GetMetadata<IDisableCookieRedirectMetadata>() is not null
            && metadata.GetMetadata<IAllowCookieRedirectMetadata>() is null)
        {
            return true;
        }

        var accept = Request.GetTypedHeaders().Accept;
        return accept.Count > 0
            && accept.Any(a => a.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) || a.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase))
            && !accept.Any(a => a.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase));
    }
}
