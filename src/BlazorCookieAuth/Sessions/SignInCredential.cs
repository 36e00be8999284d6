namespace BlazorCookieAuth.Sessions;

/// <summary>
/// A credential other than the password that a sign-in checked, such as a passkey: the name its session keeps
/// (<see cref="AuthSessionRecord.Credential"/>), and a check, run once the session is stored, that the credential still
/// exists. A credential removed while its sign-in was on the way ends the new session at once, and the sign-in is
/// refused as one with a changed credential.
/// </summary>
/// <param name="Name">What <see cref="AuthSessionRecord.Credential"/> holds, at most <see cref="AuthSessionRecord.MaxCredentialLength"/> characters.</param>
/// <param name="StillExistsAsync">Whether the credential is still the user's, asked of its own store.</param>
internal sealed record SignInCredential(string Name, Func<CancellationToken, Task<bool>> StillExistsAsync);
