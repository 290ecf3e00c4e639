using FsCheck;
using FsCheck.Fluent;
using Sim.Core.Running;
using Sim.Core.Time;
using Sim.Devices.Net;
using Sim.Platform.Network;
using Sim.Tests.Shared;

namespace Sim.Platform.Tests.Network;

/// <summary>The window-limited TCP-like background flow (RFC 5681 AIMD, RFC 6582 once-per-window decrease).</summary>
public sealed class TcpFlowSourceTests
{
    // 1514-byte frames offered at 10 GB/s: the application always has a frame ready, so the window alone limits.
    private static (TcpFlowSource Source, FlowPeer Peer) Run(TcpFlowParameters parameters, Func<NetFrame, int, IEnumerable<object>> script)
    {
        var simulation = new Simulation(seed: 1);
        var source = simulation.Add("host1/netperf1", new TcpFlowSource(1, 1514, 1e10, parameters, simulation.Reserve("host2/peer")));
        var peer = simulation.Add("host2/peer", new FlowPeer(script));
        simulation.Run(new RunLimits(SimTime.FromMilliseconds(1), SimTime.Zero));
        return (source, peer);
    }

    [Fact]
    public void Without_acks_only_the_initial_window_is_sent()
    {
        var (source, peer) = Run(new TcpFlowParameters(10, 4096, 1, 0.5), (_, _) => []);
        Assert.Equal(10, peer.Frames.Count);
        Assert.Equal(10, source.InFlight);
        Assert.Equal(10, source.Window);
    }

    [Fact]
    public void In_slow_start_every_ack_adds_a_frame_to_the_window_up_to_the_receive_window()
    {
        var (source, peer) = Run(new TcpFlowParameters(4, 64, 1, 0.5), (frame, n) => n <= 20 ? [new FlowAck(frame.Sequence)] : []);
        Assert.Equal(24, source.Window);                   // 4 + 20 ACKs
        Assert.Equal(24, source.InFlight);
        Assert.Equal(44, peer.Frames.Count);               // 20 ACKed and 24 in flight
        var (capped, _) = Run(new TcpFlowParameters(4, 16, 1, 0.5), (frame, _) => [new FlowAck(frame.Sequence)]);
        Assert.Equal(16, capped.Window);
    }

    [Fact]
    public void A_loss_multiplies_the_window_once_per_window_then_acks_grow_it_by_about_one_frame_per_window()
    {
        // Window w all in flight; frames 1 and 2 are lost (one decrease), the rest of the window is ACKed.
        var property = Prop.ForAll(Arb.From(Gen.Choose(4, 400)), Arb.From(Gen.Choose(3, 9)), (w, tenths) =>
        {
            double decrease = tenths / 10.0;
            var parameters = new TcpFlowParameters(w, 100_000, 1, decrease);
            var (source, peer) = Run(parameters, (_, n) => n == w
                ? new object[] { new FlowLoss(1), new FlowLoss(2) }.Concat(Enumerable.Range(3, w - 2).Select(s => (object)new FlowAck(s)))
                : []);
            double cwnd = Math.Max(2, w * decrease), afterLoss = cwnd;
            for (int ack = 0; ack < w - 2; ack++) cwnd += 1 / cwnd;
            long losses = source.Losses;
            bool ok = losses == 1 && source.Window == cwnd && source.Window - afterLoss <= (w - 2) / afterLoss
                && source.InFlight == (int)cwnd && peer.Frames.Count == w + (int)cwnd;
            return ok.Label($"w {w}, decrease {decrease}: window {source.Window} (expected {cwnd}), losses {losses}, in flight {source.InFlight}, frames {peer.Frames.Count}");
        });
        Check.One(PropertyRuns.Config(60), property);
    }
}
