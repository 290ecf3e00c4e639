using Sim.Tests.Shared;
using FsCheck;
using FsCheck.Fluent;
using Sim.Devices.Tests.Split.Support;

namespace Sim.Devices.Tests.Split;

/// <summary>
/// Random interleavings of driver adds (1-6 buffers of 1-64 bytes, readable and writable, direct and indirect), kick
/// decisions, device pops, out-of-order completions with random written lengths, interrupt decisions and reclaims,
/// from start indexes near 65535 so the u16 wrap happens mid-run, with the flag words and with EVENT_IDX. Every added
/// buffer must come back exactly once with the length written, and no wake-up may be lost
/// (<see cref="SplitProtocolSimulation"/>).
/// </summary>
public sealed class SplitProtocolPropertyTests
{
    private static readonly Gen<Step> Steps =
        from kind in Gen.Frequency(
            (3, Gen.Constant(StepKind.Add)), (2, Gen.Constant(StepKind.Kick)), (4, Gen.Constant(StepKind.DeviceStep)),
            (3, Gen.Constant(StepKind.Complete)), (2, Gen.Constant(StepKind.Signal)), (4, Gen.Constant(StepKind.DriverStep)))
        from a in Gen.Choose(0, 1000)
        from b in Gen.Choose(0, 1000)
        select new Step(kind, a, b);

    private static Gen<SplitProtocolScenario> Scenarios(bool eventIdx) =>
        from size in Gen.Elements<ushort>(1, 2, 4, 8, 16)
        from indirect in Gen.Elements(false, true)
        from start in Gen.Frequency((1, Gen.Constant(0)), (4, Gen.Choose(65535 - 12, 65535)))
        from count in Gen.Choose(1, 160)
        from steps in Gen.ArrayOf(Steps, count)
        select new SplitProtocolScenario(size, eventIdx, indirect, (ushort)start, steps);

    [Fact]
    public void Every_buffer_comes_back_once_with_flag_notifications() => CheckProtocol(eventIdx: false);

    [Fact]
    public void Every_buffer_comes_back_once_with_event_idx() => CheckProtocol(eventIdx: true);

    private static void CheckProtocol(bool eventIdx)
    {
        int runs = 0, wrapped = 0;
        var property = Prop.ForAll(Arb.From(Scenarios(eventIdx), s => s.Shrink()), scenario =>
        {
            var simulation = new SplitProtocolSimulation(scenario);
            string? failure = simulation.Run();
            runs++;
            if (simulation.Wrapped) wrapped++;
            return (failure is null).Label(failure ?? "");
        });
        Check.One(PropertyRuns.Config(400), property);
        Assert.True(wrapped >= runs / 5, $"only {wrapped} of {runs} runs crossed the 65535 → 0 wrap");
    }
}
