// The bounce-window example of docs/sharing-properties.md, compiled and run here so that it cannot rot. Keep the two in step.
using Sim.Hypervisors.Platform;
using System.Runtime.CompilerServices;
using FsCheck;
using FsCheck.Fluent;
using Sim.Hypervisors.Window;
using Sim.Testing.Sharing;
using Sim.Testing.Sharing.Window;

namespace Sim.Testing.Tests.Sharing;

// --- begin example ---
// My device writes only a 16-byte status at the end of a device-writable buffer.
sealed class StatusOnly : WindowPolicy
{
    public override void Serve(WindowPolicyContext ctx, WindowDmaRequest request)
    {
        if (request.Mapping is not { } slots) return;   // not mapped: the driver never posted it
        if (request.Direction != DmaDirection.FromDevice) ctx.Access(slots.WindowAddress, request.Length, write: false);
        int status = Math.Min(16, request.Length);
        if (request.Direction != DmaDirection.ToDevice) ctx.Access(slots.WindowAddress + (ulong)(request.Length - status), status, write: true);
    }   // WindowPolicy.Complete unmaps (copies back, frees the slots); Reset completes every request in flight
}

public sealed class MyWindowPolicyTests
{
    [Fact]
    public void My_device_shares_safely_through_the_window() =>
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(200), SharingProperties.WindowPolicy(() => new StatusOnly()));
}
// --- end example ---

/// <summary>The example's policy really is exercised: only the status bytes are written, and they come back to the guest.</summary>
public sealed class WindowPolicyExampleTests
{
    [Fact]
    public void The_example_policy_writes_only_the_status_and_it_comes_back()
    {
        WindowWorkloadStep[] workload = [new WindowSubmit(100, DmaDirection.FromDevice), new WindowServe(0), new WindowComplete(0)];
        var report = SharingProperties.RunWindowPolicy(new StatusOnly(), workload);
        Assert.True(report.Clean, report.ToString());
        Assert.Contains("[1] device write of 16 bytes at 0x200054 = Allowed", report.Trace);
        Assert.Contains("[2] unmap(slots 0..0,FromDevice) = Unmapped", report.Trace);
    }

    [Fact]
    public void The_guide_shows_this_example_verbatim() =>
        Assert.Contains("using Sim.Testing.Sharing.Window;\n\n" + ExampleSource.Between(ThisFile()) + "```", ExampleSource.Guide(ThisFile()));

    private static string ThisFile([CallerFilePath] string path = "") => path;
}
