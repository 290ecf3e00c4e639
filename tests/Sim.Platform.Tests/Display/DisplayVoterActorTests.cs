using Sim.Core.Actors;
using Sim.Core.Running;
using Sim.Core.Statistics;
using Sim.Core.Time;
using Sim.Devices.Gpu;
using Sim.Devices.Scmi;
using Sim.Platform.Display;
using Sim.Interconnect.Aggregation;
using Sim.Devices.Scmi.Protocol;

namespace Sim.Platform.Tests.Display;

/// <summary>The display's bus votes over SCMI (Arm DEN0056, 4.5.2), seen by a fake platform that decodes every command.</summary>
public sealed class DisplayVoterActorTests
{
    // 1920 × 1080 × 4 B × 60 Hz = 497,664,000 B/s = 497,664 kB/s.
    private static readonly GpuDisplayMode FullHd60 = GpuDisplayMode.AtHz(1920, 1080, GpuFormat.B8G8R8X8Unorm, 60);
    private const uint FullHd60KBps = 497_664;
    private const uint Max = 0xFFFF_FFFF;

    /// <summary>One decoded command as the platform received it.</summary>
    private sealed record Received(SimTime At, int Agent, ScmiHeader Header, ScmiPerfRequest Request);

    /// <summary>Decodes each command, answers it with <paramref name="status"/> and, when asked, notifies each LEVEL_SET's level back.</summary>
    private sealed class FakePlatform(ScmiStatus status = ScmiStatus.Success, bool notifyLevels = false) : Actor
    {
        public List<Received> Commands { get; } = new();

        protected override void Receive(object message, ActorRef sender)
        {
            var command = (ScmiCommandMessage)message;
            Assert.True(ScmiMessage.TrySplit(command.Message, out var header, out var payload));
            var decoded = ScmiPerfRequestCodec.Decode(header.MessageId, payload);
            Assert.Equal(ScmiStatus.Success, decoded.Status);
            Commands.Add(new Received(Now, command.Agent, header, decoded.Request!));
            Send(command.ReplyTo, new ScmiResponseMessage(ScmiMessage.Compose(header, ScmiPerfResponseCodec.EncodeStatus(status))));
            if (notifyLevels && decoded.Request is PerfLevelSetRequest set)
                Send(command.ReplyTo, new ScmiNotificationMessage(new PerfLevelChangedNotification((uint)command.Agent, set.Domain, set.Level).EncodeMessage()));
        }
    }

    private static (Simulation Simulation, FakePlatform Platform, DisplayVoterActor Voter) Run(
        DisplayVoteBehaviour behaviour, string end, double peakFraction = 1.0, SimTime startDelay = default,
        ScmiStatus status = ScmiStatus.Success, bool notifyLevels = false, ulong seed = 1, string path = "vm3/gpu-voter")
    {
        var simulation = new Simulation(seed);
        var platform = simulation.Add("platform", new FakePlatform(status, notifyLevels));
        var voter = simulation.Add(path, new DisplayVoterActor(3, DisplayBandwidthNeed.For(FullHd60, peakFraction), platform.Ref, behaviour, startDelay));
        simulation.Run(new RunLimits(SimTime.Parse(end), SimTime.Zero));
        return (simulation, platform, voter);
    }

    private static long Count(Simulation simulation, string path) => ((Counter)simulation.Metrics.Find(path)!).Value;

    private static void AssertCommands(FakePlatform platform, params (string At, ScmiPerfRequest Request)[] expected)
    {
        Assert.Equal(expected.Length, platform.Commands.Count);
        for (int i = 0; i < expected.Length; i++)
        {
            var got = platform.Commands[i];
            Assert.Equal(SimTime.Parse(expected[i].At), got.At);
            Assert.Equal(3, got.Agent);
            Assert.Equal(new ScmiHeader((byte)expected[i].Request.MessageId, ScmiMessageType.Command, ScmiPerfLayout.ProtocolId, (ushort)i), got.Header);
            Assert.Equal(expected[i].Request, got.Request);
        }
    }

    [Fact]
    public void The_need_is_the_modes_rate_in_kB_per_s_and_the_peak_reads_a_frame_within_the_fraction()
    {
        Assert.Equal(new DisplayBandwidthNeed(FullHd60KBps, FullHd60KBps, 1.0), DisplayBandwidthNeed.For(FullHd60));
        // Within half a period: twice the average. Within 0.8 of it: 497,664,000 / 0.8 = 622,080,000 B/s exactly.
        Assert.Equal(2 * FullHd60KBps, DisplayBandwidthNeed.For(FullHd60, 0.5).PeakKBps);
        Assert.Equal(622_080u, DisplayBandwidthNeed.For(FullHd60, 0.8).PeakKBps);
        // 59.94 Hz: 8,294,400 × 59.94 = 497,166,336 B/s, rounded up to 497,167 kB/s.
        Assert.Equal(497_167u, DisplayBandwidthNeed.For(new GpuDisplayMode(1920, 1080, GpuFormat.B8G8R8X8Unorm, 59_940)).AverageKBps);
    }

    [Fact]
    public void An_honest_voter_subscribes_then_votes_its_average_and_peak_and_re_votes_on_its_period()
    {
        var (simulation, platform, voter) = Run(new HonestVoteBehaviour(SimTime.Parse("10ms")), "25ms",
            startDelay: SimTime.Parse("1ms"), notifyLevels: true);

        // Votes at 1, 11 and 21 ms; tokens count up from 0 across every command.
        AssertCommands(platform,
            ("1ms", new PerfNotifyLevelRequest(0, true)),
            ("1ms", new PerfLevelSetRequest(0, FullHd60KBps)),
            ("1ms", new PerfLimitsSetRequest(0, Max, FullHd60KBps)),
            ("11ms", new PerfLevelSetRequest(0, FullHd60KBps)),
            ("11ms", new PerfLimitsSetRequest(0, Max, FullHd60KBps)),
            ("21ms", new PerfLevelSetRequest(0, FullHd60KBps)),
            ("21ms", new PerfLimitsSetRequest(0, Max, FullHd60KBps)));
        Assert.Equal(3, Count(simulation, "vm3/gpu-voter/votes"));
        Assert.Equal(7, Count(simulation, "vm3/gpu-voter/commands"));
        Assert.Equal(7, Count(simulation, "vm3/gpu-voter/responses"));
        Assert.Equal(0, Count(simulation, "vm3/gpu-voter/refused"));
        Assert.Equal(3, Count(simulation, "vm3/gpu-voter/levelNotifications"));
        Assert.Equal(FullHd60KBps, voter.LastNotifiedLevel);
        Assert.Null(voter.LastRefusal);
    }

    [Fact]
    public void An_honest_voter_with_a_peak_fraction_asks_a_higher_range_min()
    {
        var (_, platform, _) = Run(new HonestVoteBehaviour(), "1ms", peakFraction: 0.5);
        AssertCommands(platform,
            ("0s", new PerfNotifyLevelRequest(0, true)),
            ("0s", new PerfLevelSetRequest(0, FullHd60KBps)),
            ("0s", new PerfLimitsSetRequest(0, Max, 2 * FullHd60KBps)));
    }

    [Fact]
    public void A_greedy_voter_asks_the_maximum_whatever_its_need()
    {
        var (_, platform, _) = Run(new GreedyVoteBehaviour(), "1ms");
        AssertCommands(platform,
            ("0s", new PerfNotifyLevelRequest(0, true)),
            ("0s", new PerfLevelSetRequest(0, Max)),
            ("0s", new PerfLimitsSetRequest(0, Max, Max)));

        var (_, capped, _) = Run(new GreedyVoteBehaviour(top: 2_000_000), "1ms");
        AssertCommands(capped,
            ("0s", new PerfNotifyLevelRequest(0, true)),
            ("0s", new PerfLevelSetRequest(0, 2_000_000)),
            ("0s", new PerfLimitsSetRequest(0, Max, 2_000_000)));
    }

    [Fact]
    public void An_under_reporter_votes_a_fraction_of_its_average_and_peak()
    {
        // Peak within half a period: 995,328 kB/s. A quarter of each: 124,416 and 248,832 kB/s.
        var (_, platform, _) = Run(new UnderReportingVoteBehaviour(0.25), "1ms", peakFraction: 0.5);
        AssertCommands(platform,
            ("0s", new PerfNotifyLevelRequest(0, true)),
            ("0s", new PerfLevelSetRequest(0, 124_416)),
            ("0s", new PerfLimitsSetRequest(0, Max, 248_832)));
    }

    [Fact]
    public void Refused_commands_are_counted_with_their_status()
    {
        var (simulation, _, voter) = Run(new HonestVoteBehaviour(), "1ms", status: ScmiStatus.Denied);
        Assert.Equal(3, Count(simulation, "vm3/gpu-voter/responses"));
        Assert.Equal(3, Count(simulation, "vm3/gpu-voter/refused"));
        Assert.Equal(ScmiStatus.Denied, voter.LastRefusal);
        Assert.Null(voter.LastNotifiedLevel);
    }

    private static List<SimTime> FloodTimes(ulong seed, string path)
    {
        var (_, platform, _) = Run(new FloodingVoteBehaviour(SimTime.Parse("1us"), SimTime.Parse("1us")), "1ms", seed: seed, path: path);
        // Tokens are 10 bits: command i carries i mod 1024 (the run sends well over 1024 commands).
        Assert.True(platform.Commands.Count > 1024);
        for (int i = 0; i < platform.Commands.Count; i++) Assert.Equal(i & 0x3FF, platform.Commands[i].Header.Token);
        return platform.Commands.Where(c => c.Request is PerfLevelSetRequest).Select(c => c.At).ToList();
    }

    [Fact]
    public void A_flooders_vote_times_come_from_its_own_random_stream()
    {
        var times = FloodTimes(7, "vm3/gpu-voter");
        // Gaps of 1 µs plus a jitter drawn from [0, 1 µs], not all equal.
        var gaps = times.Zip(times.Skip(1), (a, b) => b - a).ToList();
        Assert.All(gaps, gap => Assert.InRange(gap.Picoseconds, SimTime.Parse("1us").Picoseconds, SimTime.Parse("2us").Picoseconds));
        Assert.True(gaps.Distinct().Count() > 1);

        Assert.Equal(times, FloodTimes(7, "vm3/gpu-voter"));
        Assert.NotEqual(times, FloodTimes(7, "vm4/gpu-voter"));
        Assert.NotEqual(times, FloodTimes(8, "vm3/gpu-voter"));
    }
}
