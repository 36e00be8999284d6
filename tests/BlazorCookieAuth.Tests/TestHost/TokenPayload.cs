using System.Text;
using BlazorCookieAuth.Tests.TestHost;
using BlazorCookieAuth.Tokens;
using CsCheck;

namespace BlazorCookieAuth.Tests.TestHost;

/// <summary>
/// A token's payload as <see cref="AuthTokenFormat"/> lays it out: the version, flags, session id, the two times, the
/// browser secret when flag 2 is set, the auth id, then the claims (a one-byte type code, or from version 2 the type as
/// text). Each field is drawn from its usual range and from anywhere in its type's, so that sealed with the real key
/// the reader meets payloads it must read and payloads it must refuse, among them every payload of versions 2 and 3.
/// </summary>
/// <param name="Expiry">Seconds after <paramref name="IssuedAt"/> in version 4; the expiry in unix milliseconds in versions 2 and 3.</param>
internal sealed record TokenPayload(
    byte Version, byte Flags, byte[] SessionId, long IssuedAt, long Expiry, byte[] BrowserSecret, string AuthId, (byte Code, string Type, string Value)[] Claims)
{
    private static readonly Gen<long> Time = Gen.Frequency(
        (3, Gen.Long[1_600_000_000, 2_000_000_000]),
        (3, Gen.Long[1_600_000_000_000, 2_000_000_000_000]),
        (2, Gen.Long[0, 40_000_000]),
        (2, Gen.Long),
        (1, Gen.OneOf(
            long.MinValue, long.MaxValue, -1L, 0L,
            DateTimeOffset.MinValue.ToUnixTimeSeconds(), DateTimeOffset.MinValue.ToUnixTimeSeconds() - 1,
            DateTimeOffset.MaxValue.ToUnixTimeSeconds(), DateTimeOffset.MaxValue.ToUnixTimeSeconds() + 1,
            DateTimeOffset.MinValue.ToUnixTimeMilliseconds(), DateTimeOffset.MinValue.ToUnixTimeMilliseconds() - 1,
            DateTimeOffset.MaxValue.ToUnixTimeMilliseconds(), DateTimeOffset.MaxValue.ToUnixTimeMilliseconds() + 1)));

    private static readonly Gen<byte> ClaimCode = Gen.Frequency((4, Gen.Byte[1, 23]), (3, Gen.Const((byte)0)), (1, Gen.Byte[24, 255]));

    private static readonly Gen<(byte Code, string Type, string Value)> Claim =
        Gen.Select(ClaimCode, FuzzInputs.ClaimType, Gen.Frequency((5, FuzzInputs.OddText), (1, Gen.Const(string.Empty))));

    /// <summary>Many claims, around the most a token holds (64), kept short so that the token still fits.</summary>
    private static readonly Gen<(byte Code, string Type, string Value)> ShortClaim = Gen.Byte[0, 2].Select(code => (code, "t", "x"));

    public static Gen<TokenPayload> Any { get; } = Gen.Select(
        Gen.Frequency((6, Gen.Const((byte)4)), (2, Gen.Const((byte)3)), (2, Gen.Const((byte)2)), (1, Gen.Byte)),
        Gen.Frequency((4, Gen.Byte[0, 3]), (1, Gen.Byte)),
        Gen.Byte.Array[16],
        Time,
        Time,
        Gen.Byte.Array[16],
        Gen.Frequency((8, FuzzInputs.OddText), (1, Gen.Const(string.Empty))),
        Gen.Frequency((8, Claim.Array[0, 4]), (1, ShortClaim.Array[60, 70])),
        (version, flags, sessionId, issuedAt, expiry, secret, authId, claims) => new TokenPayload(version, flags, sessionId, issuedAt, expiry, secret, authId, claims));

    /// <summary>The payload's bytes, written as the format writes them.</summary>
    public byte[] Write()
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Version);
            writer.Write(Flags);
            writer.Write(SessionId);
            if (Version == 4)
            {
                writer.Write7BitEncodedInt64(IssuedAt);
                writer.Write7BitEncodedInt64(Expiry);
            }
            else
            {
                writer.Write(IssuedAt);
                writer.Write(Expiry);
            }

            if ((Flags & 2) != 0)
            {
                writer.Write(BrowserSecret);
            }

            writer.Write(AuthId);
            writer.Write7BitEncodedInt(Claims.Length);
            foreach (var (code, type, value) in Claims)
            {
                if (Version == 2)
                {
                    writer.Write(type);
                }
                else
                {
                    writer.Write(code);
                    if (code == WellKnownClaimTypes.Custom)
                    {
                        writer.Write(type);
                    }
                }

                writer.Write(value);
            }
        }

        return buffer.ToArray();
    }

    public override string ToString() =>
        $"version {Version} flags {Flags} session {Convert.ToHexString(SessionId)} times {IssuedAt} {Expiry} secret {Convert.ToHexString(BrowserSecret)} " +
        $"auth id {FuzzInputs.Printable(AuthId)} claims [{string.Join(", ", Claims.Select(c => $"{c.Code}:{FuzzInputs.Printable(c.Type)}={FuzzInputs.Printable(c.Value)}"))}]";
}
