using System.Globalization;
using System.Security.Claims;

namespace BlazorCookieAuth;

/// <summary>
/// The user a request or circuit is authenticated as: Quart-Auth's <c>AuthUser</c>.
/// The auth id is an opaque string chosen by the app (a user id, or better a revocable login id);
/// anything else about the user belongs in the app's own store, loaded through
/// <see cref="IAuthUserLoader{TUser}"/>. The same type serves every render mode: on the server it is read from the
/// token, in WebAssembly from the state the server wrote into the page.
/// </summary>
public sealed class AuthUser
{
    /// <summary>The anonymous user: no auth id, not authenticated.</summary>
    public static AuthUser Anonymous { get; } = new();

    /// <summary>The times as claim values, written once per user: issued, expires, authenticated.</summary>
    private string?[]? _timeTexts;

    private AuthUser()
    {
        Claims = [];
    }

    /// <summary>
    /// Creates a user to log in.
    /// </summary>
    /// <param name="authId">The app's identifier for the user. Must not be null, empty or white space.</param>
    /// <param name="claims">
    /// Optional extra claims carried in the token (for example a display name or roles). Keep them few:
    /// the token must fit in a 4 KB cookie. Claim types reserved by BlazorCookieAuth are refused.
    /// </param>
    /// <exception cref="ArgumentException"><paramref name="authId"/> is empty, or a claim type is reserved.</exception>
    public AuthUser(string authId, IEnumerable<Claim>? claims = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(authId);
        AuthId = authId;
        Claims = claims?.ToArray() ?? [];
        foreach (var claim in Claims)
        {
            if (ReservedClaimTypes.Contains(claim.Type))
            {
                throw new ArgumentException(
                    $"The claim type '{claim.Type}' is set by BlazorCookieAuth itself; pass the auth id as authId instead.",
                    nameof(claims));
            }
        }
    }

    /// <summary>The app's identifier for the user, or <see langword="null"/> when anonymous.</summary>
    public string? AuthId { get; }

    /// <summary><see langword="true"/> when the user is signed in.</summary>
    public bool IsAuthenticated => AuthId is not null;

    /// <summary>
    /// The id of the login session, or <see langword="null"/> for a user not yet logged in, and in WebAssembly, where
    /// the session id is never sent. Pass it to <c>IAuthSessionManager</c> to end the other sessions of the user but
    /// this one, or to mark this device in a list of sessions.
    /// </summary>
    /// <remarks>
    /// This and the other login details (<see cref="IssuedAt"/>, <see cref="ExpiresAt"/>, <see cref="IsPersistent"/>,
    /// <see cref="AuthenticatedAt"/>) are set by BlazorCookieAuth on the user it reads from a login. Set them to make
    /// such a user in a test; a user being logged in gets a new session, so what is set on it is ignored, but for
    /// <see cref="AuthenticatedAt"/>, which there says when the login's credential check began.
    /// </remarks>
    public string? SessionId { get; init; }

    /// <summary>When the current token was issued, or <see langword="null"/> for a user not yet logged in.</summary>
    public DateTimeOffset? IssuedAt { get; init; }

    /// <summary>When the current token expires, or <see langword="null"/> for a user not yet logged in.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary><see langword="true"/> when the login was remembered (a persistent cookie).</summary>
    public bool IsPersistent { get; init; }

    /// <summary>
    /// When the user's credentials were last checked for this login, or <see langword="null"/> when that can't
    /// vouch for the person at the keyboard: a remembered login restored after the browser was closed, or a
    /// user not yet logged in. Fresh-login checks (<c>[RequireFreshLogin]</c>,
    /// <c>&lt;RequireLogin Fresh="..."&gt;</c>) compare it with the current time.
    /// </summary>
    /// <remarks>
    /// On a user passed to <c>IAuthSession.LoginAsync</c> from the app's own login code, set it to the time just before
    /// the password hash was read: a password change after that time (<c>CredentialsChangedAsync</c>) then refuses or
    /// ends this login, even one racing the change. Left unset, the login counts as checked when its session starts.
    /// The kit's login endpoint sets it itself.
    /// </remarks>
    public DateTimeOffset? AuthenticatedAt { get; init; }

    /// <summary>
    /// The name to show for the user: the <see cref="ClaimTypes.Name"/> claim, else the auth id; empty for an
    /// anonymous user. <c>&lt;CurrentUser /&gt;</c> renders it.
    /// </summary>
    public string DisplayName => FindClaimValue(ClaimTypes.Name) ?? AuthId ?? string.Empty;

    /// <summary>The extra claims carried in the token.</summary>
    public IReadOnlyList<Claim> Claims { get; }

    /// <summary>The value of the first extra claim of <paramref name="claimType"/>, or <see langword="null"/>.</summary>
    /// <param name="claimType">The claim type to look for, for example <see cref="ClaimTypes.Name"/>.</param>
    public string? FindClaimValue(string claimType) =>
        Claims.FirstOrDefault(c => c.Type == claimType)?.Value;

    /// <summary>
    /// Makes the principal ASP.NET Core sees for this user: the auth id is the
    /// <see cref="ClaimTypes.NameIdentifier"/> claim, and <see cref="ClaimsIdentity.Name"/> is the
    /// <see cref="ClaimTypes.Name"/> claim when there is one, else the auth id.
    /// </summary>
    /// <param name="authenticationScheme">The authentication type of the identity.</param>
    /// <returns>An authenticated principal, or an anonymous one for <see cref="Anonymous"/>.</returns>
    public ClaimsPrincipal ToClaimsPrincipal(string authenticationScheme = BlazorCookieAuthDefaults.AuthenticationScheme)
    {
        if (AuthId is null)
        {
            return new ClaimsPrincipal(new ClaimsIdentity());
        }

        var nameType = ClaimTypes.NameIdentifier;
        for (var i = 0; i < Claims.Count; i++)
        {
            if (Claims[i].Type == ClaimTypes.Name)
            {
                nameType = ClaimTypes.Name;
                break;
            }
        }

        var times = Volatile.Read(ref _timeTexts);
        if (times is null)
        {
            times = [ToUnixText(IssuedAt), ToUnixText(ExpiresAt), ToUnixText(AuthenticatedAt)];
            Volatile.Write(ref _timeTexts, times);
        }

        // Claims made for their identity are added as they are; any other claim would be copied on the way in.
        var identity = new ClaimsIdentity(authenticationScheme, nameType, ClaimTypes.Role);
        AddOwnClaim(identity, ClaimTypes.NameIdentifier, AuthId, ClaimValueTypes.String);
        if (SessionId is not null)
        {
            AddOwnClaim(identity, BlazorCookieAuthClaimTypes.SessionId, SessionId, ClaimValueTypes.String);
        }

        if (times[0] is { } issuedAt)
        {
            AddOwnClaim(identity, BlazorCookieAuthClaimTypes.IssuedAt, issuedAt, ClaimValueTypes.Integer64);
        }

        if (times[1] is { } expiresAt)
        {
            AddOwnClaim(identity, BlazorCookieAuthClaimTypes.ExpiresAt, expiresAt, ClaimValueTypes.Integer64);
            AddOwnClaim(identity, BlazorCookieAuthClaimTypes.IsPersistent, IsPersistent ? "true" : "false", ClaimValueTypes.Boolean);
        }

        if (times[2] is { } authenticatedAt)
        {
            AddOwnClaim(identity, BlazorCookieAuthClaimTypes.AuthenticatedAt, authenticatedAt, ClaimValueTypes.Integer64);
        }

        for (var i = 0; i < Claims.Count; i++)
        {
            identity.AddClaim(Claims[i].Clone(identity));
        }

        return new ClaimsPrincipal(identity);
    }

    private static void AddOwnClaim(ClaimsIdentity identity, string type, string value, string valueType) =>
        identity.AddClaim(new Claim(type, value, valueType, ClaimsIdentity.DefaultIssuer, ClaimsIdentity.DefaultIssuer, identity));

    /// <summary>
    /// Reads the user back from a principal made by <see cref="ToClaimsPrincipal"/> (or any principal whose
    /// first authenticated identity has a <see cref="ClaimTypes.NameIdentifier"/> claim).
    /// </summary>
    /// <param name="principal">The principal, for example <c>HttpContext.User</c>.</param>
    /// <returns>The user, or <see cref="Anonymous"/> when the principal is not authenticated.</returns>
    public static AuthUser FromClaimsPrincipal(ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        var identity = principal.Identities.FirstOrDefault(i => i.IsAuthenticated);
        var authId = identity?.FindFirst(ClaimTypes.NameIdentifier)?.Value;
        if (identity is null || string.IsNullOrWhiteSpace(authId))
        {
            return Anonymous;
        }

        // The principal's own claims, not copies: a circuit keeps both the principal and this user for its lifetime,
        // and every principal made from this user copies them into its own identity anyway.
        var extra = identity.Claims.Where(c => !ReservedClaimTypes.Contains(c.Type));
        var sessionId = identity.FindFirst(BlazorCookieAuthClaimTypes.SessionId)?.Value;
        var issuedAt = FromUnixText(identity.FindFirst(BlazorCookieAuthClaimTypes.IssuedAt)?.Value);
        var expiresAt = FromUnixText(identity.FindFirst(BlazorCookieAuthClaimTypes.ExpiresAt)?.Value);
        if (issuedAt is null || expiresAt is null)
        {
            return new AuthUser(authId, extra);
        }

        return new AuthUser(authId, extra)
        {
            SessionId = sessionId,
            IssuedAt = issuedAt,
            ExpiresAt = expiresAt,
            IsPersistent = identity.FindFirst(BlazorCookieAuthClaimTypes.IsPersistent)?.Value == "true",
            AuthenticatedAt = FromUnixText(identity.FindFirst(BlazorCookieAuthClaimTypes.AuthenticatedAt)?.Value),
        };
    }

    /// <summary>
    /// Whether the credentials were checked within <paramref name="maxAge"/> of <paramref name="now"/>: Flask-Login's
    /// "fresh" login, for actions that deserve a recent password.
    /// </summary>
    /// <param name="maxAge">How long ago the credentials may have been checked.</param>
    /// <param name="now">The current time.</param>
    /// <returns><see langword="false"/> for an anonymous user and for a login restored from a remembered cookie.</returns>
    public bool IsFresh(TimeSpan maxAge, DateTimeOffset now) =>
        AuthenticatedAt is { } authenticatedAt && now - authenticatedAt <= maxAge;

    /// <inheritdoc />
    public override string ToString() => AuthId is null ? "AuthUser(anonymous)" : $"AuthUser({AuthId})";

    private static string? ToUnixText(DateTimeOffset? time) =>
        time?.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);

    private static DateTimeOffset? FromUnixText(string? text) =>
        long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var milliseconds)
            && milliseconds >= MinUnixMilliseconds && milliseconds <= MaxUnixMilliseconds
            ? DateTimeOffset.FromUnixTimeMilliseconds(milliseconds)
            : null;

    private static readonly long MinUnixMilliseconds = DateTimeOffset.MinValue.ToUnixTimeMilliseconds();
    private static readonly long MaxUnixMilliseconds = DateTimeOffset.MaxValue.ToUnixTimeMilliseconds();

}
