using System.Buffers.Binary;
using System.Text;

namespace Sim.Tracing.MessagePack;

/// <summary>
/// Decodes MessagePack values from a span, one at a time, in the order they were written. Accepts every format of
/// the MessagePack specification (https://github.com/msgpack/msgpack/blob/master/spec.md, section "Formats"), not
/// only the shortest ones. Each read either consumes a whole value and advances <see cref="Position"/>, or throws
/// <see cref="MessagePackFormatException"/> (with the byte offset) and leaves <see cref="Position"/> where it was.
/// </summary>
public ref struct MessagePackReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly ReadOnlySpan<byte> _data;
    private int _position;

    /// <summary>A reader at the start of <paramref name="data"/>.</summary>
    /// <param name="data">MessagePack-encoded bytes: any number of values one after another.</param>
    public MessagePackReader(ReadOnlySpan<byte> data)
    {
        _data = data;
        _position = 0;
    }

    /// <summary>Byte offset of the next value from the start of the input.</summary>
    public readonly int Position => _position;

    /// <summary>Whether every byte of the input has been consumed.</summary>
    public readonly bool End => _position >= _data.Length;

    /// <summary>How many bytes of the input remain unread.</summary>
    public readonly int Remaining => _data.Length - _position;

    /// <summary>The format code (first byte, spec "Formats / Overview") of the next value, without consuming it.</summary>
    public readonly byte NextCode
    {
        get
        {
            if (End) throw new MessagePackFormatException(_position, "expected a value but the input ended");
            return _data[_position];
        }
    }

    /// <summary>
    /// The type (spec "Type system") of the next value, without consuming it. The never-used code 0xc1 throws.
    /// </summary>
    public readonly MessagePackType PeekType()
    {
        byte code = NextCode;
        return MessagePackFormats.TypeOf(code)
            ?? throw new MessagePackFormatException(_position, $"expected a value but found the never-used format code 0x{code:x2}");
    }

    /// <summary>Consumes a nil (spec "nil format", 0xc0); anything else throws.</summary>
    public void ReadNil()
    {
        if (!TryReadNil()) throw Unexpected("nil");
    }

    /// <summary>Consumes the next value if it is nil (spec "nil format", 0xc0).</summary>
    /// <returns>Whether the next value was nil (and was consumed); an exhausted input throws.</returns>
    public bool TryReadNil()
    {
        if (NextCode != MessagePackCode.Nil) return false;
        _position++;
        return true;
    }

    /// <summary>Consumes a boolean (spec "bool format family": 0xc2 false, 0xc3 true).</summary>
    public bool ReadBoolean()
    {
        switch (NextCode)
        {
            case MessagePackCode.False: _position++; return false;
            case MessagePackCode.True: _position++; return true;
            default: throw Unexpected("a boolean");
        }
    }

    /// <summary>
    /// Consumes an integer in any format of the spec's "int format family" whose value fits a <see cref="long"/>;
    /// a uint 64 above <see cref="long.MaxValue"/> throws.
    /// </summary>
    public long ReadInt64()
    {
        int start = _position;
        ulong bits = ReadIntegerBits(out bool negative, out int end);
        if (!negative && bits > long.MaxValue)
            throw new MessagePackFormatException(start, $"expected an integer that fits Int64 but found {bits}");
        _position = end;
        return (long)bits;
    }

    /// <summary>
    /// Consumes an integer in any format of the spec's "int format family" whose value fits a <see cref="ulong"/>;
    /// negative values throw.
    /// </summary>
    public ulong ReadUInt64()
    {
        int start = _position;
        ulong bits = ReadIntegerBits(out bool negative, out int end);
        if (negative)
            throw new MessagePackFormatException(start, $"expected a non-negative integer but found {(long)bits}");
        _position = end;
        return bits;
    }

    /// <summary>Consumes a float 32 (spec "float format family", 0xca); other formats, even float 64, throw.</summary>
    public float ReadSingle()
    {
        if (NextCode != MessagePackCode.Float32) throw Unexpected("a float 32");
        float value = BinaryPrimitives.ReadSingleBigEndian(Payload(1, 4, "float 32"));
        _position += 5;
        return value;
    }

    /// <summary>
    /// Consumes a float 32 or float 64 (spec "float format family", 0xca/0xcb), widening float 32 exactly.
    /// Integers are not floats and throw: check <see cref="PeekType"/> to accept either.
    /// </summary>
    public double ReadDouble()
    {
        switch (NextCode)
        {
            case MessagePackCode.Float32:
                return ReadSingle();
            case MessagePackCode.Float64:
                double value = BinaryPrimitives.ReadDoubleBigEndian(Payload(1, 8, "float 64"));
                _position += 9;
                return value;
            default:
                throw Unexpected("a float");
        }
    }

    /// <summary>
    /// Consumes a string (spec "str format family": fixstr, str 8/16/32) and decodes its UTF-8; invalid UTF-8 throws.
    /// </summary>
    public string ReadString()
    {
        int start = _position;
        var bytes = ReadStringBytes();
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            _position = start;
            throw new MessagePackFormatException(start, "expected a string of valid UTF-8 but its bytes are not");
        }
    }

    /// <summary>
    /// Consumes a string (spec "str format family") and returns its raw UTF-8 bytes, a slice of the input (no copy,
    /// no validation).
    /// </summary>
    public ReadOnlySpan<byte> ReadStringBytes()
    {
        byte code = NextCode;
        if (code >= MessagePackCode.MinFixStr && code <= MessagePackCode.MaxFixStr)
            return ReadBlob(1, code & 0x1f, "fixstr");
        return code switch
        {
            MessagePackCode.Str8 => ReadBlob(2, ReadLength(1, 1, "str 8"), "str 8"),
            MessagePackCode.Str16 => ReadBlob(3, ReadLength(1, 2, "str 16"), "str 16"),
            MessagePackCode.Str32 => ReadBlob(5, ReadLength(1, 4, "str 32"), "str 32"),
            _ => throw Unexpected("a string"),
        };
    }

    /// <summary>Consumes a byte array (spec "bin format family": bin 8/16/32); returns a slice of the input (no copy).</summary>
    public ReadOnlySpan<byte> ReadBinary() => NextCode switch
    {
        MessagePackCode.Bin8 => ReadBlob(2, ReadLength(1, 1, "bin 8"), "bin 8"),
        MessagePackCode.Bin16 => ReadBlob(3, ReadLength(1, 2, "bin 16"), "bin 16"),
        MessagePackCode.Bin32 => ReadBlob(5, ReadLength(1, 4, "bin 32"), "bin 32"),
        _ => throw Unexpected("binary"),
    };

    /// <summary>
    /// Consumes an array header (spec "array format family": fixarray, array 16/32) and returns the element count;
    /// the elements follow. A count larger than the bytes left (each element takes at least one) throws.
    /// </summary>
    public int ReadArrayHeader() =>
        ReadContainerHeader(MessagePackCode.MinFixArray, MessagePackCode.Array16, MessagePackCode.Array32, "an array", 1);

    /// <summary>
    /// Consumes a map header (spec "map format family": fixmap, map 16/32) and returns the pair count; keys and values
    /// follow alternately. A count larger than the bytes left allow (two per pair) throws.
    /// </summary>
    public int ReadMapHeader() =>
        ReadContainerHeader(MessagePackCode.MinFixMap, MessagePackCode.Map16, MessagePackCode.Map32, "a map", 2);

    /// <summary>
    /// Consumes an extension value (spec "ext format family": fixext 1/2/4/8/16, ext 8/16/32) and returns its payload,
    /// a slice of the input (no copy). The timestamp extension (type -1) is returned raw like any other.
    /// </summary>
    /// <param name="typeCode">The extension's type.</param>
    public ReadOnlySpan<byte> ReadExtension(out sbyte typeCode)
    {
        (int headerLength, int length) = NextCode switch
        {
            MessagePackCode.FixExt1 => (2, 1),
            MessagePackCode.FixExt2 => (2, 2),
            MessagePackCode.FixExt4 => (2, 4),
            MessagePackCode.FixExt8 => (2, 8),
            MessagePackCode.FixExt16 => (2, 16),
            MessagePackCode.Ext8 => (3, ReadLength(1, 1, "ext 8")),
            MessagePackCode.Ext16 => (4, ReadLength(1, 2, "ext 16")),
            MessagePackCode.Ext32 => (6, ReadLength(1, 4, "ext 32")),
            _ => throw Unexpected("an extension"),
        };
        typeCode = (sbyte)Payload(headerLength - 1, 1, "extension type")[0];
        return ReadBlob(headerLength, length, "extension");
    }

    /// <summary>
    /// Consumes the next value whatever it is, including every element of nested arrays and maps and extension
    /// payloads (spec "Formats"). Works without recursion, so deep nesting cannot overflow the stack.
    /// </summary>
    public void Skip()
    {
        int start = _position;
        try
        {
            long pending = 1;
            while (pending > 0)
            {
                pending--;
                switch (PeekType())
                {
                    case MessagePackType.Array: pending += ReadArrayHeader(); break;
                    case MessagePackType.Map: pending += 2L * ReadMapHeader(); break;
                    case MessagePackType.Nil: ReadNil(); break;
                    case MessagePackType.Boolean: ReadBoolean(); break;
                    case MessagePackType.Integer: SkipInteger(); break;
                    case MessagePackType.Float: ReadDouble(); break;
                    case MessagePackType.String: ReadStringBytes(); break;
                    case MessagePackType.Binary: ReadBinary(); break;
                    case MessagePackType.Extension: ReadExtension(out _); break;
                }
            }
        }
        catch (MessagePackFormatException)
        {
            _position = start;
            throw;
        }
    }

    private void SkipInteger()
    {
        ReadIntegerBits(out _, out int end);
        _position = end;
    }

    /// <summary>
    /// Decodes the integer at the position without consuming it: its 64 bits (two's complement when
    /// <paramref name="negative"/>) and where it ends.
    /// </summary>
    private readonly ulong ReadIntegerBits(out bool negative, out int end)
    {
        byte code = NextCode;
        negative = false;
        if (code <= MessagePackCode.MaxPositiveFixInt)
        {
            end = _position + 1;
            return code;
        }
        if (code >= MessagePackCode.MinNegativeFixInt)
        {
            negative = true;
            end = _position + 1;
            return (ulong)(long)(sbyte)code;
        }
        ulong bits;
        int width;
        switch (code)
        {
            case MessagePackCode.UInt8: width = 1; bits = Payload(1, 1, "uint 8")[0]; break;
            case MessagePackCode.UInt16: width = 2; bits = BinaryPrimitives.ReadUInt16BigEndian(Payload(1, 2, "uint 16")); break;
            case MessagePackCode.UInt32: width = 4; bits = BinaryPrimitives.ReadUInt32BigEndian(Payload(1, 4, "uint 32")); break;
            case MessagePackCode.UInt64: width = 8; bits = BinaryPrimitives.ReadUInt64BigEndian(Payload(1, 8, "uint 64")); break;
            case MessagePackCode.Int8: width = 1; bits = (ulong)(long)(sbyte)Payload(1, 1, "int 8")[0]; break;
            case MessagePackCode.Int16: width = 2; bits = (ulong)(long)BinaryPrimitives.ReadInt16BigEndian(Payload(1, 2, "int 16")); break;
            case MessagePackCode.Int32: width = 4; bits = (ulong)(long)BinaryPrimitives.ReadInt32BigEndian(Payload(1, 4, "int 32")); break;
            case MessagePackCode.Int64: width = 8; bits = (ulong)BinaryPrimitives.ReadInt64BigEndian(Payload(1, 8, "int 64")); break;
            default: throw Unexpected("an integer");
        }
        negative = code >= MessagePackCode.Int8 && (long)bits < 0;
        end = _position + 1 + width;
        return bits;
    }

    private int ReadContainerHeader(byte fixCode, byte code16, byte code32, string what, int minBytesPerEntry)
    {
        byte code = NextCode;
        int headerLength;
        long count;
        if ((code & 0xf0) == fixCode)
        {
            headerLength = 1;
            count = code & 0x0f;
        }
        else if (code == code16)
        {
            headerLength = 3;
            count = BinaryPrimitives.ReadUInt16BigEndian(Payload(1, 2, what, " 16 header"));
        }
        else if (code == code32)
        {
            headerLength = 5;
            count = BinaryPrimitives.ReadUInt32BigEndian(Payload(1, 4, what, " 32 header"));
        }
        else
        {
            throw Unexpected(what);
        }
        long available = Remaining - headerLength;
        if (count * minBytesPerEntry > available)
            throw new MessagePackFormatException(_position, $"expected {what} of {count} entries but only {available} bytes remain");
        _position += headerLength;
        return (int)count;
    }

    /// <summary>A big-endian length of <paramref name="width"/> bytes at <paramref name="offset"/> past the code.</summary>
    private readonly int ReadLength(int offset, int width, string what)
    {
        var bytes = Payload(offset, width, what, " length");
        uint length = width switch
        {
            1 => bytes[0],
            2 => BinaryPrimitives.ReadUInt16BigEndian(bytes),
            _ => BinaryPrimitives.ReadUInt32BigEndian(bytes),
        };
        if (length > int.MaxValue)
            throw new MessagePackFormatException(_position, $"expected {what} but its length {length} is larger than the input can be");
        return (int)length;
    }

    /// <summary>Consumes a header of <paramref name="headerLength"/> bytes and a body of <paramref name="length"/> bytes.</summary>
    private ReadOnlySpan<byte> ReadBlob(int headerLength, int length, string what)
    {
        var body = Payload(headerLength, length, what);
        _position += headerLength + length;
        return body;
    }

    /// <summary>
    /// The <paramref name="length"/> bytes at <paramref name="offset"/> past the position; too few throws, naming
    /// <paramref name="what"/> + <paramref name="part"/> (joined only then, so the normal path allocates nothing).
    /// </summary>
    private readonly ReadOnlySpan<byte> Payload(int offset, int length, string what, string part = "")
    {
        long available = (long)Remaining - offset;
        if (length > available)
            throw new MessagePackFormatException(_position,
                $"truncated {what}{part}: needs {length} bytes from offset {_position + offset} but only {Math.Max(available, 0)} remain");
        return _data.Slice(_position + offset, length);
    }

    private readonly MessagePackFormatException Unexpected(string what)
    {
        byte code = _data[_position];
        string found = MessagePackFormats.TypeOf(code) is { } type ? $"{MessagePackFormats.Name(code)} ({type})" : "the never-used code";
        return new MessagePackFormatException(_position, $"expected {what} but found {found}, format code 0x{code:x2}");
    }
}
