using Sim.Tests.Shared;
using FsCheck;
using FsCheck.Fluent;
using Xunit.Abstractions;

namespace Sim.Hypervisors.Tests.Xen;

/// <summary>
/// Model-based check of the grant protocol: random programs of grant, map, backend access, unmap, end-access and copy
/// agree step by step with a reference model (<see cref="GrantReferenceModel"/>); no backend access outside the live
/// mappings succeeds; a mapped grant is never revoked. Two planted bugs show the property catches real mistakes and
/// reports a shrunk counterexample with its seed.
/// </summary>
public sealed class GrantTablePropertyTests(ITestOutputHelper output)
{
    private static Property Agrees(GrantFault fault) => Prop.ForAll(GrantProgram.Arbitrary, program =>
    {
        string? failure = GrantReferenceModel.Run(program, fault);
        return (failure is null).Label(failure ?? "");
    });

    [Fact]
    public void Implementation_agrees_with_the_reference_model()
    {
        Check.One(PropertyRuns.Config(500), Agrees(GrantFault.None));
    }

    [Fact]
    public void Random_programs_reach_every_outcome_the_model_distinguishes()
    {
        var outcomes = new Dictionary<string, int>();
        foreach (var program in Gen.Sample(GrantProgram.Arbitrary.Generator, 100, new Rnd(1UL), 300) /* fixed seed: a coverage check must not be flaky */)
            Assert.Null(GrantReferenceModel.Run(program, GrantFault.None, outcomes));
        output.WriteLine(string.Join(" ", outcomes.OrderBy(o => o.Key).Select(o => $"{o.Key}={o.Value}")));

        string[] expected =
        [
            "Grant:Okay", "Map:Okay", "Map:BadGntref", "Map:PermissionDenied", "Unmap:Okay", "Unmap:BadHandle",
            "EndAccess:Okay", "EndAccess:Eagain", "EndAccess:BadGntref", "AccessRead:Allowed", "AccessRead:Denied",
            "AccessWrite:Allowed", "AccessWrite:Denied", "AccessRead:OutOfRange", "CopyRead:Okay", "CopyWrite:Okay",
            "CopyWrite:PermissionDenied", "CopyRead:BadCopyArg", "CopyRead:BadGntref",
        ];
        foreach (string outcome in expected) Assert.True(outcomes.GetValueOrDefault(outcome) >= 5, $"outcome {outcome} reached {outcomes.GetValueOrDefault(outcome)} times");
    }

    [Fact]
    public void A_mapper_whose_unmap_leaves_GTF_reading_set_is_caught()
    {
        var failure = Assert.ThrowsAny<Exception>(() => Check.One(PropertyRuns.Config(500), Agrees(GrantFault.UnmapLeavesReading)));
        output.WriteLine(failure.Message);
        Assert.Contains("Falsifiable", failure.Message);
        Assert.Contains("unmap(", failure.Message);
    }

    [Fact]
    public void A_backend_path_that_keeps_a_frame_after_unmap_is_caught()
    {
        var failure = Assert.ThrowsAny<Exception>(() => Check.One(PropertyRuns.Config(500), Agrees(GrantFault.DeviceKeepsUnmappedFrames)));
        output.WriteLine(failure.Message);
        Assert.Contains("Falsifiable", failure.Message);
        Assert.Contains("outside the mapped set", failure.Message);
        Assert.Contains("unmap(", failure.Message[failure.Message.IndexOf("Shrunk", StringComparison.Ordinal)..]);
    }
}
