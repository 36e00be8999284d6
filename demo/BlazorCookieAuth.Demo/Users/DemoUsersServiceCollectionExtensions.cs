using Microsoft.AspNetCore.Identity;

namespace BlazorCookieAuth.Demo.Users;

/// <summary>Registers the demo's SQLite user store.</summary>
internal static class DemoUsersServiceCollectionExtensions
{
    /// <summary>
    /// Adds the user store (its database from the <c>Users</c> connection string), the password hasher, the account
    /// service behind the password and delete pages, and the startup step that creates the demo accounts.
    /// </summary>
    public static IServiceCollection AddDemoUsers(this IServiceCollection services)
    {
        services.AddSingleton<UserStore>();
        services.AddSingleton<AccountService>();
        services.AddSingleton<IPasswordHasher<AppUser>, PasswordHasher<AppUser>>();
        services.AddHostedService<DemoAccountSeeder>();
        return services;
    }
}
