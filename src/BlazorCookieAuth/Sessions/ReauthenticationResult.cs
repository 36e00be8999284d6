namespace BlazorCookieAuth;

/// <summary>What <see cref="IAuthSession.ReauthenticateAsync"/> found.</summary>
public enum ReauthenticationStatus
{
    /// <summary>The password was right: the login is fresh and has a new session id and cookie.</summary>
    Succeeded,

    /// <summary>The password was wrong. The failure counted against the login limits.</summary>
    WrongPassword,

    /// <summary>Too many failures: the password was not checked. Wait <see cref="ReauthenticationResult.RetryAfter"/>.</summary>
    TooManyAttempts,

    /// <summary>The session store can't be reached right now; nothing changed. Try again in a moment.</summary>
    Unavailable,
}

/// <summary>The outcome of <see cref="IAuthSession.ReauthenticateAsync"/>.</summary>
/// <param name="status">What happened.</param>
/// <param name="retryAfter">With <see cref="ReauthenticationStatus.TooManyAttempts"/>, how long to wait.</param>
public sealed class ReauthenticationResult(ReauthenticationStatus status, TimeSpan? retryAfter = null)
{
    /// <summary>What happened.</summary>
    public ReauthenticationStatus Status { get; } = status;

    /// <summary>With <see cref="ReauthenticationStatus.TooManyAttempts"/>, how long to wait; else <see langword="null"/>.</summary>
    public TimeSpan? RetryAfter { get; } = retryAfter;

    /// <summary>Whether the password was right.</summary>
    public bool Succeeded => Status == ReauthenticationStatus.Succeeded;
}
