using System.Diagnostics;
using System.Diagnostics.Metrics;
using BlazorCookieAuth.Endpoints;
using BlazorCookieAuth.Sessions;
using BlazorCookieAuth.Tokens;

namespace BlazorCookieAuth.Diagnostics;

/// <summary>
/// The kit's meter and activity source, both named after the package (<see cref="BlazorCookieAuthDiagnostics"/>):
/// logins, logouts, ended sessions, refused tokens, rate-limited requests and signed-in circuits as counts, and logins,
/// logouts and token checks as spans. Tags carry outcomes and reasons from small fixed sets, never a token, password,
/// username, auth id or session id. Every measurement has at most one tag, passed without a tag list, so with no
/// listener recording allocates nothing; spans are only created when something listens.
/// </summary>
internal sealed class AuthTelemetry : IDisposable
{
    public const string Logins = "blazorcookieauth.logins";
    public const string Logouts = "blazorcookieauth.logouts";
    public const string EndedSessions = "blazorcookieauth.ended_sessions";
    public const string RefusedTokens = "blazorcookieauth.refused_tokens";
    public const string RateLimitedRequests = "blazorcookieauth.rate_limited_requests";
    public const string AuthenticatedCircuits = "blazorcookieauth.authenticated_circuits";

    public const string LoginSpan = "blazorcookieauth.login";
    public const string LogoutSpan = "blazorcookieauth.logout";
    public const string AuthenticateSpan = "blazorcookieauth.authenticate";

    public const string LoginResultTag = "blazorcookieauth.login.result";
    public const string LogoutEverywhereTag = "blazorcookieauth.logout.everywhere";
    public const string LogoutEndedSessionsTag = "blazorcookieauth.logout.ended_sessions";
    public const string SessionEndReasonTag = "blazorcookieauth.session.end_reason";
    public const string TokenSourceTag = "blazorcookieauth.token.source";
    public const string TokenRefusalReasonTag = "blazorcookieauth.token.refusal_reason";
    public const string RateLimitTag = "blazorcookieauth.rate_limit";

    /// <summary>OpenTelemetry's attribute for the kind of error that failed an operation: here, an exception's type.</summary>
    public const string ErrorTypeTag = "error.type";

    /// <summary>Boxed once, so a bool tag allocates nothing.</summary>
    private static readonly object True = true;
    private static readonly object False = false;

    private readonly Counter<long> _logins;
    private readonly Counter<long> _logouts;
    private readonly Counter<long> _endedSessions;
    private readonly Counter<long> _refusedTokens;
    private readonly Counter<long> _rateLimitedRequests;
    private readonly UpDownCounter<long> _authenticatedCircuits;
    private readonly ActivitySource _activitySource = new(BlazorCookieAuthDiagnostics.ActivitySourceName);

    public AuthTelemetry(IMeterFactory meterFactory)
    {
        // The factory owns the meter and disposes it with the app's services.
        var meter = meterFactory.Create(BlazorCookieAuthDiagnostics.MeterName);
        _logins = meter.CreateCounter<long>(
            Logins, "{login}", "Logins: succeeded (a session started for a user who proved who they are) or failed (credentials not accepted).");
        _logouts = meter.CreateCounter<long>(
            Logouts, "{logout}", "Logouts of signed-in requests, of this session or of every session of the user (everywhere).");
        _endedSessions = meter.CreateCounter<long>(
            EndedSessions, "{session}", "Login sessions ended, by reason.");
        _refusedTokens = meter.CreateCounter<long>(
            RefusedTokens, "{token}", "Tokens (cookies or bearer tokens) refused, by reason.");
        _rateLimitedRequests = meter.CreateCounter<long>(
            RateLimitedRequests, "{request}", "Login requests refused with 429 by a rate limit, by limit.");
        _authenticatedCircuits = meter.CreateUpDownCounter<long>(
            AuthenticatedCircuits, "{circuit}", "Interactive circuits signed in with a live login session.");
    }

    public void LoginSucceeded() => _logins.Add(1, new KeyValuePair<string, object?>(LoginResultTag, "succeeded"));

    public void LoginFailed() => _logins.Add(1, new KeyValuePair<string, object?>(LoginResultTag, "failed"));

    public void LoggedOut(bool everywhere) => _logouts.Add(1, new KeyValuePair<string, object?>(LogoutEverywhereTag, everywhere ? True : False));

    public void SessionsEnded(SessionEndReason reason, int count)
    {
        if (count > 0)
        {
            _endedSessions.Add(count, new KeyValuePair<string, object?>(SessionEndReasonTag, TagValue(reason)));
        }
    }

    public void TokenRefused(AuthTokenRejection rejection) =>
        _refusedTokens.Add(1, new KeyValuePair<string, object?>(TokenRefusalReasonTag, TagValue(rejection)));

    public void RateLimited(LoginRateLimit limit) =>
        _rateLimitedRequests.Add(1, new KeyValuePair<string, object?>(RateLimitTag, TagValue(limit)));

    public void AuthenticatedCircuitAdded() => _authenticatedCircuits.Add(1);

    public void AuthenticatedCircuitRemoved() => _authenticatedCircuits.Add(-1);

    /// <summary>
    /// Starts the span of a login attempt, or returns <see langword="null"/> inside one already running: the login
    /// endpoint's span covers the <see cref="IAuthSession.LoginAsync"/> it calls.
    /// </summary>
    public Activity? StartLogin() =>
        Activity.Current is { OperationName: LoginSpan } current && current.Source == _activitySource
            ? null
            : _activitySource.StartActivity(LoginSpan);

    public Activity? StartLogout(bool everywhere) =>
        _activitySource.StartActivity(LogoutSpan)?.SetTag(LogoutEverywhereTag, everywhere ? True : False);

    /// <summary>Starts the span of checking the token a request came with; <paramref name="source"/> is <c>cookie</c> or <c>bearer</c>.</summary>
    public Activity? StartAuthenticate(string source) =>
        _activitySource.StartActivity(AuthenticateSpan)?.SetTag(TokenSourceTag, source);

    /// <summary>Tags how a login attempt ended; anything but success marks the span as an error.</summary>
    public static void SetLoginResult(Activity? activity, LoginResult result)
    {
        if (activity is null)
        {
            return;
        }

        var value = TagValue(result);
        activity.SetTag(LoginResultTag, value);
        if (result != LoginResult.Succeeded)
        {
            activity.SetStatus(ActivityStatusCode.Error, value);
        }
    }

    /// <summary>Tags why a token was refused, and marks the span as an error.</summary>
    public static void SetTokenRefused(Activity? activity, AuthTokenRejection rejection)
    {
        if (activity is null)
        {
            return;
        }

        var value = TagValue(rejection);
        activity.SetTag(TokenRefusalReasonTag, value);
        activity.SetStatus(ActivityStatusCode.Error, value);
    }

    /// <summary>
    /// Marks the span as failed by <paramref name="exception"/>, tagged with its type only: a message may carry what
    /// the user typed.
    /// </summary>
    public static void SetException(Activity? activity, Exception exception) =>
        activity?.SetTag(ErrorTypeTag, exception.GetType().FullName).SetStatus(ActivityStatusCode.Error);

    public void Dispose() => _activitySource.Dispose();

    private static string TagValue(LoginResult result) => result switch
    {
        LoginResult.Succeeded => "succeeded",
        LoginResult.Failed => "failed",
        LoginResult.RateLimited => "rate_limited",
        LoginResult.Antiforgery => "antiforgery",
        LoginResult.InvalidRequest => "invalid_request",
        LoginResult.Unavailable => "unavailable",
        _ => throw new ArgumentOutOfRangeException(nameof(result), result, null),
    };

    private static string TagValue(SessionEndReason reason) => reason switch
    {
        SessionEndReason.Logout => "logout",
        SessionEndReason.LogoutEverywhere => "logout_everywhere",
        SessionEndReason.Replaced => "replaced",
        SessionEndReason.EndedByApp => "ended_by_app",
        SessionEndReason.SessionLimit => "session_limit",
        SessionEndReason.CredentialsChanged => "credentials_changed",
        SessionEndReason.Expired => "expired",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, null),
    };

    private static string TagValue(AuthTokenRejection rejection) => rejection switch
    {
        AuthTokenRejection.Oversize => "oversize",
        AuthTokenRejection.Malformed => "malformed",
        AuthTokenRejection.Unreadable => "unreadable",
        AuthTokenRejection.UnsupportedVersion => "unsupported_version",
        AuthTokenRejection.Expired => "expired",
        AuthTokenRejection.SessionEnded => "session_ended",
        AuthTokenRejection.UserNotFound => "user_not_found",
        AuthTokenRejection.Unavailable => "unavailable",
        AuthTokenRejection.DuplicateCookie => "duplicate_cookie",
        _ => throw new ArgumentOutOfRangeException(nameof(rejection), rejection, null),
    };

    private static string TagValue(LoginRateLimit limit) => limit switch
    {
        LoginRateLimit.RequestsPerClient => "requests_per_client",
        LoginRateLimit.FailuresPerUsername => "failures_per_username",
        LoginRateLimit.FailuresPerAccount => "failures_per_account",
        _ => throw new ArgumentOutOfRangeException(nameof(limit), limit, null),
    };
}
