using System.Buffers.Binary;
using System.Text;

namespace Sim.Tracing.MessagePack;

/// <summary>
/// Encodes MessagePack values into a growable byte buffer, always choosing the shortest format for the value, as the
/// MessagePack specification recommends ("Serialization: type to format conversion",
/// https://github.com/msgpack/msgpack/blob/master/spec.md#serialization-type-to-format-conversion). Numbers and
/// headers are written without allocating; strings are UTF-8 encoded straight into the buffer. The buffer only grows
/// (doubling); <see cref="Reset"/> empties it for reuse. Not thread-safe.
/// </summary>
public sealed class MessagePackWriter
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private byte[] _buffer;
    private int _count;

    /// <summary>An empty writer whose buffer starts at <paramref name="initialCapacity"/> bytes.</summary>
    /// <param name="initialCapacity">Initial buffer size in bytes (at least 1).</param>
    public MessagePackWriter(int initialCapacity = 256)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(initialCapacity, 1);
        _buffer = new byte[initialCapacity];
    }

    /// <summary>The bytes written since construction or the last <see cref="Reset"/>; valid until the next write.</summary>
    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _count);

    /// <summary>The bytes written, as memory; valid until the next write.</summary>
    public ReadOnlyMemory<byte> WrittenMemory => _buffer.AsMemory(0, _count);

    /// <summary>How many bytes have been written.</summary>
    public int WrittenCount => _count;

    /// <summary>Forgets what was written, keeping the buffer for reuse.</summary>
    public void Reset() => _count = 0;

    /// <summary>A copy of the written bytes.</summary>
    public byte[] ToArray() => WrittenSpan.ToArray();

    /// <summary>Writes nil (spec "nil format": 0xc0).</summary>
    public void WriteNil() => WriteByte(MessagePackCode.Nil);

    /// <summary>Writes a boolean (spec "bool format family": false 0xc2, true 0xc3).</summary>
    /// <param name="value">The value.</param>
    public void WriteBoolean(bool value) => WriteByte(value ? MessagePackCode.True : MessagePackCode.False);

    /// <summary>
    /// Writes a signed integer in its shortest form (spec "int format family"): non-negative values as positive fixint
    /// or uint 8/16/32/64, negative values as negative fixint or int 8/16/32/64.
    /// </summary>
    /// <param name="value">The value.</param>
    public void WriteInt64(long value)
    {
        if (value >= 0)
        {
            WriteUInt64((ulong)value);
        }
        else if (value >= MessagePackCode.MinNegativeFixIntValue)
        {
            WriteByte((byte)(sbyte)value);
        }
        else if (value >= sbyte.MinValue)
        {
            var span = Reserve(2);
            span[0] = MessagePackCode.Int8;
            span[1] = (byte)(sbyte)value;
        }
        else if (value >= short.MinValue)
        {
            var span = Reserve(3);
            span[0] = MessagePackCode.Int16;
            BinaryPrimitives.WriteInt16BigEndian(span[1..], (short)value);
        }
        else if (value >= int.MinValue)
        {
            var span = Reserve(5);
            span[0] = MessagePackCode.Int32;
            BinaryPrimitives.WriteInt32BigEndian(span[1..], (int)value);
        }
        else
        {
            var span = Reserve(9);
            span[0] = MessagePackCode.Int64;
            BinaryPrimitives.WriteInt64BigEndian(span[1..], value);
        }
    }

    /// <summary>
    /// Writes an unsigned integer in its shortest form (spec "int format family"): positive fixint (0x00-0x7f) or
    /// uint 8/16/32/64.
    /// </summary>
    /// <param name="value">The value.</param>
    public void WriteUInt64(ulong value)
    {
        if (value <= MessagePackCode.MaxPositiveFixInt)
        {
            WriteByte((byte)value);
        }
        else if (value <= byte.MaxValue)
        {
            var span = Reserve(2);
            span[0] = MessagePackCode.UInt8;
            span[1] = (byte)value;
        }
        else if (value <= ushort.MaxValue)
        {
            var span = Reserve(3);
            span[0] = MessagePackCode.UInt16;
            BinaryPrimitives.WriteUInt16BigEndian(span[1..], (ushort)value);
        }
        else if (value <= uint.MaxValue)
        {
            var span = Reserve(5);
            span[0] = MessagePackCode.UInt32;
            BinaryPrimitives.WriteUInt32BigEndian(span[1..], (uint)value);
        }
        else
        {
            var span = Reserve(9);
            span[0] = MessagePackCode.UInt64;
            BinaryPrimitives.WriteUInt64BigEndian(span[1..], value);
        }
    }

    /// <summary>Writes an IEEE 754 single precision float (spec "float format family": float 32, 0xca).</summary>
    /// <param name="value">The value.</param>
    public void WriteSingle(float value)
    {
        var span = Reserve(5);
        span[0] = MessagePackCode.Float32;
        BinaryPrimitives.WriteSingleBigEndian(span[1..], value);
    }

    /// <summary>Writes an IEEE 754 double precision float (spec "float format family": float 64, 0xcb).</summary>
    /// <param name="value">The value.</param>
    public void WriteDouble(double value)
    {
        var span = Reserve(9);
        span[0] = MessagePackCode.Float64;
        BinaryPrimitives.WriteDoubleBigEndian(span[1..], value);
    }

    /// <summary>
    /// Writes a string as UTF-8 in its shortest form (spec "str format family": fixstr, str 8/16/32). Text that is
    /// not valid UTF-16 (a lone surrogate) cannot be encoded and throws <see cref="ArgumentException"/>.
    /// </summary>
    /// <param name="value">The text.</param>
    public void WriteString(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        int length = StrictUtf8.GetByteCount(value);
        WriteStringHeader(length);
        int written = StrictUtf8.GetBytes(value, Reserve(length));
        System.Diagnostics.Debug.Assert(written == length);
    }

    /// <summary>
    /// Writes already UTF-8 encoded text in its shortest form (spec "str format family"); the bytes are copied as
    /// they are, so the caller vouches that they are valid UTF-8.
    /// </summary>
    /// <param name="utf8">The UTF-8 bytes of the text.</param>
    public void WriteString(ReadOnlySpan<byte> utf8)
    {
        WriteStringHeader(utf8.Length);
        utf8.CopyTo(Reserve(utf8.Length));
    }

    /// <summary>Writes a byte array in its shortest form (spec "bin format family": bin 8/16/32).</summary>
    /// <param name="bytes">The bytes.</param>
    public void WriteBinary(ReadOnlySpan<byte> bytes)
    {
        int length = bytes.Length;
        if (length <= byte.MaxValue)
        {
            var span = Reserve(2);
            span[0] = MessagePackCode.Bin8;
            span[1] = (byte)length;
        }
        else if (length <= ushort.MaxValue)
        {
            var span = Reserve(3);
            span[0] = MessagePackCode.Bin16;
            BinaryPrimitives.WriteUInt16BigEndian(span[1..], (ushort)length);
        }
        else
        {
            var span = Reserve(5);
            span[0] = MessagePackCode.Bin32;
            BinaryPrimitives.WriteUInt32BigEndian(span[1..], (uint)length);
        }
        bytes.CopyTo(Reserve(length));
    }

    /// <summary>
    /// Writes the header of an array of <paramref name="count"/> elements (spec "array format family": fixarray,
    /// array 16/32); the caller then writes the elements.
    /// </summary>
    /// <param name="count">Number of elements (not negative).</param>
    public void WriteArrayHeader(int count) =>
        WriteContainerHeader(count, MessagePackCode.MinFixArray, MessagePackCode.Array16, MessagePackCode.Array32);

    /// <summary>
    /// Writes the header of a map of <paramref name="count"/> key-value pairs (spec "map format family": fixmap,
    /// map 16/32); the caller then writes key, value, key, value...
    /// </summary>
    /// <param name="count">Number of pairs (not negative).</param>
    public void WriteMapHeader(int count) =>
        WriteContainerHeader(count, MessagePackCode.MinFixMap, MessagePackCode.Map16, MessagePackCode.Map32);

    /// <summary>
    /// Writes an extension value in its shortest form (spec "ext format family": fixext 1/2/4/8/16 when the data has
    /// exactly that length, otherwise ext 8/16/32). Types -128..-1 are reserved by the spec (-1 is the timestamp).
    /// </summary>
    /// <param name="typeCode">The application-defined extension type.</param>
    /// <param name="data">The extension's payload.</param>
    public void WriteExtension(sbyte typeCode, ReadOnlySpan<byte> data)
    {
        int length = data.Length;
        byte fixCode = length switch
        {
            1 => MessagePackCode.FixExt1,
            2 => MessagePackCode.FixExt2,
            4 => MessagePackCode.FixExt4,
            8 => MessagePackCode.FixExt8,
            16 => MessagePackCode.FixExt16,
            _ => 0,
        };
        if (fixCode != 0)
        {
            var span = Reserve(2);
            span[0] = fixCode;
            span[1] = (byte)typeCode;
        }
        else if (length <= byte.MaxValue)
        {
            var span = Reserve(3);
            span[0] = MessagePackCode.Ext8;
            span[1] = (byte)length;
            span[2] = (byte)typeCode;
        }
        else if (length <= ushort.MaxValue)
        {
            var span = Reserve(4);
            span[0] = MessagePackCode.Ext16;
            BinaryPrimitives.WriteUInt16BigEndian(span[1..], (ushort)length);
            span[3] = (byte)typeCode;
        }
        else
        {
            var span = Reserve(6);
            span[0] = MessagePackCode.Ext32;
            BinaryPrimitives.WriteUInt32BigEndian(span[1..], (uint)length);
            span[5] = (byte)typeCode;
        }
        data.CopyTo(Reserve(length));
    }

    private void WriteStringHeader(int length)
    {
        if (length <= MessagePackCode.MaxFixStrLength)
        {
            WriteByte((byte)(MessagePackCode.MinFixStr | length));
        }
        else if (length <= byte.MaxValue)
        {
            var span = Reserve(2);
            span[0] = MessagePackCode.Str8;
            span[1] = (byte)length;
        }
        else if (length <= ushort.MaxValue)
        {
            var span = Reserve(3);
            span[0] = MessagePackCode.Str16;
            BinaryPrimitives.WriteUInt16BigEndian(span[1..], (ushort)length);
        }
        else
        {
            var span = Reserve(5);
            span[0] = MessagePackCode.Str32;
            BinaryPrimitives.WriteUInt32BigEndian(span[1..], (uint)length);
        }
    }

    private void WriteContainerHeader(int count, byte fixCode, byte code16, byte code32)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count <= MessagePackCode.MaxFixContainerCount)
        {
            WriteByte((byte)(fixCode | count));
        }
        else if (count <= ushort.MaxValue)
        {
            var span = Reserve(3);
            span[0] = code16;
            BinaryPrimitives.WriteUInt16BigEndian(span[1..], (ushort)count);
        }
        else
        {
            var span = Reserve(5);
            span[0] = code32;
            BinaryPrimitives.WriteUInt32BigEndian(span[1..], (uint)count);
        }
    }

    private void WriteByte(byte value) => Reserve(1)[0] = value;

    /// <summary>The next <paramref name="length"/> bytes of the buffer, counted as written.</summary>
    private Span<byte> Reserve(int length)
    {
        long needed = (long)_count + length;
        if (needed > _buffer.Length)
        {
            if (needed > Array.MaxLength) throw new InvalidOperationException("MessagePackWriter: the encoded output would exceed the largest array .NET allows");
            Array.Resize(ref _buffer, (int)Math.Min(Math.Max((long)_buffer.Length * 2, needed), Array.MaxLength));
        }
        var span = _buffer.AsSpan(_count, length);
        _count = (int)needed;
        return span;
    }
}
