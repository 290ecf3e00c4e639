using Sim.Core.Randomness;
using Sim.Core.Time;
using Sim.Devices.Blk;

namespace Sim.Devices.Tests.Blk;

/// <summary>Round storage figures for tests (80 µs reads at 2 GB/s, 20 µs writes at 1 GB/s, 200 µs flushes); scenarios take theirs from a cost profile.</summary>
internal static class BlkTestTiming
{
    public static BlkStorageTiming Example { get; } = new(
        new ConstantDelay(SimTime.FromMicroseconds(80)), 2_000_000_000,
        new ConstantDelay(SimTime.FromMicroseconds(20)), 1_000_000_000,
        new ConstantDelay(SimTime.FromMicroseconds(200)));
}
