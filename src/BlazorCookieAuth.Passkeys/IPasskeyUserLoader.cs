namespace BlazorCookieAuth.Passkeys;

/// <summary>
/// Gives the user a passkey signs in, as the app's <see cref="ICredentialValidator"/> gives the user a password signs
/// in. Registered by <c>AddPasskeys&lt;TUserLoader&gt;()</c>, scoped, so it may use a database context.
/// </summary>
public interface IPasskeyUserLoader
{
    /// <summary>
    /// Loads the user with <paramref name="authId"/>, with the claims a login carries, as
    /// <see cref="ICredentialValidator.ValidateAsync"/> returns them.
    /// </summary>
    /// <param name="authId">The auth id the passkey belongs to.</param>
    /// <param name="cancellationToken">Cancels the load.</param>
    /// <returns>
    /// The user to sign in, or <see langword="null"/> when the account no longer exists or may not sign in; the
    /// passkey is then refused as an unknown one would be.
    /// </returns>
    Task<AuthUser?> LoadUserAsync(string authId, CancellationToken cancellationToken);

    /// <summary>
    /// Whether the user can sign in another way than with a passkey, such as a password. When they can't, removing
    /// their last passkey is refused, so they don't lock themselves out by accident. By default <see langword="true"/>:
    /// implement it for apps where users may have no password.
    /// </summary>
    /// <param name="authId">The user's auth id.</param>
    /// <param name="cancellationToken">Cancels the check.</param>
    /// <returns><see langword="true"/> when the user has another way to sign in.</returns>
    Task<bool> HasOtherSignInAsync(string authId, CancellationToken cancellationToken) => Task.FromResult(true);
}
