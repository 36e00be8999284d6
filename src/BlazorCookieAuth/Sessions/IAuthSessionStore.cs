namespace BlazorCookieAuth;

/// <summary>
/// Remembers which login sessions were revoked, so that a copied cookie or token stops working after logout.
/// The default store keeps revocations in memory on this server; replace it (registered as a singleton)
/// to share revocations across servers.
/// </summary>
public interface IAuthSessionStore
{
    /// <summary>
    /// Whether the user's session is still active. Called on every authenticated request, so keep it cheap.
    /// </summary>
    /// <param name="user">A user read from a valid token, with <see cref="AuthUser.SessionId"/> set.</param>
    /// <param name="cancellationToken">Cancels the check.</param>
    /// <returns><see langword="false"/> when the session was revoked.</returns>
    ValueTask<bool> IsActiveAsync(AuthUser user, CancellationToken cancellationToken = default);

    /// <summary>
    /// Revokes the user's session. The revocation needs to be kept only until <see cref="AuthUser.ExpiresAt"/>,
    /// after which the token is refused anyway.
    /// </summary>
    /// <param name="user">A user read from a valid token, with <see cref="AuthUser.SessionId"/> set.</param>
    /// <param name="cancellationToken">Cancels the revocation.</param>
    /// <returns>A task that completes once the revocation is stored.</returns>
    Task RevokeAsync(AuthUser user, CancellationToken cancellationToken = default);
}
