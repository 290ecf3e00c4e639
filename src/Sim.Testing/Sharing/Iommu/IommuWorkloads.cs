using FsCheck;
using FsCheck.Fluent;
using Sim.Devices.Iommu;

namespace Sim.Testing.Sharing.Iommu;

/// <summary>FsCheck generators of IOMMU policy workloads, and the runner that drives an <see cref="IIommuPolicy"/> through one.</summary>
public static class IommuWorkloads
{
    /// <summary>Requests in flight at most (a virtqueue of 16 descriptors); a submit beyond is skipped.</summary>
    public const int MaxInFlight = 16;
    /// <summary>The first guest page of request buffers (pages below are left alone).</summary>
    public const ulong FirstBufferPage = 16;

    /// <summary>One step: submits, serves and completes about equally often, a flush-timer tick and a reset now and then.</summary>
    public static Gen<IommuWorkloadStep> Step { get; } = PolicyWorkload.Mix<IommuWorkloadStep>(
        from pages in Gen.Frequency((3, Gen.Constant(1)), (1, Gen.Constant(2)))
        from writes in Gen.Elements(true, false)
        select (IommuWorkloadStep)new IommuSubmit(pages, writes),
        pick => new IommuServe(pick), pick => new IommuComplete(pick), new IommuFlushTimer(), new IommuReset());

    /// <summary>Workloads of 1 to <paramref name="maxSteps"/> steps, shrinking by halves and single steps.</summary>
    public static Arbitrary<OpScript<IommuWorkloadStep>> Workloads(int maxSteps = 30) => OpScript<IommuWorkloadStep>.Arbitrary(Step, maxSteps, Simpler);

    /// <summary>Simpler versions of one step, simplest first: lower picks, one page.</summary>
    public static IEnumerable<IommuWorkloadStep> Simpler(IommuWorkloadStep step) => step switch
    {
        IommuSubmit s when s.Pages > 1 => [s with { Pages = 1 }],
        IommuServe s => PolicyWorkload.LowerPicks(s.Pick, pick => (IommuWorkloadStep)(s with { Pick = pick })),
        IommuComplete c => PolicyWorkload.LowerPicks(c.Pick, pick => (IommuWorkloadStep)(c with { Pick = pick })),
        _ => [],
    };

    /// <summary>
    /// Drives <paramref name="policy"/> through <paramref name="workload"/> on a fresh <see cref="IommuHarness"/> whose
    /// device invalidates by <paramref name="invalidation"/> (default strict): every request and access is judged as it
    /// happens, the device is compared with the model after every step, after a reset nothing may stay reachable, and
    /// at the end every stale access the device counted must have been reported. Stops at the first violation.
    /// </summary>
    public static SharingReport Run(IIommuPolicy policy, IEnumerable<IommuWorkloadStep> workload, InvalidationPolicy? invalidation = null)
    {
        var harness = new IommuHarness(invalidation ?? InvalidationPolicy.Strict);
        var inFlight = new List<IommuDmaRequest>();
        var context = new IommuPolicyContext(harness, inFlight);
        int step = 0, nextId = 0;
        foreach (var next in workload)
        {
            harness.BeginStep(step++, next.ToString()!);
            switch (next)
            {
                case IommuSubmit s:
                    if (inFlight.Count >= MaxInFlight) break;
                    var request = new IommuDmaRequest(nextId++, s.Pages, s.DeviceWrites, FreeGuestPages(inFlight, s.Pages));
                    inFlight.Add(request);
                    policy.Submit(context, request);
                    break;
                case IommuServe s:
                    if (PolicyWorkload.Pick(inFlight, r => r.Served, served: false, s.Pick) is not { } toServe) break;
                    toServe.Served = true;
                    policy.Serve(context, toServe);
                    break;
                case IommuComplete c:
                    if (PolicyWorkload.Pick(inFlight, r => r.Served, served: true, c.Pick) is not { } done) break;
                    policy.Complete(context, done);
                    inFlight.Remove(done);
                    break;
                case IommuFlushTimer:
                    harness.Flush();
                    break;
                case IommuReset:
                    policy.Reset(context, inFlight.ToList());
                    inFlight.Clear();
                    context.CheckNothingLeaks();
                    break;
                default:
                    throw new ArgumentException($"unknown workload step {next}", nameof(workload));
            }
            harness.CheckInvariants();
            if (harness.Failed) break;
        }
        harness.CheckStaleAccessesCounted();
        return harness.Report();
    }

    // The lowest run of guest pages from FirstBufferPage that no request in flight holds.
    private static ulong FreeGuestPages(List<IommuDmaRequest> inFlight, int pages)
    {
        for (ulong first = FirstBufferPage; ; first++)
            if (!inFlight.Any(r => r.GuestPage < first + (ulong)pages && first < r.GuestPage + (ulong)r.Pages)) return first;
    }
}
