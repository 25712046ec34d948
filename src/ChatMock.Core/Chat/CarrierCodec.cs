using System.Buffers;
using System.Buffers.Binary;
using System.Linq.Expressions;
using System.Reflection;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.Unicode;
using ChatMock.Carriers;
using ChatMock.Messages;

namespace ChatMock.Chat;

/// <summary>
/// A carrier as compact bytes, and back: how the chat store keeps messages without keeping an object for each (see
/// <see cref="SessionMessages"/>); and a carrier's values copied into another, how it changes a session in place. The layout follows the carrier's properties
/// (<see cref="Carrier.Properties"/>), so a property added to the model is kept without a change here.
/// </summary>
/// <remarks>
/// Each property in order: a tag byte, 0 for null, then its value. A text is tagged 1 with its UTF-8 length (seven
/// bits a byte) and bytes, or, when it is not valid UTF-16 (a lone surrogate), tagged 2 with its length in chars and
/// its UTF-16 code units, so that every string comes back as it was; an integer is 4 bytes, little-endian; a boolean
/// is its tag (1 false, 2 true); a date-time is its ticks (8 bytes) and offset in minutes (2 bytes); a nested
/// carrier is its JSON text. Each property is read and written through a delegate of its own type, made once from
/// the model's property, so that no value is boxed on the way.
/// </remarks>
/// <typeparam name="T">The carrier's model.</typeparam>
internal sealed partial class CarrierCodec<T>
    where T : class
{
    private const byte Null = 0;
    private const byte Present = 1;
    private const byte Utf16 = 2;
    private const byte True = 2;

    private readonly Carrier _carrier;
    private readonly Field[] _fields;
    private readonly Action<T, T> _copy;

    /// <summary>Initializes a new instance of the <see cref="CarrierCodec{T}"/> class for <paramref name="carrier"/>, whose model is <typeparamref name="T"/>.</summary>
    public CarrierCodec(Carrier carrier)
    {
        ArgumentNullException.ThrowIfNull(carrier);
        _carrier = carrier;
        _fields = [.. carrier.Properties.Select(FieldOf)];
        _copy = CopyOf(carrier) ?? CopyFieldByField;
    }

    /// <summary>Writes <paramref name="carrier"/>, every property, to <paramref name="output"/>.</summary>
    public void Write(T carrier, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(carrier);
        ArgumentNullException.ThrowIfNull(output);
        var writer = new Writer(output);
        foreach (var field in _fields)
        {
            field.Write(carrier, ref writer);
        }

        writer.Flush();
    }

    /// <summary>Reads one carrier from <paramref name="bytes"/> at <paramref name="position"/>, and moves the position past it.</summary>
    public T Read(ReadOnlySpan<byte> bytes, ref int position)
    {
        var carrier = (T)_carrier.Create();
        foreach (var field in _fields)
        {
            var tag = bytes[position++];
            if (tag != Null)
            {
                field.Read(carrier, bytes, ref position, tag);
            }
        }

        return carrier;
    }

    /// <summary>Sets every property of <paramref name="target"/> to the value it has in <paramref name="source"/>: a change made in place.</summary>
    public void Copy(T source, T target)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        _copy(source, target);
    }

    /// <summary>Reads the carriers of <paramref name="copied"/>, one after the other, and gives its buffer back to the shared pool.</summary>
    public T[] ReadAll(CopiedCarriers copied)
    {
        if (copied.Buffer is null)
        {
            return [];
        }

        try
        {
            var carriers = new T[copied.Count];
            var bytes = copied.Buffer.AsSpan(0, copied.Length);
            var position = 0;
            for (var i = 0; i < carriers.Length; i++)
            {
                carriers[i] = Read(bytes, ref position);
            }

            return carriers;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(copied.Buffer);
        }
    }

    /// <summary>
    /// One compiled method that assigns every property from one carrier to another, when each is a property of
    /// <typeparamref name="T"/> with a setter: a session changed by every message is copied in one call rather than two
    /// delegate calls a property (and a box for the nested ones).
    /// </summary>
    private static Action<T, T>? CopyOf(Carrier carrier)
    {
        var source = Expression.Parameter(typeof(T), "source");
        var target = Expression.Parameter(typeof(T), "target");
        var assignments = new List<Expression>();
        foreach (var property in carrier.Properties)
        {
            if ((property.Metadata.AttributeProvider as PropertyInfo ?? typeof(T).GetProperty(property.Name)) is not { CanRead: true, SetMethod: not null } info
                || info.DeclaringType != typeof(T))
            {
                return null;
            }

            assignments.Add(Expression.Assign(Expression.Property(target, info), Expression.Property(source, info)));
        }

        return Expression.Lambda<Action<T, T>>(Expression.Block(assignments), source, target).Compile();
    }

    private void CopyFieldByField(T source, T target)
    {
        foreach (var field in _fields)
        {
            field.Copy(source, target);
        }
    }

    /// <summary>The field of a property: typed delegates from the model's property when its type is the nullable one of its kind, else the metadata's.</summary>
    private static Field FieldOf(CarrierProperty property)
    {
        var info = property.Metadata.AttributeProvider as PropertyInfo ?? typeof(T).GetProperty(property.Name);
        return property.Kind switch
        {
            CarrierValueKind.Text when Typed<string?>(info) is { } text => new TextField(text.Get, text.Set),
            CarrierValueKind.Integer when Typed<int?>(info) is { } integer => new IntegerField(integer.Get, integer.Set),
            CarrierValueKind.Boolean when Typed<bool?>(info) is { } flag => new BooleanField(flag.Get, flag.Set),
            CarrierValueKind.DateTime when Typed<DateTimeOffset?>(info) is { } time => new DateTimeField(time.Get, time.Set),
            _ => new BoxedField(property),
        };
    }

    /// <summary>The length past which a text asks for the room it takes rather than the most it could take.</summary>
    private const int ExactRoomLength = 1024;

    private static (Func<T, TValue> Get, Action<T, TValue> Set)? Typed<TValue>(PropertyInfo? info) =>
        info is { GetMethod: { } getter, SetMethod: { } setter } && info.PropertyType == typeof(TValue) && info.DeclaringType == typeof(T)
            ? (getter.CreateDelegate<Func<T, TValue>>(), setter.CreateDelegate<Action<T, TValue>>())
            : null;

    private static void WriteText(ref Writer writer, string text)
    {
        // Room for the tag, the longest length and the text: at most the longest UTF-8 (which also holds the UTF-16
        // form); a long text without surrogates asks for its exact UTF-8 length, so that a message near a session's
        // byte limit is judged by what it takes, not by three times that (SessionMessages never grows past the limit).
        var most = text.Length > ExactRoomLength && text.AsSpan().IndexOfAnyInRange('\uD800', '\uDFFF') < 0
            ? Encoding.UTF8.GetByteCount(text)
            : Encoding.UTF8.GetMaxByteCount(text.Length);
        var room = writer.Room(1 + 5 + most);
        var status = Utf8.FromUtf16(text, room[6..], out _, out var written, replaceInvalidSequences: false);
        if (status == OperationStatus.Done)
        {
            room[0] = Present;
            var lengthSize = WriteLength(room[1..], written);
            if (lengthSize != 5)
            {
                room.Slice(6, written).CopyTo(room[(1 + lengthSize)..]);
            }

            writer.Wrote(1 + lengthSize + written);
            return;
        }

        // Not valid UTF-16: kept as its code units.
        room[0] = Utf16;
        var size = WriteLength(room[1..], text.Length);
        var units = room.Slice(1 + size, text.Length * 2);
        for (var i = 0; i < text.Length; i++)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(units[(i * 2)..], text[i]);
        }

        writer.Wrote(1 + size + units.Length);
    }

    private static string ReadText(ReadOnlySpan<byte> bytes, ref int position, byte tag)
    {
        var length = ReadLength(bytes, ref position);
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
    private static int WriteLength(Span<byte> span, int value)
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

    private static int ReadLength(ReadOnlySpan<byte> bytes, ref int position)
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

    private static void WriteNull(ref Writer writer)
    {
        writer.Room(1)[0] = Null;
        writer.Wrote(1);
    }

    /// <summary>Writes to an <see cref="IBufferWriter{T}"/> through the span it last gave, so that most writes make no call to it.</summary>
    private ref struct Writer(IBufferWriter<byte> output)
    {
        private readonly IBufferWriter<byte> _output = output;
        private Span<byte> _span;
        private int _used;

        /// <summary>At least <paramref name="size"/> bytes to write to; <see cref="Wrote"/> says how many were.</summary>
        public Span<byte> Room(int size)
        {
            if (_span.Length - _used < size)
            {
                Flush();
                _span = _output.GetSpan(size);
            }

            return _span[_used..];
        }

        public void Wrote(int count) => _used += count;

        public void Flush()
        {
            if (_used > 0)
            {
                _output.Advance(_used);
            }

            _span = default;
            _used = 0;
        }
    }
}
