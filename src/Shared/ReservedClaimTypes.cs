using System.Security.Claims;

namespace BlazorCookieAuth;

/// <summary>
/// The claim types BlazorCookieAuth sets itself (<see cref="BlazorCookieAuthClaimTypes"/> and the auth id's
/// <see cref="ClaimTypes.NameIdentifier"/>), which a user's extra claims may not use and a page may not carry.
/// </summary>
internal static class ReservedClaimTypes
{
    /// <summary>The start of every claim type in <see cref="BlazorCookieAuthClaimTypes"/>.</summary>
    public const string Prefix = "https://blazorcookieauth/claims/";

    public static bool Contains(string claimType) =>
        claimType.StartsWith(Prefix, StringComparison.Ordinal) || claimType == ClaimTypes.NameIdentifier;
}
