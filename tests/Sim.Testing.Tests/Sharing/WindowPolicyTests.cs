using Sim.Hypervisors.Platform;
using FsCheck;
using FsCheck.Fluent;
using Sim.Hypervisors.Window;
using Sim.Testing.Sharing;
using Sim.Testing.Sharing.Window;
using Xunit.Abstractions;

namespace Sim.Testing.Tests.Sharing;

/// <summary>The bounce-window policy property holds for the standard policy and catches broken drivers with small counterexamples.</summary>
public sealed class WindowPolicyTests(ITestOutputHelper output)
{
    [Fact]
    public void The_standard_policy_holds()
    {
        Check.One(Fixed.Config(300), SharingProperties.WindowPolicy(() => new WindowPolicy()));
    }

    [Fact]
    public void Random_workloads_are_clean_for_the_standard_policy_and_exhaust_the_window_now_and_then()
    {
        var workloads = Gen.Sample(WindowWorkloads.Workloads().Generator, 200, new Rnd(3UL), 30); // 200 workloads, fixed seed
        var reports = workloads.Select(w => SharingProperties.RunWindowPolicy(new WindowPolicy(), w.Ops)).ToList();
        Assert.All(reports, r => Assert.True(r.Clean, r.ToString()));
        var trace = reports.SelectMany(r => r.Trace).ToList();
        foreach (string outcome in new[] { "ToDevice) = Mapped", "FromDevice) = Mapped", "Bidirectional) = Mapped", ") = Exhausted", "is not posted", "= Allowed", "ToDevice) = Unmapped", "FromDevice) = Unmapped" })
            Assert.True(trace.Count(l => l.Contains(outcome)) >= 5, $"{outcome} reached {trace.Count(l => l.Contains(outcome))} times");
    }

    [Fact]
    public void A_device_written_buffer_comes_back_with_the_device_bytes()
    {
        WindowWorkloadStep[] workload = [new WindowSubmit(3000, DmaDirection.FromDevice), new WindowSubmit(100, DmaDirection.ToDevice), new WindowServe(0), new WindowServe(0), new WindowComplete(0), new WindowComplete(0)];
        var policy = new RecordingPolicy();
        var report = SharingProperties.RunWindowPolicy(policy, workload);
        output.WriteLine(report.ToString());
        Assert.True(report.Clean, report.ToString());
        Assert.Contains("[0] map(3000 bytes at 0x0,FromDevice) = Mapped slots 0..1", report.Trace);
        Assert.Contains("[1] map(100 bytes at 0x8000,ToDevice) = Mapped slots 2..2", report.Trace);
        Assert.Contains("[2] device write of 3000 bytes at 0x200000 = Allowed", report.Trace);
        Assert.Contains("[3] device read of 100 bytes at 0x201000 = Allowed", report.Trace);
        Assert.Contains("[4] unmap(slots 0..1,FromDevice) = Unmapped", report.Trace);
        var guest = policy.GuestAfterComplete[0];
        Assert.Equal(policy.DeviceWrote, guest); // the guest buffer holds exactly what the device wrote
        Assert.True(SharingProperties.WindowPolicyHolds(new WindowPolicy(), workload));
    }

    [Fact]
    public void Exhaustion_is_a_status_and_the_request_is_not_posted()
    {
        WindowWorkloadStep[] workload = [new WindowSubmit(16 * BounceWindow.SlotSize, DmaDirection.ToDevice), new WindowSubmit(16 * BounceWindow.SlotSize, DmaDirection.FromDevice), new WindowSubmit(1, DmaDirection.Bidirectional), new WindowServe(0), new WindowComplete(0), new WindowSubmit(1, DmaDirection.Bidirectional), new WindowDeviceReset()];
        var report = SharingProperties.RunWindowPolicy(new WindowPolicy(), workload);
        output.WriteLine(report.ToString());
        Assert.True(report.Clean, report.ToString());
        Assert.Contains("[2] map(1 bytes at 0x10000,Bidirectional) = Exhausted", report.Trace);
        Assert.Contains("[2] r2 is not posted: its buffer is not mapped", report.Trace);
        Assert.Contains("[5] map(1 bytes at 0x0,Bidirectional) = Mapped slots 0..0", report.Trace);
        Assert.Contains("[6] unmap(slots 0..0,Bidirectional) = Unmapped", report.Trace);
    }

    [Fact]
    public void Broken_a_freeing_slots_without_copying_back_loses_the_device_bytes_and_is_caught()
    {
        var (shrunk, report, message) = Fixed.Counterexample(WindowWorkloads.Workloads(), w => WindowWorkloads.Run(new OneWayBounce(), w.Ops), tests: 300);
        output.WriteLine($"shrunk: {shrunk}\n{report}");
        Assert.Equal(3, shrunk.Count); // the shortest witness there is, well under 6 steps
        Assert.IsType<WindowComplete>(shrunk.Ops[^1]);
        Assert.Contains(shrunk.Ops, s => s is WindowServe);
        Assert.Contains("misses the device's bytes", report.Violation!.Message);
        Assert.Contains("Shrunk", message);
    }

    [Fact]
    public void Broken_b_freeing_slots_before_the_used_element_comes_back_is_caught()
    {
        var (shrunk, report, _) = Fixed.Counterexample(WindowWorkloads.Workloads(), w => WindowWorkloads.Run(new FreeAfterServe(), w.Ops), tests: 300);
        output.WriteLine($"shrunk: {shrunk}\n{report}");
        Assert.Equal(2, shrunk.Count); // the shortest witness there is, well under 6 steps
        Assert.IsType<WindowServe>(shrunk.Ops[^1]);
        Assert.Contains("were freed while r0 is in flight", report.Violation!.Message);
    }

    [Fact]
    public void Broken_c_a_reset_forgetting_unserved_requests_leaks_slots_and_is_caught()
    {
        var (shrunk, report, _) = Fixed.Counterexample(WindowWorkloads.Workloads(), w => WindowWorkloads.Run(new ForgetfulReset(), w.Ops), tests: 300);
        output.WriteLine($"shrunk: {shrunk}\n{report}");
        Assert.Equal(2, shrunk.Count); // the shortest witness there is, well under 6 steps
        Assert.IsType<WindowDeviceReset>(shrunk.Ops[^1]);
        Assert.Contains("survive the reset", report.Violation!.Message);
    }

    [Fact]
    public void Broken_d_an_exception_on_a_full_window_is_a_violation_not_a_crash()
    {
        WindowWorkloadStep[] workload = [new WindowSubmit(12 * BounceWindow.SlotSize, DmaDirection.ToDevice), new WindowSubmit(12 * BounceWindow.SlotSize, DmaDirection.ToDevice), new WindowSubmit(12 * BounceWindow.SlotSize, DmaDirection.ToDevice)];
        var report = SharingProperties.RunWindowPolicy(new ThrowOnExhaustion(), workload);
        Assert.False(report.Holds);
        Assert.Equal(2, report.Violation!.Step);
        Assert.StartsWith("InvalidOperationException escaped: swiotlb buffer is full", report.Violation.Message);
        Assert.True(SharingProperties.WindowPolicyHolds(new WindowPolicy(), workload));
    }

    [Fact]
    public void Broken_e_a_device_bypassing_the_window_is_caught_even_though_the_window_refuses_it()
    {
        var report = SharingProperties.RunWindowPolicy(new BypassingDevice(), [new WindowSubmit(64, DmaDirection.FromDevice), new WindowServe(0)]);
        Assert.Equal(1, report.Violation!.Step);
        Assert.Equal("the device wrote 64 bytes at 0x0, outside the window [0x200000, +0x10000) (answered Denied)", report.Violation.Message);
        Assert.Contains("[1] device write of 64 bytes at 0x0 = Denied", report.Trace);
    }

    [Fact]
    public void Broken_f_a_device_bound_buffer_that_is_not_copied_in_is_caught_when_the_device_reads_it()
    {
        var report = SharingProperties.RunWindowPolicy(new NoCopyIn(), [new WindowSubmit(16, DmaDirection.ToDevice), new WindowServe(0)]);
        Assert.Equal(1, report.Violation!.Step);
        Assert.Contains("in r0's slots, but byte 0 is 0x00 where the driver put 0x03 (the ToDevice buffer was not copied in)", report.Violation.Message);
    }

    /// <summary>The standard policy, remembering what the device wrote and what the guest buffer held after each completion.</summary>
    private sealed class RecordingPolicy : WindowPolicy
    {
        public byte[] DeviceWrote { get; private set; } = [];
        public Dictionary<int, byte[]> GuestAfterComplete { get; } = new();

        public override void Serve(WindowPolicyContext context, WindowDmaRequest request)
        {
            base.Serve(context, request);
            if (request.Direction == DmaDirection.FromDevice)
            {
                DeviceWrote = new byte[request.Length];
                context.Harness.Memory.Read(request.Mapping!.Value.WindowAddress, DeviceWrote);
            }
        }

        public override void Complete(WindowPolicyContext context, WindowDmaRequest request)
        {
            base.Complete(context, request);
            var guest = new byte[request.Length];
            context.Harness.Memory.Read(request.GuestAddress, guest);
            GuestAfterComplete[request.Id] = guest;
        }
    }
}
