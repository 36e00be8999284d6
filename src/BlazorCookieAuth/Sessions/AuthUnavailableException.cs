namespace BlazorCookieAuth;

/// <summary>
/// A login, logout or session change could not be completed because the session store (or the Data Protection key
/// ring) can't be reached right now, for example while a database or Redis is down. Nothing was half done: a login
/// that fails leaves the browser as it was. The kit's login endpoint answers it with a "try again in a moment"
/// message; code that calls <see cref="IAuthSession"/> or <see cref="IAuthSessionManager"/> itself can do the same.
/// </summary>
public sealed class AuthUnavailableException : Exception
{
    /// <summary>Creates the exception with a default message.</summary>
    public AuthUnavailableException()
        : base("The session store can't be reached right now.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What could not be done.</param>
    public AuthUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the failure behind it.</summary>
    /// <param name="message">What could not be done.</param>
    /// <param name="innerException">The store's or key ring's own exception.</param>
    public AuthUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
