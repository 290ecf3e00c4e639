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
/// Capture with the virtio-snd driver and device on the test-double platform (virtio 1.2, 5.14.6.8.2): the driver posts
/// the input stream's periods on the rxq and the device fills one at every period end of its own clock, the
/// application reading each and the driver posting it again; a guest that reads each period more slowly than the
/// device captures them overruns, and every period end is either a period captured or an overrun losing its frames; an
/// rxq chain with no room for a status is a finding and the device needs a reset.
/// </summary>
public sealed class SoundCaptureActorTests
{
    private static readonly SoundWorkload Duplex = new(1, 48000, 2, SimTime.FromMilliseconds(10), 4, CaptureStreams: 1, Jacks: true, ChannelMaps: true);

    [Fact]
    public void The_device_fills_a_posted_buffer_every_period_and_the_application_reads_it()
    {
        var rig = new SoundRig(Duplex).Run(SimTime.FromMilliseconds(205));
        Assert.True(rig.Findings.Count == 0, rig.FindingsText);
        Assert.Equal(PcmState.Running, rig.BackendActor.StateOf(0));
        Assert.Equal(PcmState.Running, rig.BackendActor.StateOf(1));
        // JACK_INFO, PCM_INFO, CHMAP_INFO, then SET_PARAMS, PREPARE, START for each stream.
        Assert.Equal(9, rig.Metric($"{SoundRig.Backend}/controlCommands"));
        // The input stream starts well under 5 ms in: period ends at START + k x 10 ms for k = 1..20 within 205 ms.
        Assert.Equal(20, rig.Metric($"{SoundRig.Backend}/periodsCaptured"));
        Assert.Equal(0, rig.Metric($"{SoundRig.Backend}/overruns"));
        Assert.Equal(0, rig.Metric($"{SoundRig.Backend}/framesLost"));
        Assert.Equal(20, rig.Metric($"{SoundRig.Driver}/captureLatency"));
        // From the period's end to the application having read it: the interrupt, 8 us of guest work and the copy.
        double maxUs = rig.Metric($"{SoundRig.Driver}/captureLatency", "max") * 1e6;
        Assert.True(maxUs is > 8 and < 100, $"capture latency {maxUs} us");
        Assert.Equal(21, rig.Metric($"{SoundRig.Backend}/periodsPlayed"));
    }

    [Fact]
    public void Every_jack_toggle_reaches_the_driver_as_a_jack_event_and_later_jack_info_says_so()
    {
        var rig = new SoundRig(Duplex with { JackEvents = SimTime.FromMilliseconds(50) }).Run(SimTime.FromMilliseconds(230));
        Assert.True(rig.Findings.Count == 0, rig.FindingsText);
        // Toggles at 50, 100, 150 and 200 ms after the driver's first eventq kick (well under 1 ms in).
        Assert.Equal(4, rig.Metric($"{SoundRig.Backend}/jackEvents"));
        Assert.Equal(0, rig.Metric($"{SoundRig.Backend}/jackEventsLost"));
        Assert.Equal(4, rig.Metric($"{SoundRig.Driver}/jackEvents"));
    }

    [Fact]
    public void A_16_kHz_mono_microphone_beside_48_kHz_stereo_playback_captures_every_period()
    {
        var rig = new SoundRig(Duplex with { CaptureRate = 16000, CaptureChannels = 1 }).Run(SimTime.FromMilliseconds(205));
        Assert.True(rig.Findings.Count == 0, rig.FindingsText);
        Assert.Equal(20, rig.Metric($"{SoundRig.Backend}/periodsCaptured"));
        Assert.Equal(0, rig.Metric($"{SoundRig.Backend}/overruns"));
        Assert.Equal(20, rig.Metric($"{SoundRig.Driver}/captureLatency"));
        Assert.Equal(21, rig.Metric($"{SoundRig.Backend}/periodsPlayed"));
    }

    [Fact]
    public void A_guest_slower_than_the_period_overruns_and_every_period_end_is_captured_or_lost()
    {
        // The guest needs 25 ms of vCPU per 10 ms period read (and per period written): it cannot keep up.
        var slow = SoundRig.Costs with { GuestPeriod = SoundRig.Costs.GuestPeriod with { PerOperation = SimTime.FromMilliseconds(25) } };
        var rig = new SoundRig(Duplex with { Periods = 2 }, slow).Run(SimTime.FromMilliseconds(500));
        Assert.True(rig.Findings.Count == 0, rig.FindingsText);
        double captured = rig.Metric($"{SoundRig.Backend}/periodsCaptured");
        double overruns = rig.Metric($"{SoundRig.Backend}/overruns");
        Assert.True(overruns > 0, "a late guest overruns");
        Assert.True(captured >= 2, "the two buffers posted before START are filled");
        Assert.Equal(480 * overruns, rig.Metric($"{SoundRig.Backend}/framesLost"));
        // The capture clock does not wait for the guest: its period ends run every 10 ms from START to the end, each
        // one filling a posted buffer or an overrun, so their sum is the number of period ends: the input stream's START
        // comes after the playback's pre-fill (2 x 25 ms) and the refills the driver writes between its control
        // requests (25 ms each), so between 50 and 150 ms, leaving 35 to 45 period ends before 500 ms.
        Assert.InRange(captured + overruns, 35, 45);
    }

    [Fact]
    public void An_rxq_chain_without_room_for_a_status_is_a_finding_and_the_device_needs_a_reset()
    {
        var rig = new SoundRig(Duplex, driver: (memory, registers, platform, layout) => new OneSoundChainDriver(memory, registers, platform, layout, SoundLayout.RxQueue, layout.RxMessage(0), SoundLayout.PcmXfer.Size, 4)).Run(SimTime.FromMilliseconds(5));
        var finding = Assert.Single(rig.Findings, f => f.Actor == SoundRig.Backend);
        Assert.Equal("sound-xfer-malformed", finding.Rule);
        Assert.Equal("virtio 1.2, 5.14.6.8", finding.Reference);
        Assert.Contains("rxq", finding.Detail);
        Assert.True((rig.Registers.Status & DeviceStatus.DeviceNeedsReset) != 0, "DEVICE_NEEDS_RESET is set");
    }
}
