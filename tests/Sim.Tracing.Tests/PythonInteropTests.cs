using FsCheck;
using FsCheck.Fluent;
using Sim.Tests.Shared;
using Sim.Tracing.MessagePack;
using static Sim.Tracing.Tests.Encode;

namespace Sim.Tracing.Tests;

/// <summary>
/// Cross-checks with an independent implementation, Debian's python3-msgpack: what we write, it reads as meant; what it
/// writes, we read as meant, byte for byte the encoding we would have chosen.
/// </summary>
public sealed class PythonInteropTests
{
    private static readonly long[] IntegerEdges =
    [
        0, 1, 127, 128, 255, 256, 65535, 65536, 4294967295L, 4294967296L, int.MaxValue, long.MaxValue,
        -1, -32, -33, -128, -129, -32768, -32769, int.MinValue, int.MinValue - 1L, long.MinValue,
    ];

    private static readonly int[] StringLengths = [0, 31, 32, 255, 256, 65535, 65536];

    private static readonly int[] BinaryLengths = [0, 255, 256, 65535, 65536];

    private static readonly int[] ExtensionLengths = [1, 2, 4, 8, 16, 0, 3, 255, 256, 65536];

    private static byte[] Filled(int length) => Enumerable.Range(0, length).Select(i => (byte)(i % 251)).ToArray();

    /// <summary>A document using every format, with the integer and length boundaries, unicode and nesting.</summary>
    private static MessagePackValue[] EveryFormat() =>
    [
        MessagePackNil.Instance,
        MessagePackBoolean.True,
        MessagePackBoolean.False,
        Arr([.. IntegerEdges.Select(Int)]),
        Arr(new MessagePackInteger(9223372036854775808UL), new MessagePackInteger(ulong.MaxValue)),
        Arr(new MessagePackFloat(1.5), new MessagePackFloat(-0.0), new MessagePackFloat(double.NaN), new MessagePackFloat(double.NegativeInfinity),
            new MessagePackFloat(double.Epsilon), new MessagePackFloat(1.5f), new MessagePackFloat(-0.25f), new MessagePackFloat(float.PositiveInfinity),
            new MessagePackFloat(float.Epsilon)),
        Arr([.. StringLengths.Select(n => Str(new string('s', n)))]),
        Str("héllo wörld ✓ 中文 😀 \u0000 \"quoted\" \\"),
        Arr([.. BinaryLengths.Select(n => (MessagePackValue)new MessagePackBinary(Filled(n)))]),
        Arr([.. ExtensionLengths.Select(n => (MessagePackValue)new MessagePackExtension((sbyte)(n % 127), Filled(n)))]),
        new MessagePackExtension(-128, [1, 2, 3]),
        Arr([.. Enumerable.Range(0, 15).Select(i => Int(i))]),
        Arr([.. Enumerable.Range(0, 16).Select(i => Int(i))]),
        new MessagePackArray(Enumerable.Repeat(MessagePackNil.Instance, 65535)),
        new MessagePackArray(Enumerable.Repeat<MessagePackValue>(MessagePackBoolean.True, 65536)),
        Map([.. Enumerable.Range(0, 15).Select(i => (Int(i), Str(i.ToString())))]),
        Map([.. Enumerable.Range(0, 16).Select(i => (Str(i.ToString()), Int(-i)))]),
        Map([.. Enumerable.Range(0, 65535).Select(i => (Int(i), (MessagePackValue)MessagePackNil.Instance))]),
        Map([.. Enumerable.Range(0, 65536).Select(i => (Int(-i), (MessagePackValue)MessagePackBoolean.False))]),
        Arr(),
        Map(),
        Map((Str("nested"), Arr(Int(1), Map((Str("ключ"), Arr(MessagePackBoolean.True, MessagePackNil.Instance, Arr(Arr(Arr()))))))),
            (Arr(Int(1), Int(2)), Str("array as key")),
            (Map((Int(1), Int(2))), Str("map as key")),
            (new MessagePackBinary([0, 255]), new MessagePackFloat(2.5f))),
    ];

    [Fact]
    public void Python_reads_what_we_write()
    {
        var values = EveryFormat();
        AssertSameDescription(Describe.All(values), DescribeInPython(values));
    }

    [Fact]
    public void Python_reads_random_trees_we_write()
    {
        // One seeded case of 300 generated trees: a single python process describes them all.
        Check.One(PropertyRuns.Config(1), Prop.ForAll(Arb.From(Gen.ArrayOf(ValueGenerators.Tree(3), 300)), values =>
        {
            Assert.Equal(300, values.Length);
            AssertSameDescription(Describe.All(values), DescribeInPython(values));
        }));
    }

    [Fact]
    public void We_read_what_python_writes_byte_for_byte_as_we_would()
    {
        string path = Path.Combine(Path.GetTempPath(), $"virtiosim-msgpack-{Guid.NewGuid():N}.bin");
        try
        {
            Python.Run(PackScript, path);
            byte[] bytes = File.ReadAllBytes(path);

            var reader = new MessagePackReader(bytes);
            var document = MessagePackValue.Read(ref reader);
            var single = MessagePackValue.Read(ref reader);
            Assert.True(reader.End);

            var expected = PythonDocument();
            Assert.Equal(expected, document);
            Assert.Equal(new MessagePackFloat(1.5f), single);

            // Both implementations choose the shortest formats, so re-encoding reproduces python's bytes exactly.
            var writer = new MessagePackWriter();
            expected.Write(writer);
            writer.WriteSingle(1.5f);
            Assert.True(writer.WrittenSpan.SequenceEqual(bytes), "our encoding differs from python-msgpack's");
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>Equal descriptions, or a failure showing where they part (they can be megabytes long).</summary>
    private static void AssertSameDescription(string expected, string actual)
    {
        if (expected == actual) return;
        int at = 0;
        while (at < expected.Length && at < actual.Length && expected[at] == actual[at]) at++;
        int from = Math.Max(0, at - 300);
        string Around(string text) => text.Substring(Math.Min(from, text.Length), Math.Min(600, text.Length - Math.Min(from, text.Length)));
        Assert.Fail($"descriptions differ at character {at} (lengths {expected.Length} vs {actual.Length})\nours:   ...{Around(expected)}\npython: ...{Around(actual)}");
    }

    private static string DescribeInPython(IEnumerable<MessagePackValue> values)
    {
        string path = Path.Combine(Path.GetTempPath(), $"virtiosim-msgpack-{Guid.NewGuid():N}.bin");
        try
        {
            var writer = new MessagePackWriter();
            foreach (var value in values) value.Write(writer);
            File.WriteAllBytes(path, writer.ToArray());
            return Python.Run(PythonScript.DescribeFile, path).TrimEnd('\n');
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>What <see cref="PackScript"/> packs (its first value), built on our side.</summary>
    private static MessagePackValue PythonDocument() => Map(
        (Str("ints"), Arr([.. IntegerEdges.Select(Int), new MessagePackInteger(9223372036854775808UL), new MessagePackInteger(ulong.MaxValue)])),
        (Str("strs"), Arr([.. StringLengths.Select(n => Str(new string('s', n))), Str("héllo wörld ✓ 中文 😀")])),
        (Str("bins"), Arr([.. BinaryLengths.Select(n => (MessagePackValue)new MessagePackBinary(Filled(n)))])),
        (Str("exts"), Arr([.. ExtensionLengths.Select(n => (MessagePackValue)new MessagePackExtension(7, Filled(n)))])),
        (Str("floats"), Arr(new MessagePackFloat(1.5), new MessagePackFloat(-0.0), new MessagePackFloat(double.PositiveInfinity), new MessagePackFloat(1e308))),
        (Str("containers"), Arr(
            Arr([.. Enumerable.Range(0, 15).Select(i => Int(i))]),
            Arr([.. Enumerable.Range(0, 16).Select(i => Int(i))]),
            new MessagePackArray(Enumerable.Repeat(MessagePackNil.Instance, 65535)),
            new MessagePackArray(Enumerable.Repeat(MessagePackNil.Instance, 65536)),
            Map([.. Enumerable.Range(0, 15).Select(i => (Int(i), Int(i)))]),
            Map([.. Enumerable.Range(0, 16).Select(i => (Str(i.ToString()), Int(i)))]),
            Map([.. Enumerable.Range(0, 65536).Select(i => (Int(i), (MessagePackValue)MessagePackNil.Instance))]),
            Map((Str("a"), Arr(Int(1), Map((Str("b"), Arr(MessagePackBoolean.True, MessagePackBoolean.False, MessagePackNil.Instance))))),
                (Int(2), Map((Str("c"), new MessagePackBinary([0x00, 0xff]))))),
            Map(),
            Arr())),
        (Int(-1), MessagePackNil.Instance));

    private const string PackScript = """
        import sys, msgpack

        def filled(n):
            return bytes(i % 251 for i in range(n))

        ints = [0, 1, 127, 128, 255, 256, 65535, 65536, 2**32 - 1, 2**32, 2**31 - 1, 2**63 - 1,
                -1, -32, -33, -128, -129, -32768, -32769, -2**31, -2**31 - 1, -2**63, 2**63, 2**64 - 1]
        doc = {
            "ints": ints,
            "strs": ["s" * n for n in (0, 31, 32, 255, 256, 65535, 65536)] + ["héllo wörld ✓ 中文 😀"],
            "bins": [filled(n) for n in (0, 255, 256, 65535, 65536)],
            "exts": [msgpack.ExtType(7, filled(n)) for n in (1, 2, 4, 8, 16, 0, 3, 255, 256, 65536)],
            "floats": [1.5, -0.0, float("inf"), 1e308],
            "containers": [
                list(range(15)), list(range(16)), [None] * 65535, [None] * 65536,
                {i: i for i in range(15)}, {str(i): i for i in range(16)}, {i: None for i in range(65536)},
                {"a": [1, {"b": [True, False, None]}], 2: {"c": b"\x00\xff"}},
                {}, [],
            ],
            -1: None,
        }
        with open(sys.argv[1], "wb") as f:
            f.write(msgpack.packb(doc, use_bin_type=True))
            f.write(msgpack.packb(1.5, use_bin_type=True, use_single_float=True))
        """;
}
