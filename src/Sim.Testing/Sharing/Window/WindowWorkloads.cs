using Sim.Hypervisors.Platform;
using FsCheck;
using FsCheck.Fluent;
using Sim.Hypervisors.Window;

namespace Sim.Testing.Sharing.Window;

/// <summary>FsCheck generators of bounce-window policy workloads, and the runner that drives an <see cref="IWindowPolicy"/> through one.</summary>
public static class WindowWorkloads
{
    /// <summary>Requests in flight at most (a virtqueue of 16 descriptors); a submit beyond is skipped.</summary>
    public const int MaxInFlight = 16;

    /// <summary>One step: submits (1 byte to 12 slots, so the 32-slot window runs out now and then), serves and completes about equally often, a reset now and then.</summary>
    public static Gen<WindowWorkloadStep> Step { get; } = PolicyWorkload.Mix<WindowWorkloadStep>(
        from length in Gen.Frequency((3, Gen.Choose(1, 2 * BounceWindow.SlotSize + 1)), (2, Gen.Choose(1, 12 * BounceWindow.SlotSize)), (1, Gen.Elements(BounceWindow.SlotSize, BounceWindow.SlotSize + 1)))
        from direction in Gen.Elements(DmaDirection.ToDevice, DmaDirection.FromDevice, DmaDirection.Bidirectional)
        select (WindowWorkloadStep)new WindowSubmit(length, direction),
        pick => new WindowServe(pick), pick => new WindowComplete(pick), new WindowDeviceReset());

    /// <summary>Workloads of 1 to <paramref name="maxSteps"/> steps, shrinking by halves and single steps.</summary>
    public static Arbitrary<OpScript<WindowWorkloadStep>> Workloads(int maxSteps = 30) => OpScript<WindowWorkloadStep>.Arbitrary(Step, maxSteps, Simpler);

    /// <summary>Simpler versions of one step, simplest first: lower picks, a 1-byte buffer.</summary>
    public static IEnumerable<WindowWorkloadStep> Simpler(WindowWorkloadStep step) => step switch
    {
        WindowSubmit s when s.Length > 1 => [s with { Length = 1 }],
        WindowServe s => PolicyWorkload.LowerPicks(s.Pick, pick => (WindowWorkloadStep)(s with { Pick = pick })),
        WindowComplete c => PolicyWorkload.LowerPicks(c.Pick, pick => (WindowWorkloadStep)(c with { Pick = pick })),
        _ => [],
    };

    /// <summary>
    /// Drives <paramref name="policy"/> through <paramref name="workload"/> on a fresh <see cref="WindowHarness"/>: each
    /// request's buffer is a fresh 32 KiB region the driver fills first; every operation is judged as it happens, the
    /// window is compared with the model after every step, in-flight requests keep their slots, a completed
    /// device-written buffer must hold what the device wrote, an exception is a violation (exhaustion is a status), and
    /// after a reset no slot may stay in use. A request the policy leaves unmapped at submit is failed by the driver and
    /// never posted. Stops at the first violation.
    /// </summary>
    public static SharingReport Run(IWindowPolicy policy, IEnumerable<WindowWorkloadStep> workload)
    {
        var harness = new WindowHarness(regions: MaxInFlight + 1);
        var inFlight = new List<WindowDmaRequest>();
        var context = new WindowPolicyContext(harness, inFlight);
        int step = 0, nextId = 0;
        foreach (var next in workload)
        {
            harness.BeginStep(step++, next.ToString()!);
            try
            {
                Apply(next);
            }
            catch (Exception e) when (e is not ArgumentException { ParamName: nameof(workload) })
            {
                harness.Fail($"{e.GetType().Name} escaped: {e.Message}");
            }
            finally
            {
                context.Completing = null;
                context.Resetting = false;
            }
            context.CheckInFlightHoldSlots();
            harness.CheckInvariants();
            if (harness.Failed) break;
        }
        return harness.Report();

        void Apply(WindowWorkloadStep next)
        {
            switch (next)
            {
                case WindowSubmit s:
                    if (inFlight.Count >= MaxInFlight) break;
                    var request = NewRequest(harness, inFlight, nextId++, s);
                    inFlight.Add(request);
                    policy.Submit(context, request);
                    if (request.Mapping is null)
                    {
                        inFlight.Remove(request);
                        harness.Note($"{request} is not posted: its buffer is not mapped");
                    }
                    break;
                case WindowServe s:
                    if (PolicyWorkload.Pick(inFlight, r => r.Served, served: false, s.Pick) is not { } toServe) break;
                    toServe.Served = true;
                    policy.Serve(context, toServe);
                    break;
                case WindowComplete c:
                    if (PolicyWorkload.Pick(inFlight, r => r.Served, served: true, c.Pick) is not { } done) break;
                    context.Completing = done;
                    policy.Complete(context, done);
                    inFlight.Remove(done);
                    context.CheckCopiedBack(done);
                    break;
                case WindowDeviceReset:
                    context.Resetting = true;
                    policy.Reset(context, inFlight.ToList());
                    inFlight.Clear();
                    harness.CheckNothingLeaks();
                    break;
                default:
                    throw new ArgumentException($"unknown workload step {next}", nameof(workload));
            }
        }
    }

    // The buffer: at the start of the lowest region no request in flight holds, filled with the request's payload.
    private static WindowDmaRequest NewRequest(WindowHarness harness, List<WindowDmaRequest> inFlight, int id, WindowSubmit s)
    {
        int region = Enumerable.Range(0, MaxInFlight + 1).First(r => !inFlight.Any(q => q.GuestAddress == (ulong)r * WindowHarness.RegionSize));
        ulong address = (ulong)region * WindowHarness.RegionSize;
        if (s.Length < 1 || s.Length > WindowHarness.RegionSize) throw new ArgumentException($"a buffer of {s.Length} bytes does not fit a {WindowHarness.RegionSize}-byte region", "workload");
        var payload = new byte[s.Length];
        for (int i = 0; i < payload.Length; i++) payload[i] = (byte)(id * 13 + i * 7 + 3);
        harness.GuestWrite(address, payload);
        return new WindowDmaRequest(id, s.Length, s.Direction, address, payload);
    }
}
