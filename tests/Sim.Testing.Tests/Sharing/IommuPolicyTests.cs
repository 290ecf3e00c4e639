using FsCheck;
using FsCheck.Fluent;
using Sim.Devices.Iommu;
using Sim.Testing.Sharing;
using Sim.Testing.Sharing.Iommu;
using Xunit.Abstractions;

namespace Sim.Testing.Tests.Sharing;

/// <summary>The IOMMU policy property holds for the standard policy and catches broken drivers and devices with small counterexamples.</summary>
public sealed class IommuPolicyTests(ITestOutputHelper output)
{
    [Fact]
    public void The_standard_policy_holds_under_strict_invalidation()
    {
        Check.One(Fixed.Config(300), SharingProperties.IommuPolicy(() => new IommuPolicy()));
    }

    [Fact]
    public void The_standard_policy_holds_under_lazy_invalidation()
    {
        Check.One(Fixed.Config(300), SharingProperties.IommuPolicy(() => new IommuPolicy(), InvalidationPolicy.Lazy(3)));
    }

    [Fact]
    public void Random_workloads_are_clean_for_the_standard_policy_and_reach_every_step()
    {
        var workloads = Gen.Sample(IommuWorkloads.Workloads().Generator, 200, new Rnd(5UL), 30); // 200 workloads, fixed seed
        var reports = workloads.Select(w => SharingProperties.RunIommuPolicy(new IommuPolicy(), w.Ops, InvalidationPolicy.Lazy(2))).ToList();
        Assert.All(reports, r => Assert.True(r.Clean, r.ToString()));
        var trace = reports.SelectMany(r => r.Trace).ToList();
        foreach (string outcome in new[] { "map(d1,p0->g16,Write) = OK", ",Read) = OK", "unmap(d1,p0) = OK", "= Allowed", "] flush", "detach(d1,ep1) = OK", "attach(d1,ep1) = OK" })
            Assert.True(trace.Count(l => l.Contains(outcome)) >= 5, $"{outcome} reached {trace.Count(l => l.Contains(outcome))} times");
    }

    [Fact]
    public void A_hand_written_workload_maps_at_the_lowest_free_IOVA_and_skips_IOVAs_awaiting_their_flush()
    {
        IommuWorkloadStep[] workload = [new IommuSubmit(2, true), new IommuServe(0), new IommuComplete(0), new IommuSubmit(1, false), new IommuFlushTimer(), new IommuSubmit(1, false)];
        var report = SharingProperties.RunIommuPolicy(new IommuPolicy(), workload, InvalidationPolicy.Lazy(8));
        output.WriteLine(report.ToString());
        Assert.True(report.Clean, report.ToString());
        Assert.Contains("[0] map(d1,p0..p1->g16,Write) = OK", report.Trace);
        Assert.Contains("[1] write of 64 bytes at IOVA 0x1000 by ep1 = Allowed", report.Trace);
        Assert.Contains("[2] unmap(d1,p0..p1) = OK", report.Trace);
        Assert.Contains("[3] map(d1,p2->g16,Read) = OK", report.Trace);  // p0, p1 wait for the flush
        Assert.Contains("[5] map(d1,p0->g17,Read) = OK", report.Trace);  // flushed: p0 is free again
        Assert.True(SharingProperties.IommuPolicyHolds(new IommuPolicy(), workload, InvalidationPolicy.Lazy(8)));
    }

    [Fact]
    public void A_reset_detaches_and_reattaches_and_leaves_nothing_reachable()
    {
        IommuWorkloadStep[] workload = [new IommuSubmit(1, true), new IommuServe(0), new IommuSubmit(1, false), new IommuReset(), new IommuSubmit(1, false)];
        var report = SharingProperties.RunIommuPolicy(new IommuPolicy(), workload, InvalidationPolicy.Lazy(8));
        Assert.True(report.Clean, report.ToString());
        Assert.Contains("[3] detach(d1,ep1) = OK", report.Trace);
        Assert.Contains("[3] attach(d1,ep1) = OK", report.Trace);
        Assert.Contains("[4] map(d1,p0->g16,Read) = OK", report.Trace); // the domain died with its pending unmaps: p0 is free
    }

    [Fact]
    public void Broken_a_a_device_writing_after_the_unmap_is_caught_under_strict_invalidation()
    {
        var (shrunk, report, message) = Fixed.Counterexample(IommuWorkloads.Workloads(), w => IommuWorkloads.Run(new LateStatusDevice(), w.Ops), tests: 300);
        output.WriteLine($"shrunk: {shrunk}\n{report}");
        Assert.Equal(3, shrunk.Count); // the shortest witness there is, well under 6 steps
        Assert.IsType<IommuComplete>(shrunk.Ops[^1]);
        Assert.Contains(shrunk.Ops, s => s is IommuServe);
        Assert.Contains("no request in flight maps", report.Violation!.Message);
        Assert.Contains("Shrunk", message);
    }

    [Fact]
    public void Broken_a_under_lazy_invalidation_is_a_finding_while_the_unmap_waits_in_the_flush_queue()
    {
        IommuWorkloadStep[] workload = [new IommuSubmit(1, true), new IommuServe(0), new IommuComplete(0)];
        var report = SharingProperties.RunIommuPolicy(new LateStatusDevice(), workload, InvalidationPolicy.Lazy(8));
        output.WriteLine(report.ToString());
        Assert.True(report.Holds, report.ToString());
        var finding = Assert.Single(report.Findings);
        Assert.Equal(2, finding.Step);
        Assert.Contains("stale IOTLB entry", finding.Message);
        Assert.Contains("[2] write of 4 bytes at IOVA 0x0 by ep1 = Allowed (stale)", report.Trace);
        Assert.Equal(1, report.Trace.Count(l => l.EndsWith("(stale)", StringComparison.Ordinal)));
    }

    [Fact]
    public void Broken_b_a_driver_reusing_an_IOVA_before_its_flush_is_caught_under_lazy_invalidation()
    {
        var (shrunk, report, _) = Fixed.Counterexample(IommuWorkloads.Workloads(),
            w => IommuWorkloads.Run(new EagerIovaReuse(), w.Ops, InvalidationPolicy.Lazy(4)), tests: 300);
        output.WriteLine($"shrunk: {shrunk}\n{report}");
        Assert.Equal(4, shrunk.Count); // the shortest witness there is, well under 6 steps
        Assert.IsType<IommuSubmit>(shrunk.Ops[^1]);
        Assert.Contains(shrunk.Ops, s => s is IommuComplete);
        Assert.Contains("reused IOVA p0", report.Violation!.Message);
        Assert.Contains("flush queue", report.Violation!.Message);
    }

    [Fact]
    public void Broken_b_holds_under_strict_invalidation_where_every_unmap_is_flushed_at_once()
    {
        Check.One(Fixed.Config(200), SharingProperties.IommuPolicy(() => new EagerIovaReuse(), InvalidationPolicy.Strict));
    }

    [Fact]
    public void Broken_c_a_reset_without_detach_or_flush_leaks_under_lazy_invalidation()
    {
        var (shrunk, report, _) = Fixed.Counterexample(IommuWorkloads.Workloads(),
            w => IommuWorkloads.Run(new UnflushedReset(), w.Ops, InvalidationPolicy.Lazy(4)), tests: 300);
        output.WriteLine($"shrunk: {shrunk}\n{report}");
        Assert.Equal(2, shrunk.Count); // the shortest witness there is, well under 6 steps
        Assert.IsType<IommuReset>(shrunk.Ops[^1]);
        Assert.Contains("after the reset", report.Violation!.Message);
    }
}
