using Code = global::MessagePack.MessagePackCode;

namespace Sim.Tracing.MessagePack;

/// <summary>
/// An immutable, decoded MessagePack value: a tree of the types of the MessagePack specification's "Type system"
/// (https://github.com/msgpack/msgpack/blob/master/spec.md#type-system). Equality is structural and ignores which
/// width of format carried a value (an integer 5 equals itself whether read from a fixint or a uint 64). Test-only
/// (issue 15 moved it out of src): the tests build documents with it and compare what MessagePack-CSharp writes and
/// reads, through <see cref="MessagePackWriter"/> and <see cref="MessagePackReader"/>, with golden bytes and with
/// python3-msgpack.
/// </summary>
public abstract class MessagePackValue : IEquatable<MessagePackValue>
{
    /// <summary>How deeply arrays and maps may nest in <see cref="Read"/> before the input is rejected.</summary>
    public const int MaxDepth = 256;

    private protected MessagePackValue()
    {
    }

    /// <summary>Which type of the spec's type system this value has.</summary>
    public abstract MessagePackType Type { get; }

    /// <summary>
    /// Decodes the next whole value (with everything nested in it) from <paramref name="reader"/>. Nesting deeper than
    /// <see cref="MaxDepth"/> throws <see cref="InvalidDataException"/>.
    /// </summary>
    /// <param name="reader">The reader, advanced past the value.</param>
    public static MessagePackValue Read(ref MessagePackReader reader) => ReadNested(ref reader, 0);

    /// <summary>Encodes this value, and everything nested in it, in the shortest formats.</summary>
    /// <param name="writer">Where to write.</param>
    public abstract void Write(MessagePackWriter writer);

    /// <summary>Structural equality, as the class summary describes.</summary>
    /// <param name="other">The value to compare with.</param>
    public abstract bool Equals(MessagePackValue? other);

    /// <inheritdoc/>
    public sealed override bool Equals(object? obj) => obj is MessagePackValue other && Equals(other);

    /// <inheritdoc/>
    public abstract override int GetHashCode();

    private static MessagePackValue ReadNested(ref MessagePackReader reader, int depth)
    {
        switch (reader.PeekType())
        {
            case MessagePackType.Nil:
                reader.ReadNil();
                return MessagePackNil.Instance;
            case MessagePackType.Boolean:
                return MessagePackBoolean.Of(reader.ReadBoolean());
            case MessagePackType.Integer:
                return reader.NextCode == Code.UInt64
                    ? new MessagePackInteger(reader.ReadUInt64())
                    : new MessagePackInteger(reader.ReadInt64());
            case MessagePackType.Float:
                return reader.NextCode == Code.Float32
                    ? new MessagePackFloat(reader.ReadSingle())
                    : new MessagePackFloat(reader.ReadDouble());
            case MessagePackType.String:
                return new MessagePackString(reader.ReadString());
            case MessagePackType.Binary:
                return new MessagePackBinary(reader.ReadBinary());
            case MessagePackType.Extension:
                var data = reader.ReadExtension(out sbyte typeCode);
                return new MessagePackExtension(typeCode, data);
            case MessagePackType.Array:
            {
                CheckDepth(ref reader, depth);
                int count = reader.ReadArrayHeader();
                var items = new MessagePackValue[count];
                for (int i = 0; i < count; i++) items[i] = ReadNested(ref reader, depth + 1);
                return new MessagePackArray(items);
            }
            default:
            {
                CheckDepth(ref reader, depth);
                int count = reader.ReadMapHeader();
                var entries = new KeyValuePair<MessagePackValue, MessagePackValue>[count];
                for (int i = 0; i < count; i++)
                {
                    var key = ReadNested(ref reader, depth + 1);
                    entries[i] = new(key, ReadNested(ref reader, depth + 1));
                }
                return new MessagePackMap(entries);
            }
        }
    }

    private static void CheckDepth(ref MessagePackReader reader, int depth)
    {
        if (depth >= MaxDepth)
            throw new InvalidDataException($"at byte offset {reader.Position}: expected arrays and maps nested at most {MaxDepth} deep");
    }
}
