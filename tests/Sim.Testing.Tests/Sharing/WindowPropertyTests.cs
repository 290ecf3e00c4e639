using Sim.Hypervisors.Platform;
using FsCheck;
using FsCheck.Fluent;
using Sim.Hypervisors.Window;
using Sim.Testing.Sharing;
using Sim.Testing.Sharing.Window;

namespace Sim.Testing.Tests.Sharing;

/// <summary>The bounce-window property holds for the real window; free-slot touches are findings, never violations.</summary>
public sealed class WindowPropertyTests
{
    [Fact]
    public void Window_agrees_with_the_model_after_every_step()
    {
        Check.One(Fixed.Config(200), SharingProperties.Window());
    }

    [Fact]
    public void Random_sequences_reach_every_outcome_and_report_free_slot_touches_as_findings()
    {
        var reports = Gen.Sample(WindowGenerators.Sequences().Generator, 200, new Rnd(5UL), 40) // 200 scripts, fixed seed
            .Select(s => SharingProperties.RunWindow(s.Ops)).ToList();
        Assert.All(reports, r => Assert.True(r.Holds, r.ToString()));
        var trace = reports.SelectMany(r => r.Trace).ToList();
        foreach (string outcome in new[] { "= Mapped", "= Exhausted", "= TooLarge", "= Allowed", "= Denied", "unmap of nothing = NotMapped", "FromDevice) = Unmapped", "ToDevice) = Unmapped", "Bidirectional) = Unmapped" })
            Assert.True(trace.Count(l => l.Contains(outcome)) >= 3, $"{outcome} reached {trace.Count(l => l.Contains(outcome))} times");
        Assert.True(reports.Sum(r => r.Findings.Count) >= 3);
        Assert.All(reports.SelectMany(r => r.Findings), f => Assert.Contains("free slot", f.Message));
    }

    [Fact]
    public void A_reset_frees_every_slot_and_copies_device_data_back()
    {
        WindowOp[] ops = [new MapBuffer(0, 3000, DmaDirection.FromDevice), new MapBuffer(16, 100, DmaDirection.ToDevice), new DeviceAccess(WindowTarget.Live, 0, 10, 50, true), new ResetWindow()];
        var report = SharingProperties.RunWindow(ops);
        Assert.True(report.Holds, report.ToString());
        Assert.Empty(report.Findings);
        Assert.Equal(2, report.Trace.Count(l => l.Contains(") = Unmapped")));
        Assert.True(SharingProperties.WindowHolds(ops));
    }
}
