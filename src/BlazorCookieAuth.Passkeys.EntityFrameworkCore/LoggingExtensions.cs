using Microsoft.Extensions.Logging;

namespace BlazorCookieAuth.Passkeys.EntityFrameworkCore;

internal static partial class LoggingExtensions
{
    [LoggerMessage(501, LogLevel.Error,
        "{Context} lacks the BlazorCookieAuth passkey tables {Tables}, so passkeys will fail. Add a migration (dotnet ef migrations add BlazorCookieAuthPasskeys) and apply it before the app starts.",
        EventName = "PasskeyTableMissing")]
    public static partial void PasskeyTableMissing(this ILogger logger, string context, string tables);
}
