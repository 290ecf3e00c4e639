// The IOMMU example of docs/sharing-properties.md, compiled and run here so that it cannot rot. Keep the two in step.
using System.Runtime.CompilerServices;
using FsCheck;
using FsCheck.Fluent;
using Sim.Devices.Iommu;
using Sim.Testing.Sharing;
using Sim.Testing.Sharing.Iommu;

namespace Sim.Testing.Tests.Sharing;

// --- begin example ---
// My driver syncs the IOTLB after every unmap, so even on a lazy IOMMU nothing stays reachable once a request is done.
sealed class FlushOnComplete : IommuPolicy
{
    public override void Complete(IommuPolicyContext ctx, IommuDmaRequest request)
    {
        base.Complete(ctx, request);   // IommuPolicy.Complete unmaps every IOVA run of the request
        ctx.Flush();                   // the deferred invalidation runs now: its IOVAs are free again
    }
}

public sealed class MyIommuPolicyTests
{
    [Fact]
    public void My_driver_shares_safely_on_a_lazy_iommu() =>
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(200),
            SharingProperties.IommuPolicy(() => new FlushOnComplete(), InvalidationPolicy.Lazy(8)));
}
// --- end example ---

/// <summary>The example's policy really is exercised: it flushes at completion, so the next request reuses the IOVA at once.</summary>
public sealed class IommuPolicyExampleTests
{
    [Fact]
    public void The_example_policy_flushes_at_completion_and_reuses_the_IOVA()
    {
        IommuWorkloadStep[] workload = [new IommuSubmit(1, true), new IommuServe(0), new IommuComplete(0), new IommuSubmit(1, false)];
        var report = SharingProperties.RunIommuPolicy(new FlushOnComplete(), workload, InvalidationPolicy.Lazy(8));
        Assert.True(report.Clean, report.ToString());
        Assert.Contains("[2] flush", report.Trace);
        Assert.Contains("[3] map(d1,p0->g16,Read) = OK", report.Trace); // the standard policy would take p1 here
        Assert.Contains("[3] map(d1,p1->g16,Read) = OK", SharingProperties.RunIommuPolicy(new IommuPolicy(), workload, InvalidationPolicy.Lazy(8)).Trace);
    }

    [Fact]
    public void The_guide_shows_this_example_verbatim() =>
        Assert.Contains("using Sim.Testing.Sharing.Iommu;\n\n" + ExampleSource.Between(ThisFile()) + "```", ExampleSource.Guide(ThisFile()));

    private static string ThisFile([CallerFilePath] string path = "") => path;
}
