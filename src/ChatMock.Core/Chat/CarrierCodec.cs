using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.Unicode;
using ChatMock.Carriers;

namespace ChatMock.Chat;

/// <summary>
/// A carrier as compact bytes, and back: how the chat store keeps messages without keeping an object for each
/// (see <see cref="SessionMessages"/>). The layout follows the carrier's properties (<see cref="Carrier.Properties"/>),
/// so a property added to the model is kept without a change here.
/// </summary>
/// <remarks>
/// Each property in order: a tag byte, 0 for null, then its value. A text is tagged 1 with its UTF-8 length (seven
/// bits a byte) and bytes, or, when it is not valid UTF-16 (a lone surrogate), tagged 2 with its length in chars and
/// its UTF-16 code units, so that every string comes back as it was; an integer is 4 bytes, little-endian; a boolean
/// is its tag (1 false, 2 true); a date-time is its ticks (8 bytes) and offset in minutes (2 bytes); a nested
/// carrier is its JSON text.
/// </remarks>
internal sealed class CarrierCodec
{
    private const byte Null = 0;
    private const byte Present = 1;
    private const byte Utf16 = 2;
    private const byte True = 2;

    private readonly Carrier _carrier;
    private readonly CarrierProperty[] _properties;

    /// <summary>Initializes a new instance of the <see cref="CarrierCodec"/> class for <paramref name="carrier"/>.</summary>
    public CarrierCodec(Carrier carrier)
    {
        ArgumentNullException.ThrowIfNull(carrier);
        _carrier = carrier;
        _properties = [.. carrier.Properties];
    }

    /// <summary>Gets the codec of ChatMessage.</summary>
    public static CarrierCodec ChatMessage { get; } = new(Carrier.ChatMessage);

    /// <summary>Writes <paramref name="carrier"/>, every property, to <paramref name="output"/>.</summary>
    public void Write(object carrier, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(carrier);
        ArgumentNullException.ThrowIfNull(output);
        foreach (var property in _properties)
        {
            var value = property.Get(carrier);
            if (value is null)
            {
                Tag(output, Null);
                continue;
            }

            switch (property.Kind)
            {
                case CarrierValueKind.Text:
                    Text(output, (string)value);
                    break;
                case CarrierValueKind.Integer:
                    var integer = output.GetSpan(5);
                    integer[0] = Present;
                    BinaryPrimitives.WriteInt32LittleEndian(integer[1..], (int)value);
                    output.Advance(5);
                    break;
                case CarrierValueKind.Boolean:
                    Tag(output, (bool)value ? True : Present);
                    break;
                case CarrierValueKind.DateTime:
                    var time = (DateTimeOffset)value;
                    var span = output.GetSpan(11);
                    span[0] = Present;
                    BinaryPrimitives.WriteInt64LittleEndian(span[1..], time.Ticks);
                    BinaryPrimitives.WriteInt16LittleEndian(span[9..], (short)time.TotalOffsetMinutes);
                    output.Advance(11);
                    break;
                default:
                    Text(output, ((JsonNode)value).ToJsonString());
                    break;
            }
        }
    }

    /// <summary>Reads one carrier from <paramref name="bytes"/> at <paramref name="position"/>, and moves the position past it.</summary>
    public object Read(ReadOnlySpan<byte> bytes, ref int position)
    {
        var carrier = _carrier.Create();
        foreach (var property in _properties)
        {
            var tag = bytes[position++];
            if (tag == Null)
            {
                continue;
            }

            object value;
            switch (property.Kind)
            {
                case CarrierValueKind.Text:
                    value = Text(bytes, ref position, tag);
                    break;
                case CarrierValueKind.Integer:
                    value = BinaryPrimitives.ReadInt32LittleEndian(bytes[position..]);
                    position += 4;
                    break;
                case CarrierValueKind.Boolean:
                    value = tag == True;
                    break;
                case CarrierValueKind.DateTime:
                    var ticks = BinaryPrimitives.ReadInt64LittleEndian(bytes[position..]);
                    var offset = BinaryPrimitives.ReadInt16LittleEndian(bytes[(position + 8)..]);
                    position += 10;
                    value = new DateTimeOffset(ticks, TimeSpan.FromMinutes(offset));
                    break;
                default:
                    value = JsonNode.Parse(Text(bytes, ref position, tag))!;
                    break;
            }

            property.Metadata.Set!(carrier, value);
        }

        return carrier;
    }

    private static void Tag(IBufferWriter<byte> output, byte tag)
    {
        output.GetSpan(1)[0] = tag;
        output.Advance(1);
    }

    private static void Text(IBufferWriter<byte> output, string text)
    {
        // Room for the tag, the longest length and the longest UTF-8 (which also holds the UTF-16 form).
        var room = output.GetSpan(1 + 5 + Encoding.UTF8.GetMaxByteCount(text.Length));
        var status = Utf8.FromUtf16(text, room[6..], out _, out var written, replaceInvalidSequences: false);
        if (status == OperationStatus.Done)
        {
            room[0] = Present;
            var lengthSize = Length(room[1..], written);
            if (lengthSize != 5)
            {
                room.Slice(6, written).CopyTo(room[(1 + lengthSize)..]);
            }

            output.Advance(1 + lengthSize + written);
            return;
        }

        // Not valid UTF-16: kept as its code units.
        room[0] = Utf16;
        var size = Length(room[1..], text.Length);
        var units = room.Slice(1 + size, text.Length * 2);
        for (var i = 0; i < text.Length; i++)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(units[(i * 2)..], text[i]);
        }

        output.Advance(1 + size + units.Length);
    }

    private static string Text(ReadOnlySpan<byte> bytes, ref int position, byte tag)
    {
        var length = Length(bytes, ref position);
        if (tag == Present)
        {
            var text = Encoding.UTF8.GetString(bytes.Slice(position, length));
            position += length;
            return text;
        }

        var units = bytes.Slice(position, length * 2);
        position += length * 2;
        return string.Create(length, units, static (chars, source) =>
        {
            for (var i = 0; i < chars.Length; i++)
            {
                chars[i] = (char)BinaryPrimitives.ReadUInt16LittleEndian(source[(i * 2)..]);
            }
        });
    }

    /// <summary>Writes a length, seven bits a byte, and returns how many bytes it took.</summary>
    private static int Length(Span<byte> span, int value)
    {
        var remaining = (uint)value;
        var i = 0;
        while (remaining >= 0x80)
        {
            span[i++] = (byte)(remaining | 0x80);
            remaining >>= 7;
        }

        span[i++] = (byte)remaining;
        return i;
    }

    private static int Length(ReadOnlySpan<byte> bytes, ref int position)
    {
        var value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var part = bytes[position++];
            value |= (part & 0x7F) << shift;
            if (part < 0x80)
            {
                return value;
            }
        }
    }
}
