using FsCheck;
using FsCheck.Fluent;
using Sim.Tests.Shared;
using Sim.Tracing.MessagePack;

namespace Sim.Tracing.Tests;

/// <summary>Properties over random values: everything written reads back equal, and integers take the fewest bytes.</summary>
public sealed class RoundTripPropertyTests
{
    [Fact]
    public void Any_tree_reads_back_equal_and_re_encodes_to_the_same_bytes()
    {
        Check.One(PropertyRuns.Config(300), Prop.ForAll(ValueGenerators.Trees(3, wide: true), value =>
        {
            byte[] bytes = Encode.Value(value);
            var decoded = Encode.Decode(bytes);
            Assert.Equal(value, decoded);
            Assert.Equal(value.GetHashCode(), decoded.GetHashCode());
            Assert.True(bytes.AsSpan().SequenceEqual(Encode.Value(decoded)), "re-encoding changed the bytes");

            var skipper = new MessagePackReader(bytes);
            skipper.Skip();
            Assert.True(skipper.End);
        }));
    }

    [Fact]
    public void Several_values_in_one_buffer_read_back_in_order()
    {
        var gen = Gen.ArrayOf(ValueGenerators.Tree(1), 4);
        Check.One(PropertyRuns.Config(100), Prop.ForAll(Arb.From(gen), values =>
        {
            var writer = new MessagePackWriter(initialCapacity: 1);
            foreach (var value in values) value.Write(writer);
            var reader = new MessagePackReader(writer.WrittenSpan);
            foreach (var value in values) Assert.Equal(value, MessagePackValue.Read(ref reader));
            Assert.True(reader.End);
        }));
    }

    [Fact]
    public void Integers_take_the_fewest_bytes_their_magnitude_allows()
    {
        Check.One(PropertyRuns.Config(2000), Prop.ForAll(Arb.From(ValueGenerators.Integer), integer =>
        {
            byte[] bytes = Encode.Value(integer);
            Assert.Equal(ExpectedLength(integer), bytes.Length);
            // Non-negative values always use the unsigned family, negative values the signed one.
            byte code = bytes[0];
            if (integer.IsNegative) Assert.True(code >= 0xe0 || code is >= 0xd0 and <= 0xd3, $"0x{code:x2} for {integer}");
            else Assert.True(code <= 0x7f || code is >= 0xcc and <= 0xcf, $"0x{code:x2} for {integer}");
            Assert.Equal(integer, Encode.Decode(bytes));
        }));
    }

    /// <summary>
    /// 1 + the smallest payload width (0 for a fixint, else 1, 2, 4 or 8 bytes) whose range holds the value, stated
    /// as bit counts rather than the writer's thresholds.
    /// </summary>
    private static int ExpectedLength(MessagePackInteger integer)
    {
        if (integer.IsNegative)
        {
            // Bits needed for a two's complement value: 64 minus the redundant leading ones, plus the sign bit.
            long value = integer.AsInt64;
            int bits = 64 - System.Numerics.BitOperations.LeadingZeroCount(~(ulong)value) + 1;
            if (value >= -32) return 1;
            return 1 + Width(bits);
        }
        ulong magnitude = integer.AsUInt64;
        int needed = 64 - System.Numerics.BitOperations.LeadingZeroCount(magnitude);
        return needed <= 7 ? 1 : 1 + Width(needed);
    }

    private static int Width(int bits) => bits <= 8 ? 1 : bits <= 16 ? 2 : bits <= 32 ? 4 : 8;
}
