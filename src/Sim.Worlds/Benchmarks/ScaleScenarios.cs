using System.Globalization;
using System.Text;

namespace Sim.Worlds.Benchmarks;

/// <summary>
/// The worlds <c>sim bench scale</c> measures, as scenario text loaded through the normal loader (so they are built
/// exactly as a user's scenario is). Two shapes (issue 21):
/// <list type="bullet">
/// <item><b>Platform</b>: N guests of a given RAM size, half on KVM with full mapping (a vhost-user backend that maps all
/// of guest RAM) and half on Xen with grant-map (a dom0 backend that maps each request's grants), each with a virtio-blk
/// device (4 KiB requests, 70% reads, one every 500 µs on average) and a virtio-net device (1,514-byte frames, one every
/// 200 µs on average): light, open-loop traffic, so every guest does the same work whatever N is.</item>
/// <item><b>Bus</b>: N guests, each scanning out a 1920×1080 60 Hz display over one interconnect and voting for its
/// bandwidth (honest, every 40 ms) to an icc aggregator on the power controller, beside light virtio-blk traffic (4 KiB
/// requests over 64 KiB, so the disk's blocks all exist before measuring starts; one every 2 ms on average) whose DMA crosses the same bus. The bus's levels scale with N (top level
/// 400 MB/s per VM against 498 MB/s of scanout per VM), so the bus is saturated at every N and each VM's share is the
/// same: what changes with N is the cost of sharing the bus among many flows and of aggregating many votes. The bus
/// series for CSV is off (<c>series: 0</c>): it records a point per VM per bin, which a study of hundreds of VMs would
/// not plot, and its default cap of 100,000 points fills at a different time for each N.</item>
/// </list>
/// </summary>
public static class ScaleScenarios
{
    /// <summary>The platform world of <paramref name="vms"/> guests of <paramref name="ramBytes"/> each, for <paramref name="durationMs"/> milliseconds.</summary>
    public static string Platform(int vms, ulong ramBytes, int durationMs, ulong seed = 21)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(vms, 1);
        var text = Head("scale-platform", seed, durationMs);
        for (int i = 0; i < vms; i++)
        {
            bool kvm = i % 2 == 0;
            text.Append(Invariant($"  - name: vm{i}\n    platform: {(kvm ? "kvm" : "xen")}\n    memory: {ramBytes / 4096 * 4}KiB\n    devices:\n"));
            string sharing = kvm ? "sharing: full, backend: vhost-user" : "sharing: grant-map, backend: dom0";
            text.Append(Invariant($"      - {{ name: blk0, type: blk, {sharing}, workload: {{ requestSize: 4KiB, queueDepth: 4, readFraction: 0.7, span: 1MiB, channels: 4, interarrival: {{ exponential: 500us }} }} }}\n"));
            text.Append(Invariant($"      - {{ name: net0, type: net, {sharing}, workload: {{ frameBytes: 1514, outstanding: 4, interarrival: {{ exponential: 200us }} }} }}\n"));
        }
        return text.ToString();
    }

    /// <summary>The saturated-bus world of <paramref name="vms"/> voting guests, for <paramref name="durationMs"/> milliseconds.</summary>
    public static string Bus(int vms, int durationMs, ulong seed = 21)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(vms, 1);
        var text = Head("scale-bus", seed, durationMs);
        text.Append("expect:\n  findings: [gpu-scanout-deadline-miss]\nguests:\n");
        for (int i = 0; i < vms; i++)
        {
            text.Append(Invariant($"  - name: vm{i}\n    platform: kvm\n    memory: 64MiB\n    devices:\n"));
            text.Append("      - { name: blk0, type: blk, workload: { requestSize: 4KiB, queueDepth: 4, readFraction: 0.7, span: 64KiB, channels: 4, interarrival: { exponential: 2ms } } }\n");
        }
        double perVm = 400e6;
        text.Append("interconnect:\n  bus:\n    levels:\n");
        foreach (double fraction in new[] { 0.25, 0.5, 0.75, 1.0 })
            text.Append(Invariant($"      - {{ bandwidth: {perVm * fraction * vms / 1e6:0}MB/s, power: {fraction * 1000:0}mW, transition: 30us }}\n"));
        text.Append("    initialLevel: 3\n  aggregator: { location: power-controller }\n  vms:\n");
        for (int i = 0; i < vms; i++)
        {
            double phase = (i * 16.0 / vms) % 16.0, start = 1 + (i * 39.0 / vms);
            text.Append(Invariant($"    - {{ guest: vm{i}, display: {{ width: 1920, height: 1080, refresh: 60Hz, phase: {phase:0.###}ms, chunks: 4, peakFraction: 0.8 }}, voter: {{ behaviour: honest, start: {start:0.###}ms, period: 40ms }} }}\n"));
        }
        text.Append("  variants:\n    - icc\n  series: 0\n");
        return text.ToString();
    }

    private static StringBuilder Head(string name, ulong seed, int durationMs)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(durationMs, 1);
        var text = new StringBuilder();
        text.Append(Invariant($"name: {name}\nseed: {seed}\nduration: {durationMs}ms\nwarmup: 0ms\ncosts: xen-x86\n"));
        if (name != "scale-bus") text.Append("guests:\n");
        return text;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
