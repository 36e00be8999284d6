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
}
