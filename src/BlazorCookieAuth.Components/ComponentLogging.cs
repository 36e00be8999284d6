using Microsoft.Extensions.Logging;

namespace BlazorCookieAuth;

/// <summary>
/// The events logged by the components, which run on the server and in WebAssembly: ids 100 to 199, as each package
/// of the kit numbers its events in a range of its own.
/// </summary>
internal static partial class ComponentLogging
{
    [LoggerMessage(101, LogLevel.Error,
        "The login page {LoginPath} requires a login itself, so a component on it did not redirect to it again. Put @attribute [AllowAnonymous] on the login page.",
        EventName = "LoginPageRequiresLogin")]
    public static partial void LoginPageRequiresLogin(this ILogger logger, string loginPath);

    [LoggerMessage(102, LogLevel.Information,
        "The login ended while a WebAssembly page showed it: {Reason}. The page's components now see an anonymous user.",
        EventName = "ClientLoginEnded")]
    public static partial void ClientLoginEnded(this ILogger logger, string reason);

    [LoggerMessage(103, LogLevel.Warning,
        "Asking the server whether the login still holds failed ({Failure}); the page's components now see an anonymous user, as a check that can't be made can't vouch for the login.",
        EventName = "ClientSessionCheckFailed")]
    public static partial void ClientSessionCheckFailed(this ILogger logger, string failure);

    [LoggerMessage(104, LogLevel.Warning,
        "The kit's script for WebAssembly pages didn't load ({Failure}): a logout in another tab reaches this page at its next interval check instead of at once.",
        EventName = "ClientScriptNotLoaded")]
    public static partial void ClientScriptNotLoaded(this ILogger logger, string failure);
}
