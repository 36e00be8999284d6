using System.Security.Claims;
using BlazorCookieAuth.Passkeys;
using Microsoft.EntityFrameworkCore;

namespace BlazorCookieAuth.DocSamples.Recipes;

/// <summary>The code of docs/recipes/passkeys.md.</summary>
public static class PasskeysBesideThePassword
{
    public static void WireUp(WebApplicationBuilder builder)
    {
        #region wire-up
        builder.Services.AddRazorComponents().AddInteractiveServerComponents(); // the passkeys page runs on the server

        builder.Services.AddBlazorCookieAuth(o =>
        {
            o.LoginPath = "/login";
            o.ReauthenticationPath = "/reauthenticate";
        })
            .AddCredentialValidator<AppCredentialValidator>()                 // passwords, as before
            .AddPasskeys<AppPasskeyUserLoader>(o => o.RelyingPartyName = "Contoso")
            .AddEntityFrameworkPasskeyStore(o => o.UseSqlite("Data Source=users.db")); // beside the users
        #endregion
    }

    #region user-loader
    /// <summary>Gives the user a passkey signs in: the same AuthUser the password login gives.</summary>
    public sealed class AppPasskeyUserLoader(AppUsers users) : IPasskeyUserLoader
    {
        public async Task<AuthUser?> LoadUserAsync(string authId, CancellationToken cancellationToken)
        {
            var user = await users.FindByIdAsync(authId, cancellationToken);
            return user is null || user.IsLockedOut
                ? null   // refused as an unknown passkey would be
                : new AuthUser(user.Id, [new Claim(ClaimTypes.Name, user.DisplayName)]);
        }

        // A user without a password can't remove their last passkey.
        public async Task<bool> HasOtherSignInAsync(string authId, CancellationToken cancellationToken) =>
            (await users.FindByIdAsync(authId, cancellationToken))?.PasswordHash is not null;
    }
    #endregion

    /// <summary>Stands for the app's own user table.</summary>
    public sealed class AppUsers
    {
        public Task<AppUser?> FindByIdAsync(string id, CancellationToken cancellationToken) => Task.FromResult<AppUser?>(null);
    }

    /// <summary>Stands for a user of the app.</summary>
    public sealed record AppUser(string Id, string DisplayName, string? PasswordHash, bool IsLockedOut);
}
