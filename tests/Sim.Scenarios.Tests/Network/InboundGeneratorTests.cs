using Sim.Scenarios.Loading;
using Sim.Worlds.Results;
using Sim.Worlds.Running;
using Sim.Scenarios.Tests.Loading;
using Xunit.Abstractions;

namespace Sim.Scenarios.Tests.Network;

/// <summary>
/// A net device fed by a generator beside its backend (<c>inbound</c>, pktgen into the guest's interface): the rate's
/// forms and their errors, and what a receive-only guest delivers. Offered above what the backend sustains, the
/// delivered rate is the backend's capacity (one over its busy time per frame); offered below, it is the offered rate.
/// A received frame counts as a request in the device summary.
/// </summary>
public sealed class InboundGeneratorTests(ITestOutputHelper output)
{
    private const string Device = "vm/net0";

    private static string Scenario(string inbound, string duration = "1ms", string warmup = "0s", string otherKeys = "") => $"""
        name: inbound
        seed: 1
        duration: {duration}
        warmup: {warmup}
        costs: kvm-x86
        guests:
          - name: vm
            platform: kvm
            memory: 64MiB
            devices:
              - name: net0
                type: net
                queueSize: 256
                eventIdx: true
                backend: vhost
                inbound: {inbound}
                {otherKeys}
        """;

    private static RunResults Run(string rate, string duration, int frameBytes = 60) =>
        ScenarioRunner.Run(ScenarioLoader.LoadText(Scenario($"{{ frameBytes: {frameBytes}, rate: {rate} }}", duration, warmup: "5ms"), "inbound.yaml"));

    private static double Count(RunResults results, string metric, string value = "count") =>
        results.Metrics.Single(m => m.Key == $"{Device}/{metric}").Value.Get(value);

    private static double Seconds(RunResults results) => (results.Outcome.SimulatedTime - results.Warmup).TotalSeconds;

    [Theory]
    [InlineData("4Mpps", 60, 4e6)]
    [InlineData("500kpps", 60, 5e5)]
    [InlineData("1000pps", 60, 1e3)]
    [InlineData("2.5 Mpps", 60, 2.5e6)]
    [InlineData("1.92Gb/s", 60, 4e6)]      // 240 MB/s of 60-byte frames
    [InlineData("480Mb/s", 1500, 4e4)]
    [InlineData("12kb/s", 1500, 1)]
    public void A_rate_is_frames_per_second_or_a_bit_rate_divided_by_the_frame_length(string rate, int frameBytes, double framesPerSecond)
    {
        var net = ScenarioLoader.LoadText(Scenario($"{{ frameBytes: {frameBytes}, rate: {rate} }}"), "inbound.yaml").Transport!.Guests.Single().Net.Single();
        Assert.Null(net.Host);
        Assert.Equal(frameBytes, net.Inbound!.FrameBytes);
        Assert.Equal(framesPerSecond, net.Inbound.FramesPerSecond, tolerance: framesPerSecond * 1e-12);
    }

    [Theory]
    [InlineData("4Mbps", "a bit rate such as 780Mb/s")]
    [InlineData("fast", "a bit rate such as 780Mb/s")]
    [InlineData("0Mpps", "a packet rate such as 4Mpps")]
    [InlineData("-4Mpps", "a packet rate such as 4Mpps")]
    [InlineData("xMpps", "a packet rate such as 4Mpps")]
    [InlineData("0Gb/s", "a bit rate such as 780Mb/s")]
    public void A_rate_that_is_neither_a_packet_rate_nor_a_bit_rate_is_located_at_its_text(string rate, string expected)
    {
        string yaml = Scenario($"{{ frameBytes: 60, rate: {rate} }}");
        var (line, column) = Position(yaml, $"rate: {rate}", "rate: ".Length);
        ScenarioAssert.RejectedAt(yaml, line, column, expected, $"found '{rate}'");
    }

    [Fact]
    public void A_frame_length_below_an_ethernet_header_is_located()
    {
        string yaml = Scenario("{ frameBytes: 10, rate: 4Mpps }");
        var (line, column) = Position(yaml, "frameBytes: 10", "frameBytes: ".Length);
        ScenarioAssert.RejectedAt(yaml, line, column, "14");
    }

    [Fact]
    public void A_device_fed_both_by_a_host_path_and_by_a_generator_is_refused_at_the_generator()
    {
        string yaml = Scenario("{ frameBytes: 60, rate: 4Mpps }", otherKeys: "host: { stages: [nic, bridge, tap], sample: { period: 1ms } }");
        var (line, column) = Position(yaml, "inbound: {", "inbound: ".Length);
        ScenarioAssert.RejectedAt(yaml, line, column, "either by a host path ('host') or by a generator beside its backend ('inbound'), not both");
    }

    [Fact]
    public void Offered_above_capacity_the_backend_is_the_bottleneck_and_delivers_one_frame_per_busy_time_per_frame()
    {
        var results = Run("4Mpps", "20ms");
        Assert.Empty(results.Findings);
        double seconds = Seconds(results);
        double offered = Count(results, "inbound/sent") / seconds;
        double delivered = Count(results, "driver/rxPackets") / seconds;
        double busyPerFrame = Count(results, "backend/costs", "busy") / Count(results, "backend/rxFrames");
        output.WriteLine($"offered {offered:N0}/s, delivered {delivered:N0}/s, backend busy {busyPerFrame * 1e9:F1} ns/frame, capacity {1 / busyPerFrame:N0}/s");

        Assert.Equal(4e6, offered, tolerance: 4e6 * 0.03);                  // the generator offers what it was asked (60,000 frames: 0.4% one sigma)
        Assert.True(delivered < 0.6 * offered, $"delivered {delivered:N0}/s of {offered:N0}/s offered");
        Assert.Equal(1 / busyPerFrame, delivered, tolerance: 0.03 / busyPerFrame);
        Assert.True(Count(results, "backend/utilization", "mean") > 0.99);
        // What the backend cannot take waits in the interface's queue, at most 1,000 frames (the default queueLimit), and
        // the rest is dropped: memory does not grow with the run.
        Assert.InRange(Count(results, "backend/queue", "max"), 990, 1001);
        Assert.Equal(Count(results, "inbound/sent") - Count(results, "backend/rxFrames"), Count(results, "backend/rxDropped"), tolerance: 1001);
        Assert.True(Count(results, "backend/rxDropped") > 0.3 * Count(results, "inbound/sent"));
        Assert.Equal(Count(results, "driver/rxPackets"), Count(results, "driver/rxVerified"));
    }

    [Fact]
    public void Offered_well_below_capacity_every_frame_offered_is_delivered()
    {
        var results = Run("100kpps", "55ms");
        Assert.Empty(results.Findings);
        double seconds = Seconds(results);
        double sent = Count(results, "inbound/sent"), received = Count(results, "driver/rxPackets");
        double busyPerFrame = Count(results, "backend/costs", "busy") / Count(results, "backend/rxFrames");
        output.WriteLine($"sent {sent}, received {received} in {seconds * 1e3} ms; capacity {1 / busyPerFrame:N0}/s");

        Assert.True(1 / busyPerFrame > 5 * 100e3, $"capacity {1 / busyPerFrame:N0}/s");
        Assert.InRange(sent - received, -2, 2);                              // only frames in flight at the window's edges
        // 5,000 frames expected: a Poisson count's sigma is 71 (1.4%); four sigma either way.
        Assert.Equal(100e3, received / seconds, tolerance: 100e3 * 0.057);
        Assert.True(Count(results, "backend/utilization", "mean") < 0.3);
    }

    [Fact]
    public void A_receive_only_device_counts_each_received_frame_as_a_request_in_the_summary()
    {
        var results = Run("4Mpps", "8ms");
        double received = Count(results, "driver/rxPackets");
        Assert.Equal(0, Count(results, "driver/requests"));
        Assert.True(received > 1000, $"{received} frames received");
        var line = DeviceComparison.From(results).Single(d => d.Device == Device);
        Assert.Equal((long)received, line.Requests);
        Assert.Equal(received / Seconds(results), line.Iops, tolerance: 1e-6 * line.Iops);
        Assert.Equal(60 * received / Seconds(results), line.BytesPerSecond, tolerance: 1e-6 * line.BytesPerSecond);
    }

    /// <summary>The 1-based line and column of <paramref name="text"/> in <paramref name="yaml"/>, moved <paramref name="offset"/> characters right.</summary>
    private static (int Line, int Column) Position(string yaml, string text, int offset)
    {
        string[] lines = yaml.Split('\n');
        int row = Array.FindIndex(lines, l => l.Contains(text, StringComparison.Ordinal));
        Assert.True(row >= 0, $"'{text}' is not in the scenario");
        return (row + 1, lines[row].IndexOf(text, StringComparison.Ordinal) + offset + 1);
    }
}
