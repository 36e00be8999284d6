using System.Collections.Frozen;
using System.Security.Claims;

namespace BlazorCookieAuth.Tokens;

/// <summary>
/// The claim types a token writes as a one-byte code instead of their full URI (57 bytes for
/// <see cref="ClaimTypes.Name"/>). A code names its type forever: new types are added at the end, none is ever reused.
/// Code 0 means the type follows as text.
/// </summary>
internal static class WellKnownClaimTypes
{
    public const byte Custom = 0;

    private static readonly string[] Types =
    [
        string.Empty,
        ClaimTypes.Name,
        ClaimTypes.Role,
        ClaimTypes.Email,
        ClaimTypes.GivenName,
        ClaimTypes.Surname,
        ClaimTypes.Upn,
        ClaimTypes.MobilePhone,
        ClaimTypes.HomePhone,
        ClaimTypes.OtherPhone,
        ClaimTypes.StreetAddress,
        ClaimTypes.Locality,
        ClaimTypes.StateOrProvince,
        ClaimTypes.PostalCode,
        ClaimTypes.Country,
        ClaimTypes.DateOfBirth,
        ClaimTypes.Gender,
        ClaimTypes.Webpage,
        ClaimTypes.Sid,
        ClaimTypes.GroupSid,
        ClaimTypes.PrimarySid,
        ClaimTypes.PrimaryGroupSid,
        ClaimTypes.Uri,
        ClaimTypes.Actor,
    ];

    private static readonly FrozenDictionary<string, byte> Codes =
        Types.Select((type, code) => (type, code)).Skip(1).ToFrozenDictionary(p => p.type, p => (byte)p.code, StringComparer.Ordinal);

    /// <returns>The type's code, or <see cref="Custom"/> when it has none.</returns>
    public static byte CodeOf(string claimType) => Codes.GetValueOrDefault(claimType, Custom);

    /// <returns>The type of a code, or <see langword="null"/> for a code this version doesn't know.</returns>
    public static string? TypeOf(byte code) => code > Custom && code < Types.Length ? Types[code] : null;
}
