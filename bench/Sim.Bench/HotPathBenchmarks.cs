using BenchmarkDotNet.Attributes;
using Sim.Core.Randomness;
using Sim.Core.Statistics;
using Sim.Core.Time;

namespace Sim.Bench;

/// <summary>Per-call costs of the kernel's hot helpers: random draws, histogram records, time parsing.</summary>
[MemoryDiagnoser]
public class HotPathBenchmarks
{
    private readonly ActorRandom _random = new(1);
    private readonly LogLinearHistogram _histogram = new();
    private long _value = 12345;

    /// <summary>One exponential draw with the portable logarithm.</summary>
    [Benchmark]
    public double ExponentialDraw() => _random.NextExponential(1000);

    /// <summary>One raw 64-bit draw.</summary>
    [Benchmark]
    public ulong RawDraw() => _random.NextUInt64();

    /// <summary>One histogram record.</summary>
    [Benchmark]
    public void HistogramRecord()
    {
        _value = (_value * 6364136223846793005L + 1442695040888963407L) & 0xFFFFFFFFFFL;
        _histogram.Record(_value);
    }

    /// <summary>Parsing a time with a unit (scenario loading, not the hot loop).</summary>
    [Benchmark]
    public SimTime ParseTime() => SimTime.Parse("1.5us");
}
