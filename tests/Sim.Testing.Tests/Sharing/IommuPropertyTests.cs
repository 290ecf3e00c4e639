using FsCheck;
using FsCheck.Fluent;
using Sim.Devices.Iommu;
using Sim.Testing.Sharing;
using Sim.Testing.Sharing.Iommu;
using Xunit.Abstractions;

namespace Sim.Testing.Tests.Sharing;

/// <summary>The IOMMU properties hold for the real device under both policies and catch a device that defers invalidation when strict was promised.</summary>
public sealed class IommuPropertyTests(ITestOutputHelper output)
{
    [Fact]
    public void Strict_device_agrees_with_the_model_and_nothing_outside_the_mappings_succeeds()
    {
        Check.One(Fixed.Config(300), SharingProperties.Iommu(InvalidationPolicy.Strict));
    }

    [Fact]
    public void Lazy_device_agrees_with_the_model_and_every_stale_success_is_counted()
    {
        Check.One(Fixed.Config(300), SharingProperties.Iommu(InvalidationPolicy.Lazy(3)));
    }

    [Fact]
    public void Lazy_runs_report_stale_accesses_as_findings_and_strict_runs_never_do()
    {
        var scripts = Gen.Sample(IommuGenerators.Sequences().Generator, 300, new Rnd(11UL), 50); // 300 scripts, fixed seed
        var lazy = scripts.Select(s => SharingProperties.RunIommu(s.Ops, InvalidationPolicy.Lazy(4))).ToList();
        var strict = scripts.Select(s => SharingProperties.RunIommu(s.Ops, InvalidationPolicy.Strict)).ToList();
        Assert.All(lazy.Concat(strict), r => Assert.True(r.Holds, r.ToString()));
        Assert.True(lazy.Sum(r => r.Findings.Count) >= 3, $"{lazy.Sum(r => r.Findings.Count)} stale findings");
        Assert.All(strict, r => Assert.Empty(r.Findings));
        var trace = strict.SelectMany(r => r.Trace).ToList();
        foreach (string outcome in new[] { "= Allowed", "= Denied", "= OK", "= NOENT", "= INVAL", "= RANGE", "detach(" })
            Assert.True(trace.Count(l => l.Contains(outcome)) >= 5, $"{outcome} reached {trace.Count(l => l.Contains(outcome))} times");
    }

    [Fact]
    public void Resetting_an_endpoint_detaches_it_and_its_domain_goes_with_its_mappings()
    {
        IommuOp[] ops = [new MapIova(1, 0, 2, 10, IommuMapFlags.Read | IommuMapFlags.Write), new DmaAccess(1, 0, 0, 8, true), new ResetEndpoint(1), new DmaAccess(1, 0, 0, 8, false)];
        var report = SharingProperties.RunIommu(ops, InvalidationPolicy.Lazy(8));
        Assert.True(report.Holds, report.ToString());
        Assert.EndsWith("= Denied", report.Trace[^1]);
        Assert.True(SharingProperties.IommuHolds(ops, InvalidationPolicy.Lazy(8)));
    }

    [Fact]
    public void A_lazy_device_promised_as_strict_is_caught_with_a_shrunk_script()
    {
        var (shrunk, report, _) = Fixed.Counterexample(IommuGenerators.Sequences(),
            script => IommuHarness.Run(script.Ops, InvalidationPolicy.Lazy(4), expected: InvalidationPolicy.Strict), tests: 500);
        output.WriteLine($"shrunk: {shrunk}\n{report}");
        // The smallest witness is a map and an unmap: the device leaves the unmap pending where strict flushes at once.
        Assert.InRange(shrunk.Count, 1, 3);
        Assert.IsType<UnmapIova>(shrunk.Ops[^1]);
        Assert.Contains("unmaps pending, the model has 0", report.Violation!.Message);
    }

    [Fact]
    public void A_lazy_device_promised_as_strict_lets_an_unmapped_page_through_and_the_oracle_says_so()
    {
        IommuOp[] ops = [new MapIova(1, 0, 1, 10, IommuMapFlags.Read), new DmaAccess(1, 0, 0, 8, false), new UnmapIova(1, 0, 1), new DmaAccess(1, 0, 0, 8, false)];
        Assert.True(SharingProperties.IommuHolds(ops, InvalidationPolicy.Lazy(4))); // lazy as promised: a counted stale access, a finding
        Assert.Single(SharingProperties.RunIommu(ops, InvalidationPolicy.Lazy(4)).Findings);
        var harness = new IommuHarness(InvalidationPolicy.Lazy(4), expected: InvalidationPolicy.Strict);
        for (int step = 0; step < ops.Length; step++)
        {
            harness.BeginStep(step, ops[step].ToString());
            if (ops[step] is DmaAccess a) harness.Access(a.Endpoint, a.Iova, a.Length, a.Write); // judge the accesses alone
            else harness.Execute(ops[step].Request!);
        }
        var report = harness.Report();
        output.WriteLine(report.ToString());
        Assert.Equal(3, report.Violation!.Step);
        Assert.Contains("was allowed, but the model maps no page there", report.Violation.Message);
    }
}
