using BlazorCookieAuth.Authentication;
using BlazorCookieAuth.Diagnostics;
using BlazorCookieAuth.Sessions;
using BlazorCookieAuth.Users;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace BlazorCookieAuth.Tokens;

/// <summary>
/// The one straight line every token takes: unprotect and parse (or find it among the tokens already validated),
/// check the expiry inside it, check its session in the store, then ask the app's user loader. Cookies, bearer
/// headers, circuits and <see cref="IAuthTokenService.ValidateTokenAsync"/> all use it. A token it refuses is
/// counted by reason; a circuit's recheck of the user it holds (<see cref="CheckAsync"/>) presents no token and is not.
/// </summary>
internal sealed class AuthTokenValidator(
    AuthTokenFormat format,
    AuthSessions sessions,
    ValidatedTokenCache validatedTokens,
    IOptionsMonitor<BlazorCookieAuthOptions> options,
    BlazorCookieAuthScheme scheme,
    TimeProvider timeProvider,
    AuthTelemetry telemetry)
{
    /// <summary>How long a token's user, once found by the loader, is trusted to exist: as long as a cached session.</summary>
    private readonly TimeSpan _userCheckInterval = options.Get(scheme.Name).SessionCacheDuration;

    /// <param name="token">The token as the client sent it.</param>
    /// <param name="services">The services of the request or circuit, where the user loader lives.</param>
    /// <param name="seen">Whether this counts as activity of the session (a request does; a circuit's recheck does not).</param>
    /// <param name="cancellationToken">Cancels the check.</param>
    /// <returns>
    /// The token as read and its live session, or why the token is refused. When only the session couldn't be checked
    /// (<see cref="AuthTokenRejection.Unavailable"/>, the store can't be reached), the token as read comes with it,
    /// unchecked, so a logout can still name its session.
    /// </returns>
    public async ValueTask<(AuthToken? Token, AuthSessionRecord? Session, AuthTokenRejection Rejection)> ValidateAsync(
        string token,
        IServiceProvider services,
        bool seen,
        CancellationToken cancellationToken)
    {
        var validated = validatedTokens.Find(token);
        AuthToken read;
        if (validated is not null)
        {
            read = validated.Token;
        }
        else
        {
            var rejection = format.TryUnprotect(token, out var unprotected);
            if (rejection != AuthTokenRejection.None)
            {
                telemetry.TokenRefused(rejection);
                return (null, null, rejection);
            }

            read = unprotected!;
        }

        var user = read.User;
        var (session, sessionRejection) = await CheckSessionAsync(user, seen, cancellationToken).ConfigureAwait(false);
        if (sessionRejection == AuthTokenRejection.None
            && (validated is null || timeProvider.GetElapsedTime(validated.UserCheckedAt) >= _userCheckInterval))
        {
            sessionRejection = await CheckUserAsync(user, services, cancellationToken).ConfigureAwait(false);
            if (sessionRejection == AuthTokenRejection.None)
            {
                if (validated is null)
                {
                    validatedTokens.Add(token, read, timeProvider.GetTimestamp());
                }
                else
                {
                    validated.UserCheckedAt = timeProvider.GetTimestamp();
                }
            }
        }

        if (sessionRejection is AuthTokenRejection.None)
        {
            return (read, session, AuthTokenRejection.None);
        }

        telemetry.TokenRefused(sessionRejection);
        if (sessionRejection is AuthTokenRejection.Unavailable)
        {
            return (read, null, sessionRejection);
        }

        if (validated is not null)
        {
            validatedTokens.Remove(token);
        }

        return (null, null, sessionRejection);
    }

    /// <summary>The checks after the token is read, also run by circuits on the user they hold.</summary>
    public async ValueTask<(AuthSessionRecord? Session, AuthTokenRejection Rejection)> CheckAsync(
        AuthUser user,
        IServiceProvider services,
        bool seen,
        CancellationToken cancellationToken)
    {
        var (session, rejection) = await CheckSessionAsync(user, seen, cancellationToken).ConfigureAwait(false);
        if (rejection == AuthTokenRejection.None)
        {
            rejection = await CheckUserAsync(user, services, cancellationToken).ConfigureAwait(false);
        }

        return rejection == AuthTokenRejection.None ? (session, rejection) : (null, rejection);
    }

    private async ValueTask<(AuthSessionRecord? Session, AuthTokenRejection Rejection)> CheckSessionAsync(
        AuthUser user,
        bool seen,
        CancellationToken cancellationToken)
    {
        if (user.ExpiresAt is not { } expiresAt || expiresAt <= timeProvider.GetUtcNow())
        {
            return (null, AuthTokenRejection.Expired);
        }

        AuthSessionRecord? session;
        try
        {
            session = await sessions.CheckAsync(user.SessionId!, user.AuthId!, seen, cancellationToken).ConfigureAwait(false);
        }
        catch (AuthUnavailableException)
        {
            // Fail closed: a session that can't be checked is not trusted (AuthSessions logged the outage).
            return (null, AuthTokenRejection.Unavailable);
        }

        return session is null ? (null, AuthTokenRejection.SessionEnded) : (session, AuthTokenRejection.None);
    }

    private static async ValueTask<AuthTokenRejection> CheckUserAsync(AuthUser user, IServiceProvider services, CancellationToken cancellationToken)
    {
        var resolver = services.GetService<AuthUserResolver>();
        return resolver is not null && await resolver.LoadAsync(user.AuthId!, cancellationToken).ConfigureAwait(false) is null
            ? AuthTokenRejection.UserNotFound
            : AuthTokenRejection.None;
    }
}
