using BlazorCookieAuth.Passkeys;

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

    /// <summary>Stands for the app's loader of the user a passkey signs in.</summary>
    public sealed class MyPasskeyUserLoader : IPasskeyUserLoader
    {
        public Task<AuthUser?> LoadUserAsync(string authId, CancellationToken cancellationToken) =>
            Task.FromResult<AuthUser?>(new AuthUser(authId));
    }
}
