using BlazorCookieAuth.Endpoints;

namespace BlazorCookieAuth;

/// <summary>
/// The wording of each failure the kit reports in more than one place, so a developer meets one message per mistake
/// whichever API they called.
/// </summary>
internal static class KitErrors
{
    /// <summary>A login, token or test user was asked for with no auth id.</summary>
    public const string AnonymousUser =
        "Can't log in an anonymous user: create the user with an auth id, such as new AuthUser(\"42\"), or a principal with a NameIdentifier claim.";

    /// <summary>A renewal was asked for on a request without a live login.</summary>
    public const string RenewWithoutLogin =
        "RenewAsync needs a signed-in user, but this request is anonymous or its session has ended. Call LoginAsync instead.";

    public const string ReauthenticateWithoutLogin =
        "ReauthenticateAsync needs a signed-in user, but this request is anonymous or its session has ended. Send the user to the login page instead.";

    public const string CredentialsChangedWithoutLogin =
        "IAuthSession.CredentialsChangedAsync needs a signed-in user, but this request is anonymous or its session has ended. " +
        "To end every session of a user from anywhere else, call IAuthSessionManager.CredentialsChangedAsync(authId).";

    /// <summary>Where a login or logout can write its cookie, for messages about a place where it can't.</summary>
    public static string WhereCookiesCanBeWritten(AuthEndpointPaths paths) =>
        $"Log in and out from an HTTP endpoint (such as POST {paths.LoginRoute} and {paths.LogoutRoute}, mapped by MapBlazorCookieAuth) " +
        "or from a static-SSR page (no render mode) before it starts rendering, then navigate there with forceLoad: true.";
}
