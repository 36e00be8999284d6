namespace BlazorCookieAuth.Passkeys.Ceremonies;

/// <summary>The two WebAuthn ceremonies; a challenge made for one is no good for the other.</summary>
internal enum PasskeyCeremony
{
    /// <summary>Signing in with a passkey (<c>navigator.credentials.get</c>).</summary>
    SignIn,

    /// <summary>Registering a new passkey (<c>navigator.credentials.create</c>).</summary>
    Registration,
}
