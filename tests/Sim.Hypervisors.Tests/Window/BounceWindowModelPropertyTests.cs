using FsCheck;
using FsCheck.Fluent;
using Sim.Testing.Sharing;
using Sim.Testing.Sharing.Window;
using Sim.Tests.Shared;
using Xunit.Abstractions;

namespace Sim.Hypervisors.Tests.Window;

/// <summary>
/// Model-based check of the bounce window against the public reference model of <c>Sim.Testing</c>
/// (<see cref="WindowHarness"/>: slots taken first fit from a rotating index, no overlapping mappings, the window's and
/// the guest's bytes, every access outside the window denied): random map, device-access and unmap sequences agree
/// with it step by step, and after an unmap the guest buffer holds what the device wrote over what the map put in
/// (FromDevice, Bidirectional) or is unchanged (ToDevice).
/// </summary>
public sealed class BounceWindowModelPropertyTests(ITestOutputHelper output)
{
    [Fact]
    public void Window_agrees_with_the_reference_model()
    {
        Check.One(PropertyRuns.Config(300), SharingProperties.Window());
    }

    [Fact]
    public void Random_programs_reach_every_outcome_the_model_distinguishes()
    {
        // Fixed seed: a coverage check must not be flaky.
        var reports = Gen.Sample(WindowGenerators.Sequences(maxSteps: 60).Generator, 100, new Rnd(20261122UL), 300)
            .Select(script => SharingProperties.RunWindow(script.Ops)).ToList();
        Assert.All(reports, r => Assert.True(r.Holds, r.ToString()));
        var trace = reports.SelectMany(r => r.Trace).ToList();

        var expected = new (string Outcome, Func<string, bool> Reached)[]
        {
            ("Mapped", l => l.Contains("= Mapped")),
            ("Exhausted", l => l.Contains("= Exhausted")),
            ("TooLarge", l => l.Contains("= TooLarge")),
            ("Write:Allowed", l => l.Contains("device write of") && l.EndsWith("= Allowed", StringComparison.Ordinal)),
            ("StrayWrite:Denied", l => l.Contains("device write of") && l.EndsWith("= Denied", StringComparison.Ordinal)),
            ("Unmap:NotMapped", l => l.Contains("unmap of nothing = NotMapped")),
            ("UnmapToDevice:Unmapped", l => l.Contains("ToDevice) = Unmapped")),
            ("UnmapFromDevice:Unmapped", l => l.Contains("FromDevice) = Unmapped")),
            ("UnmapBidirectional:Unmapped", l => l.Contains("Bidirectional) = Unmapped")),
        };
        var counts = expected.Select(e => (e.Outcome, Count: trace.Count(e.Reached))).ToList();
        output.WriteLine(string.Join(" ", counts.Select(c => $"{c.Outcome}={c.Count}")));
        foreach (var (outcome, count) in counts) Assert.True(count >= 5, $"outcome {outcome} reached {count} times");
    }
}
