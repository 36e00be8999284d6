namespace BlazorCookieAuth.Tokens;

/// <summary>
/// The one straight line every token takes: unprotect and parse, check the expiry inside it, then ask the
/// session store whether the session was revoked. Cookies, bearer headers and circuits all use it.
/// </summary>
internal sealed class AuthTokenValidator(
    AuthTokenFormat format,
    IAuthSessionStore sessionStore,
    TimeProvider timeProvider)
{
    public async ValueTask<(AuthUser? User, AuthTokenRejection Rejection)> ValidateAsync(string token, CancellationToken cancellationToken)
    {
        var rejection = format.TryUnprotect(token, out var user);
        if (rejection != AuthTokenRejection.None)
        {
            return (null, rejection);
        }

        return (user!, await CheckAsync(user!, cancellationToken).ConfigureAwait(false));
    }

    public async ValueTask<AuthTokenRejection> CheckAsync(AuthUser user, CancellationToken cancellationToken)
    {
        if (user.ExpiresAt is not { } expiresAt || expiresAt <= timeProvider.GetUtcNow())
        {
            return AuthTokenRejection.Expired;
        }

        return await sessionStore.IsActiveAsync(user, cancellationToken).ConfigureAwait(false)
            ? AuthTokenRejection.None
            : AuthTokenRejection.Revoked;
    }
}
