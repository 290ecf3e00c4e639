using Sim.Hypervisors.Memory;
using Sim.Tracing.Recording;
using Sim.Layouts;

namespace Sim.Tracing.Tests.Recording;

/// <summary>
/// The recorder's hot path allocates nothing per record: once its buffers are there, writing a memory-write record
/// (MessagePack-CSharp's writer over the recorder's reused buffer) takes no managed memory.
/// </summary>
public sealed class RecorderAllocationTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("virtiosim-trace-alloc-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Steady_state_memory_write_records_allocate_nothing()
    {
        var memory = new GuestMemory("guest", 1 << 16);
        memory.DeclareRegion("q0/used", RegionKind.SplitUsed, 0x1000, 0x1000);
        using var recorder = new TraceRecorder(Path.Combine(_folder, "run.trace"), "alloc", 0);
        recorder.Attach(memory);
        byte[] small = [1, 2, 3, 4];
        byte[] large = new byte[300]; // bin 16
        // Run often enough for the JIT's tiering (which allocates as it recompiles) to settle. A flush (one per MiB of
        // records, a background write) may fall in the measured loop: it allocates a task, not a record's worth.
        for (int i = 0; i < 5_000; i++) WriteBoth(memory, small, large, (ulong)i);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1_000; i++) WriteBoth(memory, small, large, (ulong)i);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(12_000, recorder.Writes);
        // 2,000 records were written: one allocation per record would be tens of kilobytes. Allow runtime noise.
        Assert.InRange(allocated, 0, 1024);
        recorder.Complete();
    }

    private static void WriteBoth(GuestMemory memory, byte[] small, byte[] large, ulong i)
    {
        small[0] = (byte)i;
        memory.Write(0x1000 + (i % 64) * 4, small);
        memory.Write(0x1800, large);
    }
}
