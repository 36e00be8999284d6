using System.Collections.Concurrent;
using Microsoft.AspNetCore.Identity;

namespace BlazorCookieAuthApp.Users;

/// <summary>
/// A starter user store that keeps its users in memory, so they are gone after a restart.
/// Replace it with your own user database; only <see cref="UserCredentialValidator"/> reads it.
/// </summary>
internal sealed class UserStore(IPasswordHasher<AppUser> passwordHasher)
{
    private readonly ConcurrentDictionary<string, AppUser> usersByName = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Finds a user by the name typed on the login page, ignoring case.</summary>
    public Task<AppUser?> FindByUserNameAsync(string userName, CancellationToken cancellationToken) =>
        Task.FromResult(usersByName.GetValueOrDefault(userName));

    /// <summary>Finds a user by id, the auth id in the login cookie.</summary>
    public Task<AppUser?> FindByIdAsync(string id, CancellationToken cancellationToken) =>
        Task.FromResult(usersByName.Values.FirstOrDefault(user => user.Id == id));

    /// <summary>Adds a user with a hash of <paramref name="password"/>, unless one with the same name exists.</summary>
    public Task AddAsync(string userName, string displayName, string password, IReadOnlyList<string> roles, CancellationToken cancellationToken)
    {
        var user = new AppUser(Guid.NewGuid().ToString("N"), userName, displayName, PasswordHash: string.Empty, roles);
        usersByName.TryAdd(userName, user with { PasswordHash = passwordHasher.HashPassword(user, password) });
        return Task.CompletedTask;
    }

    /// <summary>
    /// Replaces the password hash of <paramref name="user"/>, as it was read, with <paramref name="passwordHash"/>;
    /// a user changed since then is left alone.
    /// </summary>
    public Task UpdatePasswordHashAsync(AppUser user, string passwordHash, CancellationToken cancellationToken)
    {
        usersByName.TryUpdate(user.UserName, user with { PasswordHash = passwordHash }, user);
        return Task.CompletedTask;
    }
}
