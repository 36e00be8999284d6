namespace BlazorCookieAuth.Endpoints;

/// <summary>Which of <see cref="LoginRateLimiter"/>'s limits refused a login request.</summary>
internal enum LoginRateLimit
{
    /// <summary><see cref="BlazorCookieAuthDefaults.LoginRateLimiterPolicy"/>: login requests per client.</summary>
    RequestsPerClient,

    /// <summary><see cref="BlazorCookieAuthOptions.LoginFailureLimit"/>: failed logins per client and username.</summary>
    FailuresPerUsername,

    /// <summary><see cref="BlazorCookieAuthOptions.AccountFailureLimit"/>: failed logins per account, from all clients.</summary>
    FailuresPerAccount,
}
