namespace BlazorCookieAuth.DocSamples;

/// <summary>The code of docs/endpoints.md.</summary>
public static class Endpoints
{
    public static async Task FromYourOwnCode(IAuthSession authSession)
    {
        #region auth-session
        await authSession.LoginAsync(new AuthUser("42"), remember: true);
        await authSession.LogoutAsync();             // ends this session
        await authSession.LogoutEverywhereAsync();   // ends every session of the user, on every device
        await authSession.RenewAsync();              // a fresh lifetime for this session
        #endregion
    }

    public static void ReauthenticationPage(WebApplicationBuilder builder)
    {
        #region reauthentication-path
        builder.Services.AddBlazorCookieAuth(o => o.ReauthenticationPath = "/reauthenticate")
            .AddCredentialValidator<UserCredentialValidator>();
        #endregion
    }

    public static async Task<int> AfterAPasswordChange(IAuthSession authSession)
    {
        #region credentials-changed
        var othersSignedOut = await authSession.CredentialsChangedAsync();
        #endregion
        return othersSignedOut;
    }
}
