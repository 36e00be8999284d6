using System.Security.Cryptography;
using BlazorCookieAuth.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace BlazorCookieAuth.Sessions;

/// <summary>
/// The opaque handles that stand for sessions in a page (<see cref="AuthSessionRecord.Handle"/>): the session id and
/// its user, protected with Data Protection under a purpose of their own and good for <see cref="Lifetime"/>. A handle
/// reveals nothing, can't be forged or moved to another user, and is never a token: it can only name a session of its
/// own user to end.
/// </summary>
internal sealed class SessionHandles
{
    /// <summary>How long a handle can be posted back: a sessions page left open longer is reloaded first.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    private const char Separator = '\n';

    private readonly ITimeLimitedDataProtector _protector;

    public SessionHandles(IDataProtectionProvider dataProtection, IOptionsMonitor<BlazorCookieAuthOptions> options, BlazorCookieAuthScheme scheme)
    {
        _protector = dataProtection
            .CreateProtector(options.Get(scheme.Name).Purpose, scheme.Name, "session-handle")
            .ToTimeLimitedDataProtector();
    }

    /// <summary>A new handle for <paramref name="session"/>; each call gives a different one.</summary>
    public string Create(AuthSessionRecord session) =>
        _protector.Protect(session.AuthId + Separator + session.SessionId, Lifetime);

    /// <summary>The session id a handle of <paramref name="authId"/>'s stands for, or <see langword="null"/>.</summary>
    /// <returns><see langword="null"/> for a handle that is damaged, forged, expired, or another user's.</returns>
    public string? TryRead(string handle, string authId)
    {
        string payload;
        try
        {
            payload = _protector.Unprotect(handle);
        }
        catch (CryptographicException)
        {
            return null;
        }
        catch (FormatException)
        {
            return null;
        }

        var separator = payload.IndexOf(Separator, StringComparison.Ordinal);
        return separator > 0 && payload.AsSpan(0, separator).SequenceEqual(authId) ? payload[(separator + 1)..] : null;
    }
}
