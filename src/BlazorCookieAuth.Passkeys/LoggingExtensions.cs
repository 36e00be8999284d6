using Fido2NetLib;
using Fido2NetLib.Exceptions;
using Microsoft.Extensions.Logging;

namespace BlazorCookieAuth.Passkeys;

internal static partial class LoggingExtensions
{
    [LoggerMessage(401, LogLevel.Warning,
        "A passkey of user {AuthId} reported signature counter {SignCount}, not more than the {StoredSignCount} recorded: the authenticator may have been cloned, so the sign-in was refused.",
        EventName = "PasskeySignCountWentBack")]
    public static partial void PasskeySignCountWentBack(this ILogger logger, string authId, uint signCount, uint storedSignCount);

    [LoggerMessage(402, LogLevel.Information, "A passkey sign-in was refused: {Reason}.", EventName = "PasskeySignInRefused")]
    public static partial void PasskeySignInRefused(this ILogger logger, string reason);

    [LoggerMessage(403, LogLevel.Information,
        "A passkey answer came without a good challenge: none, another browser's, expired, or used before ({Ceremony}).",
        EventName = "PasskeyChallengeRefused")]
    public static partial void PasskeyChallengeRefused(this ILogger logger, string ceremony);

    [LoggerMessage(404, LogLevel.Information, "User {AuthId} registered a passkey.", EventName = "PasskeyRegistered")]
    public static partial void PasskeyRegistered(this ILogger logger, string authId);

    [LoggerMessage(405, LogLevel.Information, "A passkey registration of user {AuthId} was refused: {Code}.", EventName = "PasskeyRegistrationRefused")]
    public static partial void PasskeyRegistrationRefused(this ILogger logger, string authId, Fido2ErrorCode code);

    [LoggerMessage(406, LogLevel.Information, "User {AuthId} removed a passkey; the {Ended} other sessions it started were ended.", EventName = "PasskeyRemoved")]
    public static partial void PasskeyRemoved(this ILogger logger, string authId, int ended);

    [LoggerMessage(407, LogLevel.Warning,
        "User {AuthId} removed a passkey, but the session store can't be reached, so the sessions it started were not ended; the user was asked to end them once the site answers again.",
        EventName = "PasskeyRemovedSessionsKept")]
    public static partial void PasskeyRemovedSessionsKept(this ILogger logger, string authId);
}
