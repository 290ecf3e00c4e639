using BenchmarkDotNet.Attributes;
using Sim.Hypervisors.Memory;
using Sim.Tracing.Recording;
using Sim.Layouts;

namespace Sim.Bench;

/// <summary>
/// The trace recorder's write path (issue 15: MessagePack-CSharp replaced the hand-written codec): 100,000 memory-write
/// records per invocation, a split ring's avail idx (2 bytes) and used element (8 bytes) alternately, through the guest
/// memory's write tap into the recorder's buffers and its background flushes. The cost per record, and that it
/// allocates nothing.
/// </summary>
[MemoryDiagnoser]
public class TraceWriteBenchmarks
{
    private const int RecordsPerInvocation = 100_000;
    private readonly byte[] _idx = new byte[2];
    private readonly byte[] _element = new byte[8];
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"virtiosim-bench-{Environment.ProcessId}.trace");
    private GuestMemory _memory = null!;
    private TraceRecorder _recorder = null!;

    /// <summary>A recorder watching a 4 KiB used ring.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _memory = new GuestMemory("bench", 1 << 20);
        _memory.DeclareRegion("bench/q0/used", RegionKind.SplitUsed, 0x1000, 0x1000);
        _recorder = new TraceRecorder(_path, "bench-trace", 0);
        _recorder.Attach(_memory);
    }

    /// <summary>Drops the trace.</summary>
    [GlobalCleanup]
    public void Cleanup() => _recorder.Dispose();

    /// <summary>Records 100,000 ring writes.</summary>
    [Benchmark(OperationsPerInvoke = RecordsPerInvocation)]
    public long HundredThousandRecords()
    {
        for (int i = 0; i < RecordsPerInvocation / 2; i++)
        {
            _idx[0] = (byte)i;
            _memory.Write(0x1002, _idx);
            _memory.Write(0x1004 + (ulong)(i & 255) * 8, _element);
        }
        return _recorder.Writes;
    }
}
