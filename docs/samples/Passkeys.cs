using BlazorCookieAuth.Passkeys;
using Microsoft.EntityFrameworkCore;

namespace BlazorCookieAuth.DocSamples;

/// <summary>The code of docs/passkeys.md.</summary>
public static class Passkeys
{
    public static void AddPasskeys(WebApplicationBuilder builder, WebApplication app)
    {
        #region add-passkeys
        builder.Services.AddBlazorCookieAuth()
            .AddCredentialValidator<MyValidator>()
            .AddPasskeys<MyPasskeyUserLoader>(o => o.RelyingPartyName = "My app");

        app.MapBlazorCookieAuth(); // maps {prefix}/passkeys/... with the rest
        #endregion
    }

    public static void AddEntityFrameworkPasskeyStore(WebApplicationBuilder builder)
    {
        #region ef-passkey-store
        builder.Services.AddBlazorCookieAuth()
            .AddCredentialValidator<MyValidator>()
            .AddEntityFrameworkSessionStore(o => o.UseSqlite("Data Source=auth.db"))
            .AddPasskeys<MyPasskeyUserLoader>()
            .AddEntityFrameworkPasskeyStore(o => o.UseSqlite("Data Source=auth.db"));
        #endregion
    }

    public static void AddEntityFrameworkPasskeyStoreInAppContext(WebApplicationBuilder builder)
    {
        #region ef-passkey-store-app-context
        builder.Services.AddDbContextFactory<AppDbContext>(o => o.UseSqlite("Data Source=app.db"));
        builder.Services.AddBlazorCookieAuth()
            .AddCredentialValidator<MyValidator>()
            .AddPasskeys<MyPasskeyUserLoader>()
            .AddEntityFrameworkPasskeyStore<AppDbContext>();
        #endregion
    }

    /// <summary>Stands for the app's own context, which maps the passkey tables.</summary>
    public sealed class AppDbContext(DbContextOptions<AppDbContext> options) : DbContext(options)
    {
        #region ef-passkey-model
        protected override void OnModelCreating(ModelBuilder modelBuilder) =>
            modelBuilder.AddBlazorCookieAuthPasskeys(); // BlazorCookieAuthPasskeys, ...UserHandles and ...UsedChallenges
        #endregion
    }

    /// <summary>Stands for the app's loader of the user a passkey signs in.</summary>
    public sealed class MyPasskeyUserLoader : IPasskeyUserLoader
    {
        public Task<AuthUser?> LoadUserAsync(string authId, CancellationToken cancellationToken) =>
            Task.FromResult<AuthUser?>(new AuthUser(authId));
    }
}
