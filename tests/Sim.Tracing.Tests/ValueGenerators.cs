using FsCheck;
using FsCheck.Fluent;
using Sim.Tracing.MessagePack;

namespace Sim.Tracing.Tests;

/// <summary>
/// FsCheck generators of MessagePack values, biased to the edges where the shortest format changes: integers next to
/// 2^7, 2^8, 2^16, 2^32, -32, -128, -32768, -2^31 and the 64-bit limits; strings, binaries and containers of lengths
/// around 15/16, 31/32, 255/256 and 65535/65536.
/// </summary>
internal static class ValueGenerators
{
    private static readonly long[] SignedEdges =
    [
        0, 127, 128, 255, 256, 65535, 65536, 4294967295L, 4294967296L, long.MaxValue,
        -1, -32, -33, -128, -129, -32768, -32769, int.MinValue, int.MinValue - 1L, long.MinValue,
    ];

    private static readonly int[] LengthEdges = [0, 1, 15, 16, 31, 32, 255, 256, 65535, 65536];

    private static readonly string[] Glyphs = ["a", "z", "0", " ", "\"", "\\", "\n", "\u0000", "é", "ß", "中", "😀", "\u007f", "\u0080", "\uffff"];

    /// <summary>Any 64 bits, with magnitudes spread over every width (not just huge values).</summary>
    private static readonly Gen<ulong> RandomBits =
        from hi in Gen.Choose(0, ushort.MaxValue)
        from mid1 in Gen.Choose(0, ushort.MaxValue)
        from mid2 in Gen.Choose(0, ushort.MaxValue)
        from lo in Gen.Choose(0, ushort.MaxValue)
        from shift in Gen.Choose(0, 63)
        select (((ulong)(uint)hi << 48) | ((ulong)(uint)mid1 << 32) | ((ulong)(uint)mid2 << 16) | (uint)lo) >> shift;

    /// <summary>An integer: (negative, bits) where negative integers are two's complement in the bits.</summary>
    public static readonly Gen<MessagePackInteger> Integer = Gen.Frequency(
        (4, from edge in Gen.Elements(SignedEdges) from delta in Gen.Choose(-1, 1) select new MessagePackInteger(unchecked(edge + delta))),
        (1, Gen.Elements(9223372036854775808UL, 9223372036854775809UL, ulong.MaxValue - 1, ulong.MaxValue).Select(u => new MessagePackInteger(u))),
        (2, Gen.Choose(-300, 300).Select(i => new MessagePackInteger((long)i))),
        (2, from bits in RandomBits
            from negate in Gen.Elements(false, true)
            select negate ? new MessagePackInteger(-(long)(bits >> 1) - 1) : new MessagePackInteger(bits)));

    private static readonly Gen<MessagePackValue> Float = Gen.Frequency(
        (2, RandomBits.Select(b => (MessagePackValue)new MessagePackFloat(BitConverter.UInt64BitsToDouble(b)))),
        (2, RandomBits.Select(b => (MessagePackValue)new MessagePackFloat(BitConverter.UInt32BitsToSingle((uint)b)))),
        (1, Gen.Elements(0.0, -0.0, 1.5, double.NaN, double.PositiveInfinity, double.NegativeInfinity, double.Epsilon, double.MaxValue)
            .Select(d => (MessagePackValue)new MessagePackFloat(d))),
        (1, Gen.Elements(1.5f, float.NaN, float.NegativeInfinity, float.Epsilon).Select(f => (MessagePackValue)new MessagePackFloat(f))));

    /// <summary>A length near a format boundary (±1), or a small one.</summary>
    private static readonly Gen<int> Length = Gen.Frequency(
        (1, from edge in Gen.Elements(LengthEdges) from delta in Gen.Choose(-1, 1) select Math.Max(0, edge + delta)),
        (4, Gen.Choose(0, 40)));

    private static readonly Gen<MessagePackValue> String = Gen.Frequency(
        (1, Length.Select(n => (MessagePackValue)new MessagePackString(new string('s', n)))),
        (2, from count in Gen.Choose(0, 40)
            from glyphs in Gen.ArrayOf(Gen.Elements(Glyphs), count)
            select (MessagePackValue)new MessagePackString(string.Concat(glyphs))));

    private static readonly Gen<byte[]> Bytes = Gen.Frequency(
        (1, from n in Length from seed in Gen.Choose(0, 255) select Enumerable.Range(0, n).Select(i => (byte)(i * 31 + seed)).ToArray()),
        (2, from n in Gen.Choose(0, 20) from bytes in Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b), n) select bytes));

    /// <summary>Extensions of any type but -1, which the spec reserves for timestamps of a fixed layout.</summary>
    private static readonly Gen<MessagePackValue> Extension =
        from type in Gen.Choose(sbyte.MinValue, sbyte.MaxValue).Select(t => t == -1 ? 0 : t)
        from n in Gen.Elements(0, 1, 2, 3, 4, 8, 15, 16, 17, 255, 256)
        select (MessagePackValue)new MessagePackExtension((sbyte)type, Enumerable.Range(0, n).Select(i => (byte)(i ^ type)).ToArray());

    /// <summary>Any value that contains no array or map.</summary>
    public static readonly Gen<MessagePackValue> Scalar = Gen.Frequency(
        (1, Gen.Constant((MessagePackValue)MessagePackNil.Instance)),
        (1, Gen.Elements(false, true).Select(b => (MessagePackValue)MessagePackBoolean.Of(b))),
        (5, Integer.Select(i => (MessagePackValue)i)),
        (2, Float),
        (3, String),
        (2, Bytes.Select(b => (MessagePackValue)new MessagePackBinary(b))),
        (1, Extension));

    private static readonly Gen<int> ContainerCount = Gen.Frequency(
        (1, Gen.Elements(0, 14, 15, 16, 17)),
        (4, Gen.Choose(0, 5)));

    /// <summary>
    /// A tree at most <paramref name="depth"/> containers deep; with <paramref name="wide"/>, the root is sometimes an
    /// array or map of 65535 or 65536 entries (only the root, to keep runs fast).
    /// </summary>
    public static Gen<MessagePackValue> Tree(int depth, bool wide = false)
    {
        if (depth == 0) return Scalar;
        var child = Tree(depth - 1);
        var array = from n in ContainerCount from items in Gen.ArrayOf(child, n) select (MessagePackValue)new MessagePackArray(items);
        var map = from n in ContainerCount
                  from keys in Gen.ArrayOf(child, n)
                  from values in Gen.ArrayOf(child, n)
                  select (MessagePackValue)new MessagePackMap(keys.Zip(values, KeyValuePair.Create));
        // Arrays and maps whose counts straddle the 16-bit limit, filled cheaply with one repeated small integer.
        var wideContainer = from n in Gen.Elements(65535, 65536)
                            from v in Gen.Choose(0, 127)
                            from isMap in Gen.Elements(false, true)
                            select isMap
                                ? (MessagePackValue)new MessagePackMap(Enumerable.Repeat(KeyValuePair.Create<MessagePackValue, MessagePackValue>(new MessagePackInteger((long)v), MessagePackNil.Instance), n))
                                : new MessagePackArray(Enumerable.Repeat<MessagePackValue>(new MessagePackInteger((long)v), n));
        return wide ? Gen.Frequency((6, Scalar), (2, array), (2, map), (1, wideContainer)) : Gen.Frequency((6, Scalar), (2, array), (2, map));
    }

    public static Arbitrary<MessagePackValue> Trees(int depth, bool wide = false) => Arb.From(Tree(depth, wide));
}
