namespace BlazorCookieAuth.Passkeys;

/// <summary>
/// Keeps users' passkeys and their WebAuthn user handles. Every method is safe to call concurrently, and each change
/// is atomic: two registrations of one credential id leave one passkey, and two sign-ins with one counter value record
/// one. Registered as a singleton.
/// </summary>
public interface IPasskeyStore
{
    /// <summary>Adds a passkey, unless a passkey with its credential id exists already, for any user.</summary>
    /// <param name="passkey">The passkey to add.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="false"/> when the credential id is taken, and nothing was added.</returns>
    Task<bool> AddAsync(StoredPasskey passkey, CancellationToken cancellationToken = default);

    /// <summary>Finds a passkey by its credential id, whoever it belongs to.</summary>
    /// <param name="credentialId">The credential id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The passkey, or <see langword="null"/>.</returns>
    Task<StoredPasskey?> FindAsync(byte[] credentialId, CancellationToken cancellationToken = default);

    /// <summary>Lists a user's passkeys, oldest first.</summary>
    /// <param name="authId">The user's auth id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The user's passkeys; empty when there are none.</returns>
    Task<IReadOnlyList<StoredPasskey>> ListAsync(string authId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records a sign-in: the new signature counter, backup state and time, only while the stored counter is still
    /// <paramref name="expectedSignCount"/>, the one the sign-in was verified against.
    /// </summary>
    /// <param name="credentialId">The credential id.</param>
    /// <param name="expectedSignCount">The counter the assertion was checked against.</param>
    /// <param name="signCount">The counter the authenticator reported.</param>
    /// <param name="isBackedUp">The backup state the authenticator reported.</param>
    /// <param name="usedAt">When the sign-in happened.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>
    /// <see langword="false"/> when the passkey is gone, or its counter moved meanwhile (another sign-in with the
    /// same counter won); the sign-in must then be refused.
    /// </returns>
    Task<bool> RecordSignInAsync(byte[] credentialId, uint expectedSignCount, uint signCount, bool isBackedUp, DateTimeOffset usedAt, CancellationToken cancellationToken = default);

    /// <summary>Renames one of a user's passkeys.</summary>
    /// <param name="authId">The auth id of the user who owns the passkey.</param>
    /// <param name="credentialId">The credential id.</param>
    /// <param name="name">The new name, at most <see cref="StoredPasskey.MaxNameLength"/> characters.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="false"/> when the user has no such passkey.</returns>
    Task<bool> RenameAsync(string authId, byte[] credentialId, string name, CancellationToken cancellationToken = default);

    /// <summary>Removes one of a user's passkeys.</summary>
    /// <param name="authId">The auth id of the user who owns the passkey.</param>
    /// <param name="credentialId">The credential id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="false"/> when the user has no such passkey.</returns>
    Task<bool> RemoveAsync(string authId, byte[] credentialId, CancellationToken cancellationToken = default);

    /// <summary>
    /// The user's WebAuthn user handle, made from <paramref name="newHandle"/> the first time it is asked for and the
    /// same ever after: a random value with nothing of the user in it, which authenticators keep with the passkey and
    /// send back at sign-in.
    /// </summary>
    /// <param name="authId">The user's auth id.</param>
    /// <param name="newHandle">The handle to keep when the user has none yet; 64 bytes at most.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The user's handle: the one kept before, or <paramref name="newHandle"/>.</returns>
    Task<byte[]> GetOrAddUserHandleAsync(string authId, byte[] newHandle, CancellationToken cancellationToken = default);

    /// <summary>Finds the user a WebAuthn user handle was given to.</summary>
    /// <param name="userHandle">The user handle an authenticator sent.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The user's auth id, or <see langword="null"/>.</returns>
    Task<string?> FindAuthIdAsync(byte[] userHandle, CancellationToken cancellationToken = default);

    /// <summary>
    /// Marks a ceremony's challenge used, once for all servers sharing the store: the second answer to one challenge,
    /// on this server or another, is refused even with a copy of the browser's challenge cookie.
    /// </summary>
    /// <param name="challengeId">The challenge's id: 16 random bytes, base64url-encoded (22 characters).</param>
    /// <param name="expiresAt">When the challenge expires. The store may forget the id after that, since an expired challenge is refused anyway.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>
    /// <see langword="true"/> the first time an id is used; <see langword="false"/> every later time before it
    /// expires, and when the store can't take more ids: the answer must then be refused.
    /// </returns>
    Task<bool> TryUseChallengeAsync(string challengeId, DateTimeOffset expiresAt, CancellationToken cancellationToken = default);
}
