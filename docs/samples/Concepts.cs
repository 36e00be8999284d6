using System.Security.Claims;

namespace BlazorCookieAuth.DocSamples;

/// <summary>The code of docs/concepts.md.</summary>
public static class Concepts
{
    public static void ReadTheUser(WebApplication app)
    {
        #region read-the-user
        app.MapGet("/api/whoami", (HttpContext context, ICurrentUser currentUser) => new
        {
            // The auth id is the NameIdentifier claim; ICurrentUser reads the same principal.
            AuthId = context.User.FindFirstValue(ClaimTypes.NameIdentifier),
            Name = currentUser.User.DisplayName,
            Roles = context.User.FindAll(ClaimTypes.Role).Select(c => c.Value),
            currentUser.User.ExpiresAt,
            Remembered = currentUser.User.IsPersistent,
        }).RequireAuthorization();
        #endregion
    }

    public static void LoginFromCode(WebApplication app)
    {
        #region login-from-code
        // After the app has proved who the user is (here: a sign-up form it just saved), log them in.
        app.MapPost("/signup/done", async (HttpContext context, IAuthSession session) =>
        {
            var userId = context.Items["NewUserId"] as string ?? throw new InvalidOperationException("No new user.");
            await session.LoginAsync(new AuthUser(userId, [new Claim(ClaimTypes.Name, "New user")]), remember: false);
            return Results.LocalRedirect("~/");
        });
        #endregion
    }

    public static async Task EndSessions(IAuthSessionManager sessionManager, ICurrentUser currentUser, string handle, string userId)
    {
        #region end-sessions
        var sessions = await sessionManager.ListSessionsAsync(currentUser.AuthId!);   // each with a Handle for the page
        await sessionManager.EndSessionByHandleAsync(currentUser.AuthId!, handle);     // the handle the page posted back
        await sessionManager.EndAllSessionsAsync(currentUser.AuthId!, exceptSessionId: currentUser.User.SessionId);
        await sessionManager.CredentialsChangedAsync(userId);                          // a deleted user, a reset password
        #endregion
        _ = sessions;
    }

    public static void Renew(WebApplication app)
    {
        #region renew
        // A fresh lifetime for the current session, from now: same session id, same "remember me".
        app.MapPost("/account/stay-signed-in", async (IAuthSession session) =>
        {
            await session.RenewAsync();
            return Results.LocalRedirect("~/account");
        }).RequireAuthorization();
        #endregion
    }
}
