using System.Buffers;
using Library = global::MessagePack;

namespace Sim.Tracing.MessagePack;

/// <summary>
/// The tests' writer: each method is one call of MessagePack-CSharp's <see cref="Library.MessagePackWriter"/>, the one
/// src uses (<c>Write(long)</c>, <c>Write(ulong)</c>, <c>Write(string)</c>, <c>Write(ReadOnlySpan&lt;byte&gt;)</c>...), into
/// a growable buffer the tests can look at. It encodes nothing itself: golden bytes and python3-msgpack check the
/// library's choices of format (shortest integers, str 8, bin, float 32 or 64) that the trace format relies on.
/// </summary>
public sealed class MessagePackWriter
{
    private readonly ArrayBufferWriter<byte> _buffer;

    /// <summary>An empty writer whose buffer starts at <paramref name="initialCapacity"/> bytes.</summary>
    public MessagePackWriter(int initialCapacity = 256) => _buffer = new ArrayBufferWriter<byte>(initialCapacity);

    /// <summary>The bytes written since construction or the last <see cref="Reset"/>.</summary>
    public ReadOnlySpan<byte> WrittenSpan => _buffer.WrittenSpan;

    /// <summary>How many bytes have been written.</summary>
    public int WrittenCount => _buffer.WrittenCount;

    /// <summary>Forgets what was written, keeping the buffer.</summary>
    public void Reset() => _buffer.ResetWrittenCount();

    /// <summary>A copy of the written bytes.</summary>
    public byte[] ToArray() => _buffer.WrittenSpan.ToArray();

    /// <summary>nil.</summary>
    public void WriteNil() => With((ref Library.MessagePackWriter w) => w.WriteNil());

    /// <summary>A boolean.</summary>
    public void WriteBoolean(bool value) => With((ref Library.MessagePackWriter w) => w.Write(value));

    /// <summary>A signed integer, as the recorder writes its integers: <c>Write(long)</c>, the shortest format.</summary>
    public void WriteInt64(long value) => With((ref Library.MessagePackWriter w) => w.Write(value));

    /// <summary>An unsigned integer, as the recorder writes addresses: <c>Write(ulong)</c>, the shortest format.</summary>
    public void WriteUInt64(ulong value) => With((ref Library.MessagePackWriter w) => w.Write(value));

    /// <summary>A float 32.</summary>
    public void WriteSingle(float value) => With((ref Library.MessagePackWriter w) => w.Write(value));

    /// <summary>A float 64.</summary>
    public void WriteDouble(double value) => With((ref Library.MessagePackWriter w) => w.Write(value));

    /// <summary>A string, UTF-8 encoded by the library (<c>Write(string)</c>).</summary>
    public void WriteString(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        With((ref Library.MessagePackWriter w) => w.Write(value));
    }

    /// <summary>A string already UTF-8 encoded (<c>WriteString(ReadOnlySpan&lt;byte&gt;)</c>).</summary>
    public void WriteString(ReadOnlySpan<byte> utf8)
    {
        var writer = new Library.MessagePackWriter(_buffer);
        writer.WriteString(utf8);
        writer.Flush();
    }

    /// <summary>A binary (<c>Write(ReadOnlySpan&lt;byte&gt;)</c>: bin 8/16/32).</summary>
    public void WriteBinary(ReadOnlySpan<byte> bytes)
    {
        var writer = new Library.MessagePackWriter(_buffer);
        writer.Write(bytes);
        writer.Flush();
    }

    /// <summary>An array header.</summary>
    public void WriteArrayHeader(int count) => With((ref Library.MessagePackWriter w) => w.WriteArrayHeader(count));

    /// <summary>A map header.</summary>
    public void WriteMapHeader(int count) => With((ref Library.MessagePackWriter w) => w.WriteMapHeader(count));

    /// <summary>An extension: the library's header (fixext or ext 8/16/32), then the payload.</summary>
    public void WriteExtension(sbyte typeCode, ReadOnlySpan<byte> data)
    {
        var writer = new Library.MessagePackWriter(_buffer);
        writer.WriteExtensionFormatHeader(new Library.ExtensionHeader(typeCode, data.Length));
        writer.WriteRaw(data);
        writer.Flush();
    }

    private delegate void Write(ref Library.MessagePackWriter writer);

    private void With(Write write)
    {
        var writer = new Library.MessagePackWriter(_buffer);
        write(ref writer);
        writer.Flush();
    }
}
