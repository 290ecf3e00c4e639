using Sim.Core.Time;
using Sim.Scenarios.Loading;
using Sim.Scenarios.Model;
using Sim.Scenarios.Tests.Running;
using Sim.Worlds.Results;
using Sim.Worlds.Running;

namespace Sim.Scenarios.Tests.Network;

/// <summary>
/// Where a sample's latency ends (<c>sample.rxTimestamp</c>): when the receiving application has the frame, or at
/// host2's NIC, as a receiver that reads the NIC's hardware receive timestamp measures it (Intel's sample-app-taprio
/// asks for <c>SOF_TIMESTAMPING_RAW_HARDWARE</c>). Only a receiver that owns the NIC can read that stamp; a guest behind
/// virtio-net may instead take its kernel's software stamp, as a frame enters its stack.
/// </summary>
public sealed class RxTimestampTests
{
    private const string Yaml = """
        name: stamps
        seed: 3
        duration: 40ms
        warmup: 5ms
        costs: kvm-x86
        guests:
          - name: host
            memory: 16MiB
            devices:
              - name: net0
                type: net
                host:
                  stages: [STAGES]
                  sample: { period: 1ms, STAMPrxTimestamp: STAMP }
                  BACKGROUND
        """;

    private static ScenarioModel Load(string stages, string stamp, string background = "") =>
        ScenarioLoader.LoadText(Yaml.Replace("STAGES", stages, StringComparison.Ordinal)
            .Replace("STAMPrxTimestamp: STAMP", stamp.Length == 0 ? "frameBytes: 128" : $"rxTimestamp: {stamp}", StringComparison.Ordinal)
            .Replace("BACKGROUND", background, StringComparison.Ordinal), "stamps.yaml");

    private const string SinkLatency = "host/net0/app/rxLatency";

    private static double Latency(ScenarioModel model, string statistic) => ScenarioRunner.Run(model).Value(SinkLatency, statistic);

    [Theory]
    [InlineData("nic, socket", new[] { "net.host.nic", "net.host.socket" })]
    [InlineData("nic, vfio", new[] { "net.host.nic", "net.host.vfio" })]
    public void The_nics_stamp_leaves_out_everything_host2_does_after_the_wire(string stages, string[] prefixes)
    {
        var application = Load(stages, "application");
        var nic = Load(stages, "nic");
        Assert.Equal(SampleRxTimestamp.Application, application.Transport!.Guests[0].Net[0].Host!.RxTimestamp);
        Assert.Equal(SampleRxTimestamp.Nic, nic.Transport!.Guests[0].Net[0].Host!.RxTimestamp);

        // Without background nothing queues and no wake-up is drawn on the socket path, so every sample spends exactly the
        // stages' per-packet work and hand-offs on host2; the NIC's stamp is taken before all of it.
        var profile = application.Transport.Costs;
        double host2 = prefixes.Sum(p => profile.Time($"{p}.perPacket").TotalSeconds + (profile.Has($"{p}.latency") ? profile.Time($"{p}.latency").TotalSeconds : 0));
        var read = ScenarioRunner.Run(application);
        var stampedRun = ScenarioRunner.Run(nic);
        double stamped = stampedRun.Value(SinkLatency, "max");
        Assert.Equal(stampedRun.Value(SinkLatency, "min"), stamped, 12);   // the wire and host1 only: the same for every sample
        if (stages.EndsWith("socket", StringComparison.Ordinal))
            Assert.Equal(host2, read.Value(SinkLatency, "mean") - stampedRun.Value(SinkLatency, "mean"), 9);
        else
            Assert.True(read.Value(SinkLatency, "min") - stamped >= host2 - 1e-12, "the VFIO guest's wake-up comes on top of its stages");
    }

    [Fact]
    public void Without_the_key_the_latency_ends_where_the_application_has_the_frame()
    {
        var unset = Load("nic, socket", "");
        Assert.Equal(SampleRxTimestamp.Application, unset.Transport!.Guests[0].Net[0].Host!.RxTimestamp);
        Assert.Equal(Latency(Load("nic, socket", "application"), "mean"), Latency(unset, "mean"), 15);
    }

    [Fact]
    public void Background_frames_on_the_wire_still_delay_a_stamped_sample_and_host2s_share_is_left_out()
    {
        const string background = "background: { flows: 3, kind: open, frameBytes: 1514, rate: 780Mb/s }";
        var stamped = ScenarioRunner.Run(Load("nic, socket", "nic", background));
        var read = ScenarioRunner.Run(Load("nic, socket", "application", background));
        double floor = ScenarioRunner.Run(Load("nic, socket", "nic")).Value(SinkLatency, "min");
        double loadedMax = stamped.Value(SinkLatency, "max");
        // A sample that finds a 1514-byte frame on the 2.5 GbE wire waits for it (at most 4.9 us), before the stamp.
        Assert.True(loadedMax > floor, "no sample met a bulk frame on the wire");
        Assert.True(loadedMax <= floor + 1514 * 3.2e-9 + 1e-9, $"a stamped sample waited {(loadedMax - floor) * 1e6:F2} us more than the wire can hold it");
        // The same run read by the application: host2's NIC and socket (1 + 20 + 1 + 14 us, and any wait behind netperf
        // frames in their queues) come on top of every sample.
        Assert.True(read.Value(SinkLatency, "min") - stamped.Value(SinkLatency, "min") >= 36e-6 - 1e-12);
        Assert.Equal(stamped.Value("host/net0/app/rxPackets"), read.Value("host/net0/app/rxPackets"));
    }

    private const string GuestYaml = """
        name: guest-stamps
        seed: 5
        duration: 60ms
        warmup: 10ms
        costs: kvm-x86
        guests:
          - name: vm
            memory: 16MiB
            devices:
              - name: net0
                type: net
                queueSize: 256
                mergeable: true
                backend: vhost
                RXSTACK
                host:
                  stages: [nic, bridge, tap]
                  sample: { period: 1ms, rxTimestamp: STAMP }
                  background: { flows: 3, kind: open, frameBytes: 1514, rate: 780Mb/s }
        """;

    private static RunResults RunGuest(string stamp, bool rxStack) => ScenarioRunner.Run(ScenarioLoader.LoadText(GuestYaml
        .Replace("STAMP", stamp, StringComparison.Ordinal).Replace("RXSTACK", rxStack ? "rxStack: true" : "", StringComparison.Ordinal), "guest-stamps.yaml"));

    [Fact]
    public void A_guests_kernel_stamp_comes_before_the_samples_own_stack_work_and_the_rest_of_its_batch()
    {
        var application = RunGuest("application", rxStack: true);
        var kernel = RunGuest("kernel", rxStack: true);
        const string latency = "vm/net0/driver/rxLatency";
        Assert.Equal(application.Value(latency, "count"), kernel.Value(latency, "count"));
        // The same run, stamped earlier: every sample's own stack work (net.guest.rxPacket, 1 us) and the frames after
        // it in the poll come after the kernel's stamp and before the application has it.
        Assert.True(application.Value(latency, "min") - kernel.Value(latency, "min") >= 1e-6 - 1e-12);
        Assert.True(application.Value(latency, "mean") - kernel.Value(latency, "mean") >= 1e-6 - 1e-12);
        Assert.True(kernel.Value(latency, "max") <= application.Value(latency, "max"));
    }

    [Fact]
    public void Without_a_guest_stack_the_kernels_stamp_is_the_drivers_receipt()
    {
        const string latency = "vm/net0/driver/rxLatency";
        var application = RunGuest("application", rxStack: false);
        var kernel = RunGuest("kernel", rxStack: false);
        foreach (string statistic in new[] { "min", "mean", "max", "count" })
            Assert.Equal(application.Value(latency, statistic), kernel.Value(latency, statistic));
    }

    [Theory]
    [InlineData("nic, tap", "nic", "virtio-net device")]
    [InlineData("nic, socket", "hardware", "application, kernel, nic")]
    [InlineData("nic, socket", "kernel", "a virtio-net guest's stamp")]
    [InlineData("nic, vfio", "kernel", "a virtio-net guest's stamp")]
    public void A_stamp_the_receiver_cannot_read_is_a_located_error(string stages, string stamp, string expected)
    {
        var error = Assert.Throws<ScenarioException>(() => Load(stages, stamp));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Contains("stamps.yaml:", error.Message, StringComparison.Ordinal);
    }
}
