using CsCheck;
using Microsoft.AspNetCore.WebUtilities;

namespace BlazorCookieAuth.Tests.TestHost;

/// <summary>
/// A change to a real token, drawn as plain numbers, bytes and a character, so that CsCheck can generate, print and
/// shrink it, and applied to whichever token a test has: bit flips, truncations, splices with another real token and
/// more. Some changes leave the bytes as they were (<see cref="TokenChangeKind.None"/>, a swap of a byte with itself,
/// white space the decoder skips); a test tells them apart by the bytes, not by the kind.
/// </summary>
internal sealed record TokenChange(TokenChangeKind Kind, int[] Numbers, byte[] Bytes, char Char)
{
    private static readonly string[] WhiteSpace = [" ", "\t", "\r\n", "    "];

    public static Gen<TokenChange> Any { get; } = Gen.Select(
        Gen.OneOf(Enum.GetValues<TokenChangeKind>()),
        Gen.Int[0, 1 << 24].Array[2, 8],
        Gen.Byte.Array[1, 48],
        FuzzInputs.AnyChar,
        (kind, numbers, bytes, c) => new TokenChange(kind, numbers, bytes, c));

    /// <summary>The changed token.</summary>
    /// <param name="token">The real token to change.</param>
    /// <param name="other">Another real token, for splices.</param>
    public string ApplyTo(string token, string other)
    {
        var bytes = WebEncoders.Base64UrlDecode(token);
        var length = bytes.Length;
        int At(int i, int range) => Numbers[i % Numbers.Length] % range;
        switch (Kind)
        {
            case TokenChangeKind.None:
                return token;
            case TokenChangeKind.FlipBits:
                foreach (var bit in Numbers)
                {
                    bytes[bit / 8 % length] ^= (byte)(1 << (bit % 8));
                }

                return WebEncoders.Base64UrlEncode(bytes);
            case TokenChangeKind.CutBytes:
                return WebEncoders.Base64UrlEncode(bytes[..At(0, length)]);
            case TokenChangeKind.CutText:
                return token[..At(0, token.Length)];
            case TokenChangeKind.AppendBytes:
                return WebEncoders.Base64UrlEncode([.. bytes, .. Bytes]);
            case TokenChangeKind.InsertBytes:
                var at = At(0, length + 1);
                return WebEncoders.Base64UrlEncode([.. bytes[..at], .. Bytes, .. bytes[at..]]);
            case TokenChangeKind.DeleteBytes:
                var from = At(0, length);
                var to = from + 1 + At(1, Math.Min(32, length - from));
                return WebEncoders.Base64UrlEncode([.. bytes[..from], .. bytes[to..]]);
            case TokenChangeKind.OverwriteBytes:
                var start = At(0, length);
                Bytes.AsSpan(0, Math.Min(Bytes.Length, length - start)).CopyTo(bytes.AsSpan(start));
                return WebEncoders.Base64UrlEncode(bytes);
            case TokenChangeKind.SwapBytes:
                var (i, j) = (At(0, length), At(1, length));
                (bytes[i], bytes[j]) = (bytes[j], bytes[i]);
                return WebEncoders.Base64UrlEncode(bytes);
            case TokenChangeKind.ReplaceChar:
                var chars = token.ToCharArray();
                chars[At(0, chars.Length)] = Char;
                return new string(chars);
            case TokenChangeKind.InsertWhiteSpace:
                return token.Insert(At(0, token.Length + 1), WhiteSpace[At(1, WhiteSpace.Length)]);
            case TokenChangeKind.Splice:
                var otherBytes = WebEncoders.Base64UrlDecode(other);
                var cut = At(0, Math.Min(length, otherBytes.Length));
                return At(1, 2) == 0
                    ? WebEncoders.Base64UrlEncode([.. otherBytes[..cut], .. bytes[cut..]])
                    : string.Concat(token.AsSpan(0, At(2, token.Length)), other.AsSpan(At(3, other.Length)));
            case TokenChangeKind.Repeat:
                return At(0, 3) switch
                {
                    0 => token + token,
                    1 => token + "." + other,
                    _ => token + ";" + token,
                };
            default:
                throw new InvalidOperationException($"No change is defined for {Kind}.");
        }
    }

    public override string ToString() =>
        $"{Kind} [{string.Join(",", Numbers)}] bytes {Convert.ToHexString(Bytes)} char U+{(int)Char:X4}";
}

/// <summary>The ways <see cref="TokenChange"/> changes a token.</summary>
internal enum TokenChangeKind
{
    None,
    FlipBits,
    CutBytes,
    CutText,
    AppendBytes,
    InsertBytes,
    DeleteBytes,
    OverwriteBytes,
    SwapBytes,
    ReplaceChar,
    InsertWhiteSpace,
    Splice,
    Repeat,
}
