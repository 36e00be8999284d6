using BlazorCookieAuth.Tokens;
using CsCheck;

namespace BlazorCookieAuth.Tests.TestHost;

/// <summary>Damage done to a payload before it is sealed: none, cut short, extended, or one byte hit.</summary>
internal sealed record PayloadDamage(PayloadDamageKind Kind, int At, byte[] Bytes)
{
    public static Gen<PayloadDamage> Any { get; } = Gen.Select(
        Gen.Frequency(
            (4, Gen.Const(PayloadDamageKind.None)),
            (1, Gen.Const(PayloadDamageKind.Cut)),
            (1, Gen.Const(PayloadDamageKind.Extend)),
            (1, Gen.Const(PayloadDamageKind.Hit))),
        Gen.Int[0, 1 << 20],
        Gen.Byte.Array[1, 16],
        (kind, at, bytes) => new PayloadDamage(kind, at, bytes));

    public byte[] ApplyTo(byte[] payload)
    {
        switch (Kind)
        {
            case PayloadDamageKind.Cut:
                return payload[..(At % payload.Length)];
            case PayloadDamageKind.Extend:
                return [.. payload, .. Bytes];
            case PayloadDamageKind.Hit:
                var hit = (byte[])payload.Clone();
                hit[At % hit.Length] ^= (byte)(Bytes[0] | 1);
                return hit;
            default:
                return payload;
        }
    }

    /// <summary>
    /// What the format must make of the damaged payload, given its length and what the format must make of it undamaged;
    /// <see langword="null"/> after a hit, where any answer but an exception will do. A payload cut short or extended is
    /// never read: the reader reads its fields in order, so it runs out of bytes or has bytes left over.
    /// </summary>
    public AuthTokenRejection? Expected(int length, AuthTokenRejection undamaged) => Kind switch
    {
        PayloadDamageKind.None => undamaged,
        PayloadDamageKind.Cut => At % length >= 1 && undamaged == AuthTokenRejection.UnsupportedVersion ? undamaged : AuthTokenRejection.Malformed,
        PayloadDamageKind.Extend => undamaged == AuthTokenRejection.UnsupportedVersion ? undamaged : AuthTokenRejection.Malformed,
        _ => null,
    };

    public override string ToString() => $"{Kind} at {At} bytes {Convert.ToHexString(Bytes)}";
}

/// <summary>The ways <see cref="PayloadDamage"/> damages a payload.</summary>
internal enum PayloadDamageKind
{
    None,
    Cut,
    Extend,
    Hit,
}
