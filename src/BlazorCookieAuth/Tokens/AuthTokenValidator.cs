using BlazorCookieAuth.Sessions;
using BlazorCookieAuth.Users;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorCookieAuth.Tokens;

/// <summary>
/// The one straight line every token takes: unprotect and parse, check the expiry inside it, check its session
/// in the store, then ask the app's user loader. Cookies, bearer headers, circuits and
/// <see cref="IAuthTokenService.ValidateTokenAsync"/> all use it.
/// </summary>
internal sealed class AuthTokenValidator(
    AuthTokenFormat format,
    AuthSessions sessions,
    TimeProvider timeProvider)
{
    /// <param name="token">The token as the client sent it.</param>
    /// <param name="services">The services of the request or circuit, where the user loader lives.</param>
    /// <param name="seen">Whether this counts as activity of the session (a request does; a circuit's recheck does not).</param>
    /// <param name="cancellationToken">Cancels the check.</param>
    /// <returns>The token's user and its live session, or why the token is refused.</returns>
    public async ValueTask<(AuthUser? User, AuthSessionRecord? Session, AuthTokenRejection Rejection)> ValidateAsync(
        string token,
        IServiceProvider services,
        bool seen,
        CancellationToken cancellationToken)
    {
        var rejection = format.TryUnprotect(token, out var user);
        if (rejection != AuthTokenRejection.None)
        {
            return (null, null, rejection);
        }

        var (session, checkRejection) = await CheckAsync(user!, services, seen, cancellationToken).ConfigureAwait(false);
        return (user, session, checkRejection);
    }

    /// <summary>The checks after the token is read, also run by circuits on the user they hold.</summary>
    public async ValueTask<(AuthSessionRecord? Session, AuthTokenRejection Rejection)> CheckAsync(
        AuthUser user,
        IServiceProvider services,
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

        if (session is null)
        {
            return (null, AuthTokenRejection.SessionEnded);
        }

        var resolver = services.GetService<AuthUserResolver>();
        if (resolver is not null && await resolver.LoadAsync(user.AuthId!, cancellationToken).ConfigureAwait(false) is null)
        {
            return (null, AuthTokenRejection.UserNotFound);
        }

        return (session, AuthTokenRejection.None);
    }
}
