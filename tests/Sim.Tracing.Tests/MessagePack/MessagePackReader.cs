using System.Buffers;
using Library = global::MessagePack;

namespace Sim.Tracing.MessagePack;

/// <summary>
/// The tests' reader: MessagePack-CSharp's <see cref="Library.MessagePackReader"/> (the one src uses) over a copy of
/// the bytes, with the few conveniences the value tree and the tests need (the offset as an int, the type of the next
/// value in the spec's type system). It decodes nothing itself.
/// </summary>
public ref struct MessagePackReader
{
    private Library.MessagePackReader _reader;
    private readonly int _length;

    /// <summary>A reader at the start of <paramref name="data"/> (copied).</summary>
    public MessagePackReader(ReadOnlySpan<byte> data)
    {
        _reader = new Library.MessagePackReader(new ReadOnlyMemory<byte>(data.ToArray()));
        _length = data.Length;
    }

    /// <summary>Byte offset of the next value from the start of the input.</summary>
    public readonly int Position => (int)_reader.Consumed;

    /// <summary>Whether every byte has been consumed.</summary>
    public readonly bool End => _reader.End;

    /// <summary>How many bytes remain unread.</summary>
    public readonly int Remaining => _length - Position;

    /// <summary>The format code of the next value.</summary>
    public readonly byte NextCode => _reader.NextCode;

    /// <summary>The type of the next value (spec "Type system"); the never-used 0xc1 throws.</summary>
    public readonly MessagePackType PeekType() => _reader.NextMessagePackType switch
    {
        Library.MessagePackType.Nil => MessagePackType.Nil,
        Library.MessagePackType.Boolean => MessagePackType.Boolean,
        Library.MessagePackType.Integer => MessagePackType.Integer,
        Library.MessagePackType.Float => MessagePackType.Float,
        Library.MessagePackType.String => MessagePackType.String,
        Library.MessagePackType.Binary => MessagePackType.Binary,
        Library.MessagePackType.Array => MessagePackType.Array,
        Library.MessagePackType.Map => MessagePackType.Map,
        Library.MessagePackType.Extension => MessagePackType.Extension,
        _ => throw new InvalidDataException($"at byte offset {Position}: the never-used format code 0x{NextCode:x2}"),
    };

    /// <summary>Consumes a nil.</summary>
    public void ReadNil() => _reader.ReadNil();

    /// <summary>Consumes the next value if it is nil.</summary>
    public bool TryReadNil() => _reader.TryReadNil();

    /// <summary>Consumes a boolean.</summary>
    public bool ReadBoolean() => _reader.ReadBoolean();

    /// <summary>Consumes an integer that fits a long.</summary>
    public long ReadInt64() => _reader.ReadInt64();

    /// <summary>Consumes a non-negative integer.</summary>
    public ulong ReadUInt64() => _reader.ReadUInt64();

    /// <summary>Consumes a float 32.</summary>
    public float ReadSingle() => _reader.ReadSingle();

    /// <summary>Consumes a float.</summary>
    public double ReadDouble() => _reader.ReadDouble();

    /// <summary>Consumes a string (nil is refused).</summary>
    public string ReadString() => _reader.ReadString() ?? throw new InvalidDataException($"at byte offset {Position}: expected a string but found nil");

    /// <summary>Consumes a string and returns its UTF-8 bytes.</summary>
    public ReadOnlySpan<byte> ReadStringBytes() => (_reader.ReadStringSequence() ?? throw new InvalidDataException("nil")).ToArray();

    /// <summary>Consumes a binary and returns its bytes.</summary>
    public ReadOnlySpan<byte> ReadBinary() => (_reader.ReadBytes() ?? throw new InvalidDataException("nil")).ToArray();

    /// <summary>Consumes an array header.</summary>
    public int ReadArrayHeader() => _reader.ReadArrayHeader();

    /// <summary>Consumes a map header.</summary>
    public int ReadMapHeader() => _reader.ReadMapHeader();

    /// <summary>Consumes an extension and returns its payload.</summary>
    public ReadOnlySpan<byte> ReadExtension(out sbyte typeCode)
    {
        var extension = _reader.ReadExtensionFormat();
        typeCode = extension.TypeCode;
        return extension.Data.ToArray();
    }

    /// <summary>Consumes the next value whatever it is.</summary>
    public void Skip() => _reader.Skip();
}
