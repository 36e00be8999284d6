using Microsoft.Extensions.Logging;

namespace BlazorCookieAuth.EntityFrameworkCore;

internal static partial class LoggingExtensions
{
    [LoggerMessage(1, LogLevel.Error,
        "The BlazorCookieAuth sessions table of {Context} is missing from the database, so every login will fail. " +
        "Add a migration for it (dotnet ef migrations add BlazorCookieAuthSessions) and apply it before the app starts.",
        EventName = "SessionTableMissing")]
    public static partial void SessionTableMissing(this ILogger logger, string context);
}
