using System.Text;
using Sim.Tracing.MessagePack;

namespace Sim.Tracing.Tests;

/// <summary>
/// Golden bytes for nil, booleans, floats, strings, binary, extensions and container headers, as MessagePack-CSharp
/// writes them (the trace format relies on its choices: str 8 from 32 bytes, bin for bytes, float 32 only when asked).
/// </summary>
public sealed class OtherFormatGoldenTests
{
    [Fact]
    public void Nil_and_booleans()
    {
        Assert.Equal("c0 c2 c3", Encode.Hex(Encode.With(w => { w.WriteNil(); w.WriteBoolean(false); w.WriteBoolean(true); })));
        var reader = new MessagePackReader(Encode.FromHex("c0 c2 c3"));
        Assert.True(reader.TryReadNil());
        Assert.False(reader.TryReadNil());
        Assert.False(reader.ReadBoolean());
        Assert.True(reader.ReadBoolean());
        Assert.True(reader.End);
    }

    [Fact]
    public void Float64_of_one_and_a_half()
    {
        byte[] bytes = Encode.With(w => w.WriteDouble(1.5));
        Assert.Equal("cb 3f f8 00 00 00 00 00 00", Encode.Hex(bytes));
        var reader = new MessagePackReader(bytes);
        Assert.Equal(1.5, reader.ReadDouble());
    }

    [Fact]
    public void Float32_of_one_and_a_half_reads_as_single_and_as_double()
    {
        byte[] bytes = Encode.With(w => w.WriteSingle(1.5f));
        Assert.Equal("ca 3f c0 00 00", Encode.Hex(bytes));
        var reader = new MessagePackReader(bytes);
        Assert.Equal(1.5, reader.ReadDouble());
        reader = new MessagePackReader(bytes);
        Assert.Equal(1.5f, reader.ReadSingle());
        Assert.Equal(new MessagePackFloat(1.5f), Encode.Decode(bytes));
        Assert.NotEqual<MessagePackValue>(new MessagePackFloat(1.5), Encode.Decode(bytes));
    }

    [Theory]
    [InlineData(0, "a0")]
    [InlineData(31, "bf")]
    [InlineData(32, "d9 20")]
    [InlineData(255, "d9 ff")]
    [InlineData(256, "da 01 00")]
    [InlineData(65535, "da ff ff")]
    [InlineData(65536, "db 00 01 00 00")]
    public void Strings_use_the_shortest_header(int length, string header)
    {
        string text = new('x', length);
        byte[] bytes = Encode.With(w => w.WriteString(text));
        byte[] fromUtf8 = Encode.With(w => w.WriteString(Encoding.UTF8.GetBytes(text)));
        Assert.Equal(bytes, fromUtf8);
        int headerLength = header.Split(' ').Length;
        Assert.Equal(header, Encode.Hex(bytes.AsSpan(0, headerLength)));
        Assert.Equal(headerLength + length, bytes.Length);
        var reader = new MessagePackReader(bytes);
        Assert.Equal(text, reader.ReadString());
        Assert.True(reader.End);
    }

    [Fact]
    public void String_length_counts_utf8_bytes_not_chars()
    {
        // "é" is 2 bytes, "😀" (a surrogate pair) 4: 16 characters of é make 32 bytes, so str 8.
        string text = new string('é', 16);
        Assert.Equal("d9 20", Encode.Hex(Encode.With(w => w.WriteString(text)).AsSpan(0, 2)));
        Assert.Equal("a4 f0 9f 98 80", Encode.Hex(Encode.With(w => w.WriteString("😀"))));
        // A lone surrogate (a summary cut inside a pair) is not refused: MessagePack-CSharp writes U+FFFD for it.
        Assert.Equal("a3 ef bf bd", Encode.Hex(Encode.With(w => w.WriteString("\ud800"))));
    }

    [Theory]
    [InlineData(0, "c4 00")]
    [InlineData(255, "c4 ff")]
    [InlineData(256, "c5 01 00")]
    [InlineData(65535, "c5 ff ff")]
    [InlineData(65536, "c6 00 01 00 00")]
    public void Binary_uses_the_shortest_header(int length, string header)
    {
        byte[] data = Enumerable.Range(0, length).Select(i => (byte)i).ToArray();
        byte[] bytes = Encode.With(w => w.WriteBinary(data));
        int headerLength = header.Split(' ').Length;
        Assert.Equal(header, Encode.Hex(bytes.AsSpan(0, headerLength)));
        Assert.Equal(headerLength + length, bytes.Length);
        var reader = new MessagePackReader(bytes);
        Assert.Equal(data, reader.ReadBinary().ToArray());
        Assert.True(reader.End);
    }

    [Theory]
    [InlineData(0, "90", "80")]
    [InlineData(15, "9f", "8f")]
    [InlineData(16, "dc 00 10", "de 00 10")]
    [InlineData(65535, "dc ff ff", "de ff ff")]
    [InlineData(65536, "dd 00 01 00 00", "df 00 01 00 00")]
    public void Container_headers_use_the_shortest_format(int count, string arrayHex, string mapHex)
    {
        byte[] array = Encode.With(w => w.WriteArrayHeader(count));
        byte[] map = Encode.With(w => w.WriteMapHeader(count));
        Assert.Equal(arrayHex, Encode.Hex(array));
        Assert.Equal(mapHex, Encode.Hex(map));

        // Headers only read back when the input can hold the elements: pad with nils (one byte each).
        var arrayReader = new MessagePackReader([.. array, .. new byte[count]]);
        Assert.Equal(count, arrayReader.ReadArrayHeader());
        var mapReader = new MessagePackReader([.. map, .. new byte[2 * count]]);
        Assert.Equal(count, mapReader.ReadMapHeader());
    }

    [Theory]
    [InlineData(1, "d4 05")]
    [InlineData(2, "d5 05")]
    [InlineData(4, "d6 05")]
    [InlineData(8, "d7 05")]
    [InlineData(16, "d8 05")]
    [InlineData(0, "c7 00 05")]
    [InlineData(3, "c7 03 05")]
    [InlineData(255, "c7 ff 05")]
    [InlineData(256, "c8 01 00 05")]
    [InlineData(65536, "c9 00 01 00 00 05")]
    public void Extensions_use_fixext_when_the_length_allows(int length, string header)
    {
        byte[] data = Enumerable.Range(0, length).Select(i => (byte)(i * 7)).ToArray();
        byte[] bytes = Encode.With(w => w.WriteExtension(5, data));
        int headerLength = header.Split(' ').Length;
        Assert.Equal(header, Encode.Hex(bytes.AsSpan(0, headerLength)));
        Assert.Equal(headerLength + length, bytes.Length);
        var reader = new MessagePackReader(bytes);
        Assert.Equal(data, reader.ReadExtension(out sbyte type).ToArray());
        Assert.Equal(5, type);
        Assert.True(reader.End);
    }

    [Fact]
    public void Reset_reuses_the_buffer()
    {
        var writer = new MessagePackWriter();
        writer.WriteString("hello");
        writer.Reset();
        Assert.Equal(0, writer.WrittenCount);
        writer.WriteInt64(-1);
        Assert.Equal("ff", Encode.Hex(writer.WrittenSpan));
    }

    [Fact]
    public void Skip_passes_over_nested_values_and_extensions()
    {
        var value = Encode.Arr(Encode.Map((Encode.Str("k"), Encode.Arr(Encode.Int(300), new MessagePackFloat(2.0f)))),
            new MessagePackExtension(3, [1, 2, 3]), new MessagePackBinary([9]), MessagePackNil.Instance, MessagePackBoolean.True);
        byte[] bytes = [.. Encode.Value(value), 0x2a];
        var reader = new MessagePackReader(bytes);
        reader.Skip();
        Assert.Equal(bytes.Length - 1, reader.Position);
        Assert.Equal(42, reader.ReadInt64());
    }
}
