using Microsoft.AspNetCore.Identity;

namespace BlazorCookieAuth.Demo.Users;

/// <summary>Registers the demo's SQLite user store.</summary>
internal static class DemoUsersServiceCollectionExtensions
{
    /// <summary>
    /// Adds the user store (its file path from the <c>Users:DatabasePath</c> setting), the password hasher, the
    /// account service behind the password and delete pages, and the startup step that creates the demo accounts.
    /// </summary>
    public static IServiceCollection AddDemoUsers(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<UserDatabaseOptions>(configuration.GetSection(UserDatabaseOptions.SectionName));
        services.AddSingleton<UserStore>();
        services.AddSingleton<AccountService>();
        services.AddSingleton<IPasswordHasher<DemoUser>, PasswordHasher<DemoUser>>();
        services.AddHostedService<DemoAccountSeeder>();
        return services;
    }
}
