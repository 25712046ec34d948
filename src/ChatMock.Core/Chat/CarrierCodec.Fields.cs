using System.Buffers.Binary;
using System.Text.Json.Nodes;
using ChatMock.Carriers;

namespace ChatMock.Chat;

// The fields of CarrierCodec: how each kind of property is written, read and copied.
internal sealed partial class CarrierCodec<T>
{
    /// <summary>One property: how it is written and read.</summary>
    private abstract class Field
    {
        public abstract void Write(T carrier, ref Writer writer);

        /// <summary>Reads the value after its tag (not <see cref="Null"/>) and sets it.</summary>
        public abstract void Read(T carrier, ReadOnlySpan<byte> bytes, ref int position, byte tag);

        public abstract void Copy(T source, T target);
    }

    private sealed class TextField(Func<T, string?> get, Action<T, string?> set) : Field
    {
        public override void Copy(T source, T target) => set(target, get(source));

        public override void Write(T carrier, ref Writer writer)
        {
            if (get(carrier) is { } text)
            {
                WriteText(ref writer, text);
            }
            else
            {
                WriteNull(ref writer);
            }
        }

        public override void Read(T carrier, ReadOnlySpan<byte> bytes, ref int position, byte tag) => set(carrier, ReadText(bytes, ref position, tag));
    }

    private sealed class IntegerField(Func<T, int?> get, Action<T, int?> set) : Field
    {
        public override void Copy(T source, T target) => set(target, get(source));

        public override void Write(T carrier, ref Writer writer)
        {
            if (get(carrier) is { } value)
            {
                var room = writer.Room(5);
                room[0] = Present;
                BinaryPrimitives.WriteInt32LittleEndian(room[1..], value);
                writer.Wrote(5);
            }
            else
            {
                WriteNull(ref writer);
            }
        }

        public override void Read(T carrier, ReadOnlySpan<byte> bytes, ref int position, byte tag)
        {
            set(carrier, BinaryPrimitives.ReadInt32LittleEndian(bytes[position..]));
            position += 4;
        }
    }

    private sealed class BooleanField(Func<T, bool?> get, Action<T, bool?> set) : Field
    {
        public override void Copy(T source, T target) => set(target, get(source));

        public override void Write(T carrier, ref Writer writer)
        {
            writer.Room(1)[0] = get(carrier) switch
            {
                null => Null,
                true => True,
                false => Present,
            };
            writer.Wrote(1);
        }

        public override void Read(T carrier, ReadOnlySpan<byte> bytes, ref int position, byte tag) => set(carrier, tag == True);
    }

    private sealed class DateTimeField(Func<T, DateTimeOffset?> get, Action<T, DateTimeOffset?> set) : Field
    {
        public override void Copy(T source, T target) => set(target, get(source));

        public override void Write(T carrier, ref Writer writer)
        {
            if (get(carrier) is { } time)
            {
                var room = writer.Room(11);
                room[0] = Present;
                BinaryPrimitives.WriteInt64LittleEndian(room[1..], time.Ticks);
                BinaryPrimitives.WriteInt16LittleEndian(room[9..], (short)time.TotalOffsetMinutes);
                writer.Wrote(11);
            }
            else
            {
                WriteNull(ref writer);
            }
        }

        public override void Read(T carrier, ReadOnlySpan<byte> bytes, ref int position, byte tag)
        {
            var ticks = BinaryPrimitives.ReadInt64LittleEndian(bytes[position..]);
            var offset = BinaryPrimitives.ReadInt16LittleEndian(bytes[(position + 8)..]);
            position += 10;
            set(carrier, new DateTimeOffset(ticks, TimeSpan.FromMinutes(offset)));
        }
    }

    /// <summary>A property through the metadata's getter and setter, its value boxed: nested carriers, and any type not of its kind's nullable form.</summary>
    private sealed class BoxedField(CarrierProperty property) : Field
    {
        public override void Copy(T source, T target) => property.Metadata.Set!(target, property.Get(source));

        public override void Write(T carrier, ref Writer writer)
        {
            switch (property.Get(carrier))
            {
                case null:
                    WriteNull(ref writer);
                    break;
                case string text:
                    WriteText(ref writer, text);
                    break;
                case int integer:
                    var room = writer.Room(5);
                    room[0] = Present;
                    BinaryPrimitives.WriteInt32LittleEndian(room[1..], integer);
                    writer.Wrote(5);
                    break;
                case bool flag:
                    writer.Room(1)[0] = flag ? True : Present;
                    writer.Wrote(1);
                    break;
                case DateTimeOffset time:
                    var span = writer.Room(11);
                    span[0] = Present;
                    BinaryPrimitives.WriteInt64LittleEndian(span[1..], time.Ticks);
                    BinaryPrimitives.WriteInt16LittleEndian(span[9..], (short)time.TotalOffsetMinutes);
                    writer.Wrote(11);
                    break;
                case JsonNode node:
                    WriteText(ref writer, node.ToJsonString());
                    break;
                default:
                    throw new NotSupportedException($"{property.Name} holds a value the chat store cannot keep.");
            }
        }

        public override void Read(T carrier, ReadOnlySpan<byte> bytes, ref int position, byte tag)
        {
            object value;
            switch (property.Kind)
            {
                case CarrierValueKind.Text:
                    value = ReadText(bytes, ref position, tag);
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
                    value = JsonNode.Parse(ReadText(bytes, ref position, tag))!;
                    break;
            }

            property.Metadata.Set!(carrier, value);
        }
    }
}
