using System.Security.Claims;

namespace BlazorCookieAuth.Benchmarks;

/// <summary>The user every benchmark logs in and reads back: auth id 42, a name and a role.</summary>
internal static class Alice
{
    public const string AuthId = "42";

    /// <summary>Alice as the kit's token service takes her.</summary>
    public static AuthUser User { get; } = new(AuthId, Claims());

    /// <summary>
    /// Alice as a login hands her to <c>SignInAsync</c>: the auth id as the name identifier, then her name and role.
    /// Both schemes get the same claims; the kit reads the auth id from the name identifier.
    /// </summary>
    /// <param name="authenticationType">The identity's authentication type, the scheme signing her in.</param>
    public static ClaimsPrincipal Principal(string authenticationType) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, AuthId), .. Claims()], authenticationType, ClaimTypes.Name, ClaimTypes.Role));

    /// <summary>Throws unless <paramref name="principal"/> is Alice, so a benchmark never measures a failing path.</summary>
    /// <param name="principal">What a scheme read back.</param>
    /// <param name="what">The path that read it, for the message.</param>
    public static void EnsureIs(ClaimsPrincipal? principal, string what)
    {
        var identity = principal?.Identity as ClaimsIdentity;
        if (identity?.IsAuthenticated != true
            || identity.FindFirst(ClaimTypes.NameIdentifier)?.Value != AuthId
            || identity.Name != "Alice"
            || !principal!.IsInRole("admin"))
        {
            throw new InvalidOperationException($"{what} did not read back Alice (auth id {AuthId}, name Alice, role admin).");
        }
    }

    private static Claim[] Claims() => [new(ClaimTypes.Name, "Alice"), new(ClaimTypes.Role, "admin")];
}
