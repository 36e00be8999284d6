namespace BlazorCookieAuth;

/// <summary>
/// Checks a username and password for the built-in <c>POST /auth/login</c> endpoint and for endpoints that
/// <c>RequireBasicAuth()</c> protects. Register it with <c>AddCredentialValidator&lt;T&gt;()</c> on the builder
/// returned by <c>AddBlazorCookieAuth</c>.
/// </summary>
public interface ICredentialValidator
{
    /// <summary>
    /// Checks the credentials. Compare password hashes with a constant-time primitive (for example
    /// ASP.NET Core Identity's <c>PasswordHasher&lt;TUser&gt;</c>), and take the same time for an unknown user.
    /// </summary>
    /// <param name="username">The username as typed.</param>
    /// <param name="password">The password as typed.</param>
    /// <param name="cancellationToken">Cancels the check.</param>
    /// <returns>The user to log in, or <see langword="null"/> when the credentials are wrong.</returns>
    Task<AuthUser?> ValidateAsync(string username, string password, CancellationToken cancellationToken);

    /// <summary>
    /// Checks the password of a user who is already signed in, when they prove who they are again (re-authentication,
    /// <c>POST /auth/reauthenticate</c> and <c>IAuthSession.ReauthenticateAsync</c>). Find the user by
    /// <paramref name="user"/>'s auth id and verify as <see cref="ValidateAsync"/> does. Not implemented by default:
    /// re-authentication then fails with a <see cref="NotSupportedException"/> that says so.
    /// </summary>
    /// <param name="user">The signed-in user.</param>
    /// <param name="password">The password as typed.</param>
    /// <param name="cancellationToken">Cancels the check.</param>
    /// <returns><see langword="true"/> when the password is the user's.</returns>
    Task<bool> ValidatePasswordAsync(AuthUser user, string password, CancellationToken cancellationToken) =>
        throw new NotSupportedException(
            $"{GetType().Name} doesn't implement ICredentialValidator.ValidatePasswordAsync, which re-authentication needs: " +
            "find the user by its auth id and verify the password as ValidateAsync does.");
}
