namespace BlazorCookieAuth;

/// <summary>
/// Thrown by <see cref="IAuthSessionStore.CreateAsync"/> when the new session's credentials were checked before the
/// user's credentials changed (<see cref="IAuthSessionStore.SetCredentialsValidFromAsync"/>): the login read a password
/// or passkey that no longer holds. The kit answers such a login as it answers wrong credentials.
/// </summary>
public sealed class CredentialsChangedException : Exception
{
    /// <summary>Creates the exception with a message.</summary>
    public CredentialsChangedException()
        : base("The user's credentials changed after this login checked them, so the login can't start a session.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What happened.</param>
    public CredentialsChangedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">What happened.</param>
    /// <param name="innerException">The cause.</param>
    public CredentialsChangedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
