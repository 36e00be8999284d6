namespace BlazorCookieAuth.Demo.Users;

/// <summary>The demo's log messages.</summary>
internal static partial class LoggingExtensions
{
    [LoggerMessage(1, LogLevel.Information, "Created the demo account '{UserName}'.")]
    public static partial void DemoAccountCreated(this ILogger logger, string userName);
}
