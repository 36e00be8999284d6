using Microsoft.Extensions.Logging;

namespace BlazorCookieAuth.EntityFrameworkCore;

internal static partial class LoggingExtensions
{
    [LoggerMessage(201, LogLevel.Error,
        "{Context} lacks the BlazorCookieAuth tables {Tables}, so every login will fail. Add a migration (dotnet ef migrations add BlazorCookieAuthSessions) and apply it before the app starts.",
        EventName = "SessionTableMissing")]
    public static partial void SessionTableMissing(this ILogger logger, string context, string tables);

    [LoggerMessage(202, LogLevel.Error,
        "{Context}'s table {Table} lacks the columns {Columns}, so every login will fail. Add a migration (dotnet ef migrations add BlazorCookieAuthSessionColumns) and apply it before the app starts.",
        EventName = "SessionColumnMissing")]
    public static partial void SessionColumnMissing(this ILogger logger, string context, string table, string columns);
}
