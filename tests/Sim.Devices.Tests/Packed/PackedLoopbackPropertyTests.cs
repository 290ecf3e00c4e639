using Sim.Tests.Shared;
using FsCheck;
using FsCheck.Fluent;
using Sim.Devices.Tests.Packed.Support;

namespace Sim.Devices.Tests.Packed;

/// <summary>
/// Random interleavings of adds (1 to 8 buffers, direct or indirect), kick decisions, pops, completions (out of
/// order, in order, or in in-order batches), interrupt decisions and reclaims between a <c>PackedDriverQueue</c> and a
/// <c>PackedDeviceQueue</c>, on small queues (1, 2, 3, 5, 8: packed sizes need not be powers of two) so that the
/// ring wraps many times, with and without EVENT_IDX. Both sides act only when woken (kick / interrupt) or while
/// re-enabling finds work, so a missing notification shows up as chains that never come back.
/// </summary>
public sealed class PackedLoopbackPropertyTests
{
    private static readonly Gen<PackedScenario> Scenarios =
        from size in Gen.Elements<ushort>(1, 2, 3, 5, 8)
        from eventIdx in Gen.Elements(false, true)
        from indirect in Gen.Elements(false, true)
        from inOrder in Gen.Elements(false, true)
        from batches in Gen.Elements(false, true)
        from seed in Gen.Choose(0, int.MaxValue)
        select new PackedScenario(size, eventIdx, indirect, inOrder, batches, seed, Steps: 1500);

    [Fact]
    public void Every_chain_comes_back_once_with_the_bytes_written_and_no_wake_up_is_lost()
    {
        var property = Prop.ForAll(Scenarios.ToArbitrary(), scenario =>
        {
            var loopback = new PackedLoopback(scenario);
            loopback.Run();
            // Each chain takes at least one slot: more than 2N round trips means the ring wrapped at least twice.
            return (loopback.ReclaimedCount > 2 * scenario.Size).Label($"{scenario}: only {loopback.ReclaimedCount} round trips");
        });
        Check.One(PropertyRuns.Config(300), property);
    }

    [Theory]
    [InlineData(1, false)]
    [InlineData(1, true)]
    [InlineData(3, true)]
    [InlineData(5, false)]
    [InlineData(8, true)]
    public void Long_runs_wrap_the_ring_hundreds_of_times(int size, bool eventIdx)
    {
        foreach (bool inOrder in new[] { false, true })
        {
            var scenario = new PackedScenario((ushort)size, eventIdx, Indirect: true, inOrder, Batches: inOrder, Seed: 42 + size, Steps: 40_000);
            var loopback = new PackedLoopback(scenario);
            loopback.Run();
            Assert.True(loopback.ReclaimedCount > 200 * size, $"{scenario}: {loopback.ReclaimedCount} round trips");
        }
    }
}
