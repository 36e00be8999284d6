using Microsoft.Extensions.Logging;

namespace BlazorCookieAuth.Redis;

internal static partial class LoggingExtensions
{
    [LoggerMessage(301, LogLevel.Warning,
        "Subscribing to BlazorCookieAuth's end-of-session notices on Redis failed; this server asks Redis on every request until the subscription is back.",
        EventName = "NoticesSubscriptionFailed")]
    public static partial void NoticesSubscriptionFailed(this ILogger logger, Exception exception);
}
