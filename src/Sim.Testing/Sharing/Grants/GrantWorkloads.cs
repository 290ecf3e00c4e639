using FsCheck;
using FsCheck.Fluent;

namespace Sim.Testing.Sharing.Grants;

/// <summary>FsCheck generators of grant workloads, and their runner (the grant table ABI of xen/include/public/grant_table.h).</summary>
public static class GrantWorkloads
{
    /// <summary>One step: submits, serves and completes about equally often, a reset now and then.</summary>
    public static Gen<GrantWorkloadStep> Step { get; } = PolicyWorkload.Mix<GrantWorkloadStep>(
        from pages in Gen.Frequency((3, Gen.Constant(1)), (1, Gen.Constant(2)))
        from writes in Gen.Elements(true, false)
        select (GrantWorkloadStep)new SubmitRequest(pages, writes),
        pick => new ServeRequest(pick), pick => new CompleteRequest(pick), new ResetDevice());

    /// <summary>Workloads of 1 to <paramref name="maxSteps"/> steps, shrinking by halves and single steps.</summary>
    public static Arbitrary<OpScript<GrantWorkloadStep>> Workloads(int maxSteps = 30) => OpScript<GrantWorkloadStep>.Arbitrary(Step, maxSteps, Simpler);

    /// <summary>Simpler versions of one step, simplest first: lower picks, one page.</summary>
    public static IEnumerable<GrantWorkloadStep> Simpler(GrantWorkloadStep step) => step switch
    {
        SubmitRequest s when s.Pages > 1 => [s with { Pages = 1 }],
        ServeRequest s => PolicyWorkload.LowerPicks(s.Pick, pick => (GrantWorkloadStep)(s with { Pick = pick })),
        CompleteRequest c => PolicyWorkload.LowerPicks(c.Pick, pick => (GrantWorkloadStep)(c with { Pick = pick })),
        _ => [],
    };

    /// <summary>
    /// Drives <paramref name="policy"/> through <paramref name="workload"/> on a fresh <see cref="GrantHarness"/>:
    /// every operation is judged as it happens, invariants are checked after every step, and after a reset nothing may
    /// leak. Stops at the first violation.
    /// </summary>
    public static SharingReport Run(IGrantPolicy policy, IEnumerable<GrantWorkloadStep> workload)
    {
        var harness = new GrantHarness(policy.BackendPath);
        var inFlight = new List<GrantRequest>();
        var context = new GrantPolicyContext(harness, inFlight);
        int step = 0, nextId = 0;
        foreach (var next in workload)
        {
            harness.BeginStep(step++, next.ToString()!);
            switch (next)
            {
                case SubmitRequest s:
                    int free = Enumerable.Range(1, GrantHarness.Pages - 1).Count(f => !inFlight.Any(r => r.Frames.Contains((ulong)f)));
                    if (free < s.Pages) break;
                    var request = new GrantRequest(nextId++, s.Pages, s.DeviceWrites);
                    inFlight.Add(request); // in flight from now on: the frames it takes are no longer free
                    policy.Submit(context, request);
                    break;
                case ServeRequest s:
                    if (PolicyWorkload.Pick(inFlight, r => r.Served, served: false, s.Pick) is not { } toServe) break;
                    toServe.Served = true;
                    policy.Serve(context, toServe);
                    break;
                case CompleteRequest c:
                    if (PolicyWorkload.Pick(inFlight, r => r.Served, served: true, c.Pick) is not { } done) break;
                    policy.Complete(context, done);
                    inFlight.Remove(done);
                    break;
                case ResetDevice:
                    policy.Reset(context, inFlight.ToList());
                    inFlight.Clear();
                    harness.CheckNothingLeaks();
                    break;
                default:
                    throw new ArgumentException($"unknown workload step {next}", nameof(workload));
            }
            harness.CheckInvariants();
            if (harness.Failed) break;
        }
        return harness.Report();
    }
}
