using System.Security.Claims;
using Bunit;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorCookieAuth.Testing;

/// <summary>
/// Sets who is signed in for the components of a bUnit test. Returned by
/// <see cref="BunitBlazorCookieAuthExtensions.AddBlazorCookieAuth"/>. Every change reaches rendered
/// components at once, as a logout or revalidation does in a live circuit.
/// </summary>
public sealed class BunitBlazorCookieAuthContext
{
    internal static readonly Task<AuthenticationState> AnonymousState =
        Task.FromResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity())));

    private readonly BunitServiceProvider _services;

    internal BunitBlazorCookieAuthContext(BunitServiceProvider services, BlazorCookieAuthBuilder builder)
    {
        _services = services;
        Builder = builder;
    }

    /// <summary>
    /// The kit's builder, for its optional parts before the first render, such as
    /// <see cref="BlazorCookieAuthBuilder.AddUserLoader{TUser, TLoader}"/>.
    /// </summary>
    public BlazorCookieAuthBuilder Builder { get; }

    /// <summary>The signed-in user, or <see cref="AuthUser.Anonymous"/>.</summary>
    public AuthUser User { get; private set; } = AuthUser.Anonymous;

    /// <summary>
    /// Signs in <paramref name="authId"/> with a real login session: a session is started in the session store, so
    /// the user has a session id, expiry and credential time like one read from a cookie.
    /// </summary>
    /// <param name="authId">The auth id.</param>
    /// <param name="name">An optional display name (the <see cref="ClaimTypes.Name"/> claim).</param>
    /// <param name="roles">Roles the user is in.</param>
    /// <returns>The signed-in user.</returns>
    public AuthUser SetUser(string authId, string? name = null, params string[] roles)
    {
        ArgumentNullException.ThrowIfNull(roles);
        var claims = new List<Claim>();
        if (name is not null)
        {
            claims.Add(new Claim(ClaimTypes.Name, name));
        }

        claims.AddRange(roles.Select(role => new Claim(ClaimTypes.Role, role)));
        return SetUser(new AuthUser(authId, claims));
    }

    /// <summary>Signs in <paramref name="user"/> with a real login session, as <see cref="SetUser(string, string?, string[])"/> does.</summary>
    /// <param name="user">The user to sign in; must be authenticated.</param>
    /// <returns>The signed-in user, with its session id and expiry.</returns>
    public AuthUser SetUser(AuthUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.AuthId is not { } authId)
        {
            throw new ArgumentException("Can't sign in an anonymous user; call SetAnonymous instead.", nameof(user));
        }

        // A real session in the store, as a token's login makes; the default store answers at once. The new session
        // is the one the user didn't have before. The user loader is left to the components under test, as it is in
        // a circuit.
        var sessions = _services.GetRequiredService<IAuthSessionManager>();
        var before = sessions.ListSessionsAsync(authId).GetAwaiter().GetResult().Select(s => s.SessionId).ToHashSet(StringComparer.Ordinal);
        _services.GetRequiredService<IAuthTokenService>().CreateTokenAsync(user).GetAwaiter().GetResult();
        var session = sessions.ListSessionsAsync(authId).GetAwaiter().GetResult().Single(s => !before.Contains(s.SessionId));
        var signedIn = new AuthUser(authId, user.Claims)
        {
            SessionId = session.SessionId,
            IssuedAt = session.CreatedAt,
            ExpiresAt = session.ExpiresAt,
            IsPersistent = session.IsPersistent,
            AuthenticatedAt = session.AuthenticatedAt,
        };

        User = signedIn;
        SetState(Task.FromResult(new AuthenticationState(signedIn.ToClaimsPrincipal())));
        return signedIn;
    }

    /// <summary>Makes the user anonymous, as a logout does.</summary>
    public void SetAnonymous()
    {
        User = AuthUser.Anonymous;
        SetState(AnonymousState);
    }

    /// <summary>
    /// Leaves the authentication state unresolved, so components show their <c>Authorizing</c> content,
    /// until <see cref="SetUser(AuthUser)"/> or <see cref="SetAnonymous"/> is called.
    /// </summary>
    public void SetAuthorizing()
    {
        User = AuthUser.Anonymous;
        SetState(new TaskCompletionSource<AuthenticationState>(TaskCreationOptions.RunContinuationsAsynchronously).Task);
    }

    private void SetState(Task<AuthenticationState> state)
    {
        var provider = (IHostEnvironmentAuthenticationStateProvider)_services.GetRequiredService<AuthenticationStateProvider>();
        provider.SetAuthenticationState(state);
    }
}
