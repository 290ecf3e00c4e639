using Sim.Core.Time;
using Sim.Devices.Common;
using Sim.Devices.Sound;
using Sim.Devices.Tests.Blk;
using Sim.Devices.Virtio.Facilities;
using Sim.Devices.Virtio.Queues;
using Sim.Hypervisors.Memory;
using Sim.Hypervisors.Platform;

namespace Sim.Devices.Tests.Sound;

/// <summary>
/// The virtio-snd driver and device on the test-double platform (virtio 1.2, 5.14): the driver brings the stream up
/// over the controlq and keeps the txq filled; the device plays one period every period time. A guest that writes each
/// period more slowly than the device plays them underruns; a chain too short for its structure is a finding and the
/// device needs a reset.
/// </summary>
public sealed class SoundActorTests
{
    private static readonly SoundWorkload Stereo48k = new(1, 48000, 2, SimTime.FromMilliseconds(10), 4);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void The_driver_starts_the_stream_and_the_device_plays_a_period_every_period_time(bool eventIdx)
    {
        var rig = new SoundRig(Stereo48k, ringFeatures: eventIdx ? Sim.Devices.Virtio.VirtioFeatures.EventIdx : 0).Run(SimTime.FromMilliseconds(205));
        Assert.True(rig.Findings.Count == 0, rig.FindingsText);
        Assert.Equal(PcmState.Running, rig.BackendActor.StateOf(0));
        // PCM_INFO, SET_PARAMS, PREPARE, START.
        Assert.Equal(4, rig.Metric($"{SoundRig.Backend}/controlCommands"));
        Assert.Equal(4, rig.Metric($"{SoundRig.Driver}/controlCommands"));
        // Deadlines at START + k x 10 ms for k = 0..20 within 205 ms (START is well under 5 ms in).
        Assert.Equal(21, rig.Metric($"{SoundRig.Backend}/periodsPlayed"));
        Assert.Equal(0, rig.Metric($"{SoundRig.Backend}/underruns"));
        Assert.Equal(0, rig.Metric($"{SoundRig.Backend}/badMessages"));
        Assert.Equal(21, rig.Metric($"{SoundRig.Driver}/requests"));
        // Each refill queues behind the three periods still in the device: played about 4 periods after it is written.
        double meanMs = rig.Metric($"{SoundRig.Backend}/endToEndLatency", "mean") * 1e3;
        Assert.InRange(rig.Metric($"{SoundRig.Backend}/endToEndLatency", "count"), 17, 21);
        Assert.True(meanMs is > 25 and < 41, $"mean end-to-end latency {meanMs} ms");
    }

    [Fact]
    public void A_guest_slower_than_the_period_underruns_and_every_deadline_is_played_or_an_underrun()
    {
        // The guest needs 25 ms of vCPU per 10 ms period: it cannot keep up.
        var slow = SoundRig.Costs with { GuestPeriod = SoundRig.Costs.GuestPeriod with { PerOperation = SimTime.FromMilliseconds(25) } };
        var rig = new SoundRig(Stereo48k with { Periods = 2 }, slow).Run(SimTime.FromMilliseconds(500));
        Assert.True(rig.Findings.Count == 0, rig.FindingsText);
        double played = rig.Metric($"{SoundRig.Backend}/periodsPlayed");
        double underruns = rig.Metric($"{SoundRig.Backend}/underruns");
        double late = rig.Metric($"{SoundRig.Backend}/periodDeadlineMisses");
        Assert.True(underruns > 0, "a late guest underruns");
        Assert.True(late > 0 && late <= underruns, $"{late} late periods for {underruns} underruns");
        // The device's clock does not wait for the guest: START comes just after the pre-fill of 2 x 25 ms, so the
        // deadlines are 50 ms + a little + k x 10 ms up to 500 ms (k = 0..44), each played or an underrun.
        Assert.Equal(45, played + underruns);
        Assert.True(rig.Metric($"{SoundRig.Backend}/periodLateness", "count") == late);
    }

    [Fact]
    public void A_txq_chain_without_a_status_is_a_finding_and_the_device_needs_a_reset()
    {
        var rig = new SoundRig(Stereo48k, driver: (memory, registers, platform, layout) => new OneSoundChainDriver(memory, registers, platform, layout, SoundLayout.TxQueue, layout.Message(0), SoundLayout.PcmXfer.Size + 64, 0)).Run(SimTime.FromMilliseconds(5));
        var finding = Assert.Single(rig.Findings, f => f.Actor == SoundRig.Backend);
        Assert.Equal("sound-xfer-malformed", finding.Rule);
        Assert.Equal("virtio 1.2, 5.14.6.8", finding.Reference);
        Assert.True((rig.Registers.Status & DeviceStatus.DeviceNeedsReset) != 0, "DEVICE_NEEDS_RESET is set");
        Assert.Equal(0, rig.Metric($"{SoundRig.Backend}/ioMessages"));
    }
}
