namespace BlazorCookieAuth.Demo.Users;

/// <summary>
/// Loads the signed-in user from the user database, once per request or circuit. A user who was deleted (even
/// straight from the database file) is no longer found, and the kit then treats the cookie as logged out.
/// </summary>
internal sealed class AppUserLoader(UserStore users) : IAuthUserLoader<AppUser>
{
    public Task<AppUser?> LoadUserAsync(string authId, CancellationToken cancellationToken) =>
        users.FindByIdAsync(authId, cancellationToken);
}
