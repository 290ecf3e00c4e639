using FsCheck;
using FsCheck.Fluent;
using Sim.Tests.Shared;
using Sim.Tracing.MessagePack;

namespace Sim.Tracing.Tests;

/// <summary>Truncated and malformed input fails with MessagePackFormatException naming the offset, never anything else.</summary>
public sealed class MalformedInputTests
{
    [Theory]
    [InlineData("cd 01", 0, "truncated uint 16")]
    [InlineData("cf 00 00 00", 0, "truncated uint 64")]
    [InlineData("d3", 0, "truncated int 64")]
    [InlineData("cb 3f f8", 0, "truncated float 64")]
    [InlineData("a3 61 62", 0, "truncated fixstr")]
    [InlineData("d9", 0, "truncated str 8 length")]
    [InlineData("da 00 05 61", 0, "truncated str 16")]
    [InlineData("c6 00 00 01 00 00", 0, "truncated bin 32")]
    [InlineData("d6 01 00", 0, "truncated extension")]
    [InlineData("c7 02", 0, "truncated extension type")]
    [InlineData("92 92 01 01", 4, "expected a value but the input ended")]
    [InlineData("92 01", 0, "expected an array of 2 entries but only 1 bytes remain")]
    [InlineData("93 01 cd 00", 2, "truncated uint 16")]
    [InlineData("dc 00 10 01 02", 0, "expected an array of 16 entries but only 2 bytes remain")]
    [InlineData("df ff ff ff ff", 0, "expected a map of 4294967295 entries but only 0 bytes remain")]
    [InlineData("82 a1 6b 01 a1", 4, "truncated fixstr")]
    [InlineData("c1", 0, "never-used format code 0xc1")]
    [InlineData("91 c1", 1, "never-used format code 0xc1")]
    [InlineData("", 0, "expected a value but the input ended")]
    public void Reading_a_whole_value_reports_what_and_where(string hex, int offset, string detail)
    {
        byte[] bytes = Encode.FromHex(hex);
        var error = Assert.Throws<MessagePackFormatException>(() => Encode.Decode(bytes));
        Assert.Equal(offset, error.Offset);
        Assert.Contains($"at byte offset {offset}", error.Message);
        Assert.Contains(detail, error.Message);

        // Skip meets the same problem, and leaves the reader where it was.
        var skipError = Assert.Throws<MessagePackFormatException>(() =>
        {
            var reader = new MessagePackReader(bytes);
            try
            {
                reader.Skip();
            }
            finally
            {
                Assert.Equal(0, reader.Position);
            }
        });
        Assert.Equal(offset, skipError.Offset);
    }

    [Fact]
    public void Wrong_types_name_what_was_expected_and_what_was_found()
    {
        var error = Assert.Throws<MessagePackFormatException>(() => new MessagePackReader([0xc0, 0xa1, 0x61]).ReadString());
        Assert.Equal("MessagePack: at byte offset 0: expected a string but found nil (Nil), format code 0xc0", error.Message);

        var bytes = Encode.FromHex("c3 c4 00");
        error = Assert.Throws<MessagePackFormatException>(() =>
        {
            var reader = new MessagePackReader(bytes);
            reader.ReadBoolean();
            reader.ReadInt64();
        });
        Assert.Equal(1, error.Offset);
        Assert.Contains("expected an integer but found bin 8 (Binary)", error.Message);
    }

    [Fact]
    public void Integers_outside_the_requested_range_are_rejected_without_consuming()
    {
        byte[] big = Encode.With(w => w.WriteUInt64(ulong.MaxValue));
        var error = Assert.Throws<MessagePackFormatException>(() => new MessagePackReader(big).ReadInt64());
        Assert.Contains("fits Int64", error.Message);

        byte[] negative = Encode.With(w => w.WriteInt64(-5));
        error = Assert.Throws<MessagePackFormatException>(() => new MessagePackReader(negative).ReadUInt64());
        Assert.Contains("non-negative integer but found -5", error.Message);

        var reader = new MessagePackReader(negative);
        bool threw = false;
        try
        {
            reader.ReadUInt64();
        }
        catch (MessagePackFormatException)
        {
            threw = true;
        }
        Assert.True(threw);
        Assert.Equal(0, reader.Position);
        Assert.Equal(-5, reader.ReadInt64());
    }

    [Fact]
    public void Invalid_utf8_is_rejected_with_the_string_offset()
    {
        var error = Assert.Throws<MessagePackFormatException>(() => Encode.Decode(Encode.FromHex("92 01 a2 c3 28")));
        Assert.Equal(2, error.Offset);
        Assert.Contains("valid UTF-8", error.Message);
    }

    [Fact]
    public void Nesting_beyond_the_depth_limit_is_rejected_but_skippable()
    {
        byte[] deep = [.. Enumerable.Repeat((byte)0x91, MessagePackValue.MaxDepth + 1), 0xc0];
        var error = Assert.Throws<MessagePackFormatException>(() => Encode.Decode(deep));
        Assert.Equal(MessagePackValue.MaxDepth, error.Offset);
        var reader = new MessagePackReader(deep);
        reader.Skip();
        Assert.True(reader.End);
    }

    [Fact]
    public void Every_truncation_of_a_valid_document_fails_cleanly_within_the_input()
    {
        Check.One(PropertyRuns.Config(200), Prop.ForAll(ValueGenerators.Trees(2), value =>
        {
            byte[] bytes = Encode.Value(value);
            // Every proper prefix for short documents; for long ones a spread of cut points.
            int step = Math.Max(1, bytes.Length / 64);
            for (int cut = 0; cut < bytes.Length; cut += step)
            {
                byte[] prefix = bytes[..cut];
                var error = Assert.Throws<MessagePackFormatException>(() => Encode.Decode(prefix));
                Assert.InRange(error.Offset, 0, cut);
            }
        }));
    }

    [Fact]
    public void Random_bytes_either_decode_or_fail_with_a_format_exception()
    {
        var gen = from n in Gen.Choose(0, 24) from bytes in Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b), n) select bytes;
        Check.One(PropertyRuns.Config(3000), Prop.ForAll(Arb.From(gen), bytes =>
        {
            try
            {
                var reader = new MessagePackReader(bytes);
                while (!reader.End) MessagePackValue.Read(ref reader);
            }
            catch (MessagePackFormatException error)
            {
                Assert.InRange(error.Offset, 0, bytes.Length);
            }
        }));
    }
}
