using Microsoft.Extensions.Logging;

namespace BlazorCookieAuth;

/// <summary>
/// The events logged by the components, which run on the server and in WebAssembly. The ids share one sequence with
/// the server package's; the event both log is in <see cref="LoginPageLogging"/>.
/// </summary>
internal static partial class ComponentLogging
{
    [LoggerMessage(44, LogLevel.Information,
        "The login ended while a WebAssembly page showed it: {Reason}. The page's components now see an anonymous user.",
        EventName = "ClientLoginEnded")]
    public static partial void ClientLoginEnded(this ILogger logger, string reason);

    [LoggerMessage(45, LogLevel.Warning,
        "Asking the server whether the login still holds failed ({Failure}); the page's components now see an anonymous user, as a check that can't be made can't vouch for the login.",
        EventName = "ClientSessionCheckFailed")]
    public static partial void ClientSessionCheckFailed(this ILogger logger, string failure);

    [LoggerMessage(46, LogLevel.Warning,
        "The kit's script for WebAssembly pages didn't load ({Failure}): a logout in another tab reaches this page at its next interval check instead of at once.",
        EventName = "ClientScriptNotLoaded")]
    public static partial void ClientScriptNotLoaded(this ILogger logger, string failure);
}
