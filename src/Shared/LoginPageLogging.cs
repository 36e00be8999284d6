using Microsoft.Extensions.Logging;

namespace BlazorCookieAuth;

/// <summary>
/// The event both packages log when they find the login page requiring a login: the server's challenge, and the
/// components' redirect to log in. Its id is in the sequence shared by both packages' events.
/// </summary>
internal static partial class LoginPageLogging
{
    [LoggerMessage(25, LogLevel.Error,
        "The login page {LoginPath} requires a login itself, so it was not shown: it would send the browser back to itself again and again. Put @attribute [AllowAnonymous] on the login page (an @attribute [Authorize] in _Imports.razor, or a fallback authorization policy, reaches it too).",
        EventName = "LoginPageRequiresLogin")]
    public static partial void LoginPageRequiresLogin(this ILogger logger, string loginPath);
}
