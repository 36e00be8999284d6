using System.Text;

namespace BlazorCookieAuth.Tokens;

/// <summary>
/// Reads a token's payload as <see cref="BinaryWriter"/> wrote it (7-bit encoded integers and lengths,
/// UTF-8 strings), straight from the decrypted bytes, with no stream or reader to allocate on every cold request.
/// </summary>
/// <param name="payload">The decrypted payload.</param>
internal ref struct TokenPayloadReader(ReadOnlySpan<byte> payload)
{
    private ReadOnlySpan<byte> _rest = payload;

    /// <summary>Whether every byte has been read.</summary>
    public readonly bool AtEnd => _rest.IsEmpty;

    /// <exception cref="FormatException">The payload ends first.</exception>
    public byte ReadByte() => ReadBytes(1)[0];

    /// <exception cref="FormatException">The payload ends first.</exception>
    public ReadOnlySpan<byte> ReadBytes(int count)
    {
        if (count < 0 || count > _rest.Length)
        {
            throw new FormatException("The token's payload ends early.");
        }

        var bytes = _rest[..count];
        _rest = _rest[count..];
        return bytes;
    }

    /// <summary>Reads what <see cref="BinaryWriter.Write7BitEncodedInt64"/> wrote.</summary>
    /// <exception cref="FormatException">The payload ends first, or the number runs past 64 bits.</exception>
    public long Read7BitEncodedInt64()
    {
        ulong value = 0;
        for (var shift = 0; shift < 70; shift += 7)
        {
            var part = ReadByte();
            if (shift == 63 && part > 1)
            {
                break;
            }

            value |= (ulong)(part & 0x7F) << shift;
            if ((part & 0x80) == 0)
            {
                return (long)value;
            }
        }

        throw new FormatException("A number in the token's payload runs past 64 bits.");
    }

    /// <summary>Reads what <see cref="BinaryWriter.Write7BitEncodedInt"/> wrote.</summary>
    /// <exception cref="FormatException">The payload ends first, or the number is no 32-bit integer.</exception>
    public int Read7BitEncodedInt()
    {
        var value = Read7BitEncodedInt64();
        return value is >= int.MinValue and <= uint.MaxValue
            ? unchecked((int)value)
            : throw new FormatException("A number in the token's payload runs past 32 bits.");
    }

    /// <summary>Reads what <see cref="BinaryWriter.Write(string)"/> wrote: the UTF-8 length, then the UTF-8 bytes.</summary>
    /// <exception cref="FormatException">The payload ends first, or the length is negative.</exception>
    public string ReadString() => Encoding.UTF8.GetString(ReadBytes(Read7BitEncodedInt()));
}
