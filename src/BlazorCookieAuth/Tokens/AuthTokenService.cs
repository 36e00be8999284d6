using BlazorCookieAuth.Diagnostics;
using BlazorCookieAuth.Sessions;
using BlazorCookieAuth.Users;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorCookieAuth.Tokens;

/// <summary>Issues tokens for logins and bearer clients, and reads them back.</summary>
internal sealed class AuthTokenService(
    AuthTokenFormat format,
    AuthTokenValidator validator,
    AuthSessions sessions,
    AuthTelemetry telemetry,
    IServiceProvider services,
    IServiceProviderIsService registered,
    IServiceScopeFactory scopeFactory,
    IHttpContextAccessor httpContextAccessor) : IAuthTokenService
{
    /// <summary>Whether the app has a user loader, which lives in a scope; without one, a check needs no scope.</summary>
    private readonly bool _loadsUsers = registered.IsService(typeof(AuthUserResolver));

    public Task<string> CreateTokenAsync(AuthUser user, CancellationToken cancellationToken = default) =>
        CreateTokenAsync(user, credential: null, cancellationToken);

    /// <summary>
    /// Starts a session for <paramref name="user"/> and gives its bearer token, as <see cref="CreateTokenAsync(AuthUser, CancellationToken)"/>
    /// does, for a login that checked <paramref name="credential"/> (such as a passkey).
    /// </summary>
    /// <exception cref="CredentialsChangedException">The credentials the login checked changed or were removed meanwhile.</exception>
    public async Task<string> CreateTokenAsync(AuthUser user, SignInCredential? credential, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.AuthId is null)
        {
            throw new ArgumentException(KitErrors.AnonymousUser, nameof(user));
        }

        var client = ClientDescription.FromUserAgent(httpContextAccessor.HttpContext?.Request.Headers.UserAgent) ?? "Token";
        var session = await sessions.StartAsync(
            user.AuthId, persistent: true, expiresCap: null, client, data: null, replacesOwnSession: false, sessions.CheckedBy(user), credential, cancellationToken).ConfigureAwait(false);
        var token = await ProtectOrEndAsync(Issue(user, session, session.CreatedAt, browserSecret: null), cancellationToken).ConfigureAwait(false);
        telemetry.LoginSucceeded();
        return token;
    }

    public async Task<AuthUser> ValidateTokenAsync(string token, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(token);

        if (!_loadsUsers)
        {
            return await ValidateAsync(token, services, cancellationToken).ConfigureAwait(false);
        }

        // A scope of its own, as a request has, for the app's user loader.
        var scope = scopeFactory.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            return await ValidateAsync(token, scope.ServiceProvider, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<AuthUser> ValidateAsync(string token, IServiceProvider scopeServices, CancellationToken cancellationToken)
    {
        var (read, session, rejection) = await validator.ValidateAsync(token, scopeServices, seen: true, cancellationToken).ConfigureAwait(false);
        return rejection == AuthTokenRejection.None ? SessionCheckedUser.Of(read!, session!, browserSessionContinues: true) : AuthUser.Anonymous;
    }

    /// <summary>
    /// A token of a user for a session, ending with the session. It is issued when the session's lifetime began, its
    /// login or its renewal, so a remembered cookie's Max-Age is exactly that lifetime. Its user has the session's
    /// credential time, as the user of a login just made.
    /// </summary>
    public static AuthToken Issue(AuthUser user, AuthSessionRecord session, DateTimeOffset issuedAt, byte[]? browserSecret) =>
        new(new AuthUser(session.AuthId, user.Claims)
        {
            SessionId = session.SessionId,
            IssuedAt = issuedAt,
            ExpiresAt = session.ExpiresAt,
            IsPersistent = session.IsPersistent,
            AuthenticatedAt = session.AuthenticatedAt,
        }, browserSecret);

    /// <summary>Protects the token of a session just started; a token that can't be made ends its session, so none is left unused.</summary>
    public async Task<string> ProtectOrEndAsync(AuthToken issued, CancellationToken cancellationToken)
    {
        try
        {
            return format.Protect(issued);
        }
        catch
        {
            // A session without its token could never be used, yet would count against the user's session limit.
            await sessions.DiscardAsync(issued.SessionId, cancellationToken).ConfigureAwait(false);
            throw;
        }
    }

    public string Protect(AuthToken issued) => format.Protect(issued);
}
