namespace BlazorCookieAuth.Sessions;

/// <summary>Why sessions ended, as the kit's metrics count them.</summary>
internal enum SessionEndReason
{
    /// <summary>The user logged out.</summary>
    Logout,

    /// <summary>The user logged out everywhere: every session of theirs ended.</summary>
    LogoutEverywhere,

    /// <summary>A new login in the same browser took its place.</summary>
    Replaced,

    /// <summary>The app ended it through <see cref="IAuthSessionManager"/>.</summary>
    EndedByApp,

    /// <summary>A new login pushed the user over <see cref="BlazorCookieAuthOptions.MaxSessionsPerUser"/>, and this was among the oldest.</summary>
    SessionLimit,

    /// <summary>The user's credentials changed after the session's were checked (<c>CredentialsChangedAsync</c>).</summary>
    CredentialsChanged,

    /// <summary>Its lifetime or idle timeout ran out, and the kit's cleanup removed it from the store.</summary>
    Expired,
}
