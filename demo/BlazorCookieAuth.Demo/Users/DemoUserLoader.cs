using System.Globalization;

namespace BlazorCookieAuth.Demo.Users;

/// <summary>
/// Loads the signed-in user from the user database, once per request or circuit. A user who was deleted (even
/// straight from the database file) is no longer found, and the kit then treats the cookie as logged out.
/// </summary>
internal sealed class DemoUserLoader(UserStore users) : IAuthUserLoader<DemoUser>
{
    public async Task<DemoUser?> LoadUserAsync(string authId, CancellationToken cancellationToken) =>
        long.TryParse(authId, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? await users.FindByIdAsync(id, cancellationToken)
            : null;
}
