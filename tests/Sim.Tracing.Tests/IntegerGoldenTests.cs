using Sim.Tracing.MessagePack;

namespace Sim.Tracing.Tests;

/// <summary>
/// The shortest integer encodings at every format boundary (spec "int format family"), both ways: MessagePack-CSharp's
/// <c>Write(long)</c> and <c>Write(ulong)</c>, which the recorder uses for every integer of a trace.
/// </summary>
public sealed class IntegerGoldenTests
{
    [Theory]
    [InlineData(0L, "00")]
    [InlineData(1L, "01")]
    [InlineData(127L, "7f")]
    [InlineData(128L, "cc 80")]
    [InlineData(255L, "cc ff")]
    [InlineData(256L, "cd 01 00")]
    [InlineData(65535L, "cd ff ff")]
    [InlineData(65536L, "ce 00 01 00 00")]
    [InlineData(4294967295L, "ce ff ff ff ff")]
    [InlineData(4294967296L, "cf 00 00 00 01 00 00 00 00")]
    [InlineData(long.MaxValue, "cf 7f ff ff ff ff ff ff ff")]
    [InlineData(-1L, "ff")]
    [InlineData(-32L, "e0")]
    [InlineData(-33L, "d0 df")]
    [InlineData(-128L, "d0 80")]
    [InlineData(-129L, "d1 ff 7f")]
    [InlineData(-32768L, "d1 80 00")]
    [InlineData(-32769L, "d2 ff ff 7f ff")]
    [InlineData(int.MaxValue, "ce 7f ff ff ff")]
    [InlineData(int.MinValue, "d2 80 00 00 00")]
    [InlineData(-2147483649L, "d3 ff ff ff ff 7f ff ff ff")]
    [InlineData(long.MinValue, "d3 80 00 00 00 00 00 00 00")]
    public void Int64_uses_the_shortest_format_and_reads_back(long value, string hex)
    {
        byte[] bytes = Encode.With(w => w.WriteInt64(value));
        Assert.Equal(hex, Encode.Hex(bytes));

        var reader = new MessagePackReader(bytes);
        Assert.Equal(MessagePackType.Integer, reader.PeekType());
        Assert.Equal(value, reader.ReadInt64());
        Assert.True(reader.End);
        Assert.Equal(new MessagePackInteger(value), Encode.Decode(bytes));
    }

    [Theory]
    [InlineData(0UL, "00")]
    [InlineData(127UL, "7f")]
    [InlineData(128UL, "cc 80")]
    [InlineData(65536UL, "ce 00 01 00 00")]
    [InlineData(4294967296UL, "cf 00 00 00 01 00 00 00 00")]
    [InlineData(9223372036854775808UL, "cf 80 00 00 00 00 00 00 00")]
    [InlineData(ulong.MaxValue, "cf ff ff ff ff ff ff ff ff")]
    public void UInt64_uses_the_shortest_format_and_reads_back(ulong value, string hex)
    {
        byte[] bytes = Encode.With(w => w.WriteUInt64(value));
        Assert.Equal(hex, Encode.Hex(bytes));

        var reader = new MessagePackReader(bytes);
        Assert.Equal(value, reader.ReadUInt64());
        Assert.True(reader.End);
        Assert.Equal(new MessagePackInteger(value), Encode.Decode(bytes));
    }

    [Theory]
    [InlineData("cc 05", 5L)]
    [InlineData("cd 00 05", 5L)]
    [InlineData("ce 00 00 00 05", 5L)]
    [InlineData("cf 00 00 00 00 00 00 00 05", 5L)]
    [InlineData("d0 05", 5L)]
    [InlineData("d1 00 05", 5L)]
    [InlineData("d2 00 00 00 05", 5L)]
    [InlineData("d3 00 00 00 00 00 00 00 05", 5L)]
    [InlineData("d0 ff", -1L)]
    [InlineData("d3 ff ff ff ff ff ff ff ff", -1L)]
    public void Longer_than_needed_encodings_are_accepted(string hex, long expected)
    {
        var reader = new MessagePackReader(Encode.FromHex(hex));
        Assert.Equal(expected, reader.ReadInt64());
        Assert.True(reader.End);
        if (expected >= 0)
        {
            reader = new MessagePackReader(Encode.FromHex(hex));
            Assert.Equal((ulong)expected, reader.ReadUInt64());
        }
    }

    [Fact]
    public void Signed_and_unsigned_integers_of_the_same_value_are_equal()
    {
        Assert.Equal(new MessagePackInteger(5L), new MessagePackInteger(5UL));
        Assert.Equal(new MessagePackInteger(5L).GetHashCode(), new MessagePackInteger(5UL).GetHashCode());
        Assert.NotEqual(new MessagePackInteger(-1L), new MessagePackInteger(ulong.MaxValue));
    }
}
