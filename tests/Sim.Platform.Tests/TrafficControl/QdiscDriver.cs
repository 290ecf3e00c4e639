using Sim.Core.Time;
using Sim.Devices.Net;
using Sim.Platform.Network;
using Sim.Platform.Network.TrafficControl;

namespace Sim.Platform.Tests.TrafficControl;

/// <summary>
/// Drives a qdisc without a simulation, as a one-frame-deep driver over a serial wire would: frames arrive at their
/// times; at every arrival, watchdog instant (<see cref="IQdisc.NextEligible"/>) and end of the frame on the wire, the
/// qdisc is asked for the next frame; one frame is on the wire at a time (unless <c>serial</c> is false, when every
/// eligible frame leaves at once).
/// </summary>
internal static class QdiscDriver
{
    /// <summary>A frame that left the qdisc at <c>At</c>.</summary>
    public readonly record struct Release(SimTime At, QdiscOutput Output);

    /// <summary>What happened: the releases in order, and the frames dropped at enqueue or dequeue.</summary>
    public sealed record Outcome(List<Release> Released, List<DroppedFrame> Dropped);

    /// <summary>The wire time of a frame at 2.5 Gb/s (312.5 MB/s) with the Ethernet overhead.</summary>
    public static SimTime Wire(long bytes, long bytesPerSecond = Rate) => SimTime.ForBytesAtRate(bytes + EthernetLink.WireOverheadBytes, bytesPerSecond);

    /// <summary>2.5GBASE-T in bytes per second.</summary>
    public const long Rate = 312_500_000;

    /// <summary>Runs <paramref name="qdisc"/> on <paramref name="arrivals"/> until <paramref name="until"/>.</summary>
    public static Outcome Run(IQdisc qdisc, IEnumerable<(SimTime At, NetFrame Frame)> arrivals, SimTime until, bool serial = true)
    {
        var pending = new Queue<(SimTime At, NetFrame Frame)>(arrivals.OrderBy(a => a.At));
        var released = new List<Release>();
        var dropped = new List<DroppedFrame>();
        var now = SimTime.Zero;
        var wireFree = SimTime.Zero;
        while (true)
        {
            while (pending.Count > 0 && pending.Peek().At <= now)
            {
                var frame = pending.Dequeue().Frame;
                if (qdisc.Enqueue(frame, now) is { } reason) dropped.Add(new DroppedFrame(frame, reason));
            }
            while (now >= wireFree && qdisc.Dequeue(now, ulong.MaxValue, dropped) is { } output)
            {
                released.Add(new Release(now, output));
                if (serial) wireFree = now + Wire(output.Frame.Bytes);
            }
            SimTime? next = pending.Count > 0 ? pending.Peek().At : null;
            if (qdisc.NextEligible(now) is { } eligible && eligible > now && (next is null || eligible < next)) next = eligible;
            if (wireFree > now && qdisc.Backlog > 0 && (next is null || wireFree < next)) next = wireFree;
            if (next is not { } at || at > until) return new Outcome(released, dropped);
            now = at;
        }
    }

    /// <summary>A frame of <paramref name="bytes"/> with <paramref name="priority"/>, sequence <paramref name="sequence"/>.</summary>
    public static NetFrame Frame(long sequence, int priority = 0, long bytes = 1514, SimTime launch = default, int flow = 0) =>
        new(bytes, SimTime.Zero, sequence, flow, Timed: false, Priority: priority, LaunchTime: launch);

    /// <summary>Microseconds.</summary>
    public static SimTime Us(double value) => SimTime.FromMicroseconds(value);
}
