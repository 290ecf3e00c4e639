using Sim.Tracing.MessagePack;

namespace Sim.Tracing.Tests;

/// <summary>Once the writer's buffer has grown, writing and reading numbers, headers and strings allocates nothing.</summary>
public sealed class AllocationTests
{
    private static readonly byte[] Blob = new byte[300]; // bin 16
    private const string LongText = "a string of more than thirty-one bytes, so str 8";

    [Fact]
    public void Steady_state_writing_and_reading_allocate_nothing()
    {
        var writer = new MessagePackWriter();
        const string text = "virtqueue kick ✓";
        // Grow the buffer, and run often enough for the JIT's tiering (which allocates as it recompiles) to settle.
        for (int round = 0; round < 200; round++)
        {
            writer.Reset();
            WriteBatch(writer, text);
            Assert.Equal(0, ReadBatch(writer.WrittenSpan));
        }

        int mismatches = 0;
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int round = 0; round < 100; round++)
        {
            writer.Reset();
            WriteBatch(writer, text);
            mismatches += ReadBatch(writer.WrittenSpan);
        }
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, mismatches);
        // 140,000 values were written and read: one allocation per value would be megabytes. Allow a few bytes of
        // runtime noise (as the benchmark tests do), far below one object per value.
        Assert.InRange(allocated, 0, 1024);
    }

    private static void WriteBatch(MessagePackWriter writer, string text)
    {
        writer.WriteArrayHeader(1400);
        for (int i = 0; i < 200; i++)
        {
            writer.WriteInt64(-i * 1_000_003L);
            writer.WriteUInt64((ulong)i << 40);
            writer.WriteDouble(i * 0.5);
            writer.WriteString(text);
            writer.WriteMapHeader(0);
            writer.WriteBinary(Blob);
            writer.WriteString(LongText);
        }
    }

    /// <summary>Reads back what <see cref="WriteBatch"/> wrote; returns how many values differ (asserting allocates).</summary>
    private static int ReadBatch(ReadOnlySpan<byte> bytes)
    {
        var reader = new MessagePackReader(bytes);
        int count = reader.ReadArrayHeader();
        int mismatches = 0;
        for (int i = 0; i < count / 7; i++)
        {
            if (reader.ReadInt64() != -i * 1_000_003L) mismatches++;
            if (reader.ReadUInt64() != (ulong)i << 40) mismatches++;
            if (reader.ReadDouble() != i * 0.5) mismatches++;
            if (reader.ReadStringBytes().Length != 18) mismatches++;
            if (reader.ReadMapHeader() != 0) mismatches++;
            if (reader.ReadBinary().Length != Blob.Length) mismatches++;
            if (reader.ReadStringBytes().Length != LongText.Length) mismatches++;
        }
        if (!reader.End) mismatches++;
        return mismatches;
    }
}
