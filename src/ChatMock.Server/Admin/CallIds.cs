using System.Buffers.Binary;
using System.Security.Cryptography;

namespace ChatMock.Server.Admin;

/// <summary>
/// WireMock's request ids are UUIDs, the journal's are numbers: each call's UUID is made from the instance (eight
/// random bytes drawn at start) and the call's id, so it is the same every time it is read and can be given back to
/// <c>/__admin/requests/{id}</c> and <c>DELETE</c>. Another instance's UUIDs are not taken for this one's calls.
/// </summary>
internal sealed class CallIds
{
    private readonly byte[] _instance = new byte[8];

    public CallIds()
    {
        RandomNumberGenerator.Fill(_instance);

        // Version 8 (custom), as RFC 9562 has it for UUIDs made this way.
        _instance[6] = (byte)((_instance[6] & 0x0F) | 0x80);
    }

    /// <summary>Returns the UUID of the call with id <paramref name="callId"/>.</summary>
    public Guid ToGuid(long callId)
    {
        Span<byte> bytes = stackalloc byte[16];
        _instance.CopyTo(bytes);
        BinaryPrimitives.WriteInt64BigEndian(bytes[8..], callId);

        // The RFC 4122 variant in the top bits of byte 8: call ids stay far below 2^62.
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }

    /// <summary>Reads a call id from a UUID of this instance, or from a plain call number.</summary>
    public bool TryParse(string text, out long callId)
    {
        callId = 0;
        if (long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number))
        {
            callId = number;
            return true;
        }

        if (!Guid.TryParse(text, out var guid))
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[16];
        guid.TryWriteBytes(bytes, bigEndian: true, out _);
        if (!bytes[..8].SequenceEqual(_instance))
        {
            return false;
        }

        bytes[8] &= 0x3F;
        callId = BinaryPrimitives.ReadInt64BigEndian(bytes[8..]);
        return callId > 0;
    }
}
