using FsCheck;
using FsCheck.Fluent;
using Sim.Tests.Shared;
using Sim.Tracing.MessagePack;
using Sim.Tracing.Recording;

namespace Sim.Tracing.Tests.Recording;

/// <summary>
/// A file that is not a trace fails with <see cref="TraceFormatException"/> naming the offset of the header or record
/// (or, for a missing string or binary, of the value) where reading stopped, never with anything else: truncated, malformed or misshapen MessagePack, random bytes.
/// </summary>
public sealed class MalformedTraceTests
{
    private static readonly TraceHeader Header = new(TraceFormat.Version, "tiny", 7, ["kvm/blk0/driver", "kvm/blk0/backend"], ["Kick"],
        ["guest"], [new TraceRegion(0, "kvm/blk0/driver/q0/used", "split-used", 0x1000, 64)], 2, 1);

    /// <summary>A small trace, and where each of its values (the header, then each record) starts.</summary>
    private static (byte[] Bytes, int[] Starts) SmallTrace()
    {
        var writer = new MessagePackWriter();
        var starts = new List<int>();
        void Record(params Action<MessagePackWriter>[] elements)
        {
            starts.Add(writer.WrittenCount);
            writer.WriteArrayHeader(elements.Length);
            foreach (var element in elements) element(writer);
        }
        byte[] header = TraceHeaderCodec.Encode(Header).ToArray();
        Record(w => w.WriteInt64(TraceFormat.EventTag), w => w.WriteInt64(0), w => w.WriteInt64(-1), w => w.WriteInt64(0), w => w.WriteInt64(0), w => w.WriteString("Kick { Queue = 0 }"));
        Record(w => w.WriteInt64(TraceFormat.WriteTag), w => w.WriteInt64(250_000), w => w.WriteInt64(0), w => w.WriteInt64(0), w => w.WriteUInt64(0x1002), w => w.WriteBinary([1, 0]));
        Record(w => w.WriteInt64(TraceFormat.EventTag), w => w.WriteInt64(250_000), w => w.WriteInt64(0), w => w.WriteInt64(1), w => w.WriteInt64(0), w => w.WriteString(new string('x', 200)));
        return ([.. header, .. writer.WrittenSpan], [0, .. starts.Select(s => s + header.Length)]);
    }

    [Fact]
    public void The_small_trace_reads_back()
    {
        var (header, records) = TraceReader.Read(SmallTrace().Bytes);
        Assert.Equal(Header.Scenario, header.Scenario);
        Assert.Equal(Header.Regions, header.Regions);
        Assert.Equal(3, records.Count);
        Assert.Equal([1, 0], Assert.IsType<TraceWrite>(records[1]).Bytes);
    }

    [Fact]
    public void Every_truncation_fails_at_the_value_it_cuts_or_reads_the_whole_records_before_it()
    {
        var (bytes, starts) = SmallTrace();
        for (int cut = 0; cut < bytes.Length; cut++)
        {
            int owner = starts.Last(s => s <= cut);
            if (cut == owner && owner != 0)
            {
                Assert.Equal(Array.IndexOf(starts, owner) - 1, TraceReader.Read(bytes.AsMemory(0, cut)).Records.Count);
                continue;
            }
            var error = Assert.Throws<TraceFormatException>(() => TraceReader.Read(bytes.AsMemory(0, cut)));
            Assert.Equal(owner, error.Offset);
            Assert.StartsWith($"trace: at byte offset {owner}: ", error.Message);
        }
    }

    [Theory]
    [InlineData("95 00 00 ff 00 00", 0, "expected a record of 6 elements")]
    [InlineData("96 02 00 ff 00 00 a0", 0, "expected a record tag 0 or 1, found 2")]
    [InlineData("96 00 a1 74 ff 00 00 a0", 0, "a record is not readable MessagePack")]
    [InlineData("96 00 00 ff 00 00 c0", 6, "expected a string but found nil")]
    [InlineData("96 01 00 00 00 cf 00 00 00 00 00 00 00 01 c0", 14, "expected binary but found nil")]
    [InlineData("96 00 cf ff ff ff ff ff ff ff ff ff 00 00 a0", 0, "a record is not readable MessagePack")]
    public void A_misshapen_record_names_what_was_expected_and_where(string record, int offsetInRecord, string detail)
    {
        byte[] header = TraceHeaderCodec.Encode(Header).ToArray();
        byte[] bytes = [.. header, .. Encode.FromHex(record)];
        var error = Assert.Throws<TraceFormatException>(() => TraceReader.Read(bytes));
        Assert.Equal(header.Length + offsetInRecord, error.Offset);
        Assert.Contains(detail, error.Message);
    }

    [Fact]
    public void A_header_of_another_format_is_refused()
    {
        byte[] bytes = TraceHeaderCodec.Encode(Header with { Format = "virtiosim-trace/0" }).ToArray();
        var error = Assert.Throws<TraceFormatException>(() => TraceReader.Read(bytes));
        Assert.Equal(0, error.Offset);
        Assert.Contains("expected a trace header of format virtiosim-trace/1, found virtiosim-trace/0", error.Message);
        Assert.Throws<TraceFormatException>(() => TraceReader.Read(Encode.FromHex("93 01 02 03")));
    }

    [Fact]
    public void Unknown_header_keys_are_skipped_however_deeply_they_nest()
    {
        byte[] known = TraceHeaderCodec.Encode(Header).ToArray();
        Assert.Equal(0x89, known[0]); // a fixmap of 9 keys: add a tenth
        const int depth = 1_000_000;
        byte[] bytes = [0x8a, .. known[1..], 0xa4, .. "deep"u8, .. Enumerable.Repeat((byte)0x91, depth), 0xc0];
        var (header, records) = TraceReader.Read(bytes);
        Assert.Equal(Header.Actors, header.Actors);
        Assert.Empty(records);
    }

    [Fact]
    public void Random_bytes_after_a_header_either_read_or_fail_with_a_trace_format_exception()
    {
        byte[] header = TraceHeaderCodec.Encode(Header).ToArray();
        var gen = from n in Gen.Choose(0, 24) from bytes in Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b), n) select bytes;
        Check.One(PropertyRuns.Config(3000), Prop.ForAll(Arb.From(gen), body =>
        {
            byte[] bytes = [.. header, .. body];
            try
            {
                TraceReader.Read(bytes);
            }
            catch (TraceFormatException error)
            {
                Assert.InRange(error.Offset, header.Length, bytes.Length);
            }
        }));
    }
}
