using Sim.Tests.Shared;
using FsCheck;
using FsCheck.Fluent;
using Xunit.Abstractions;

namespace Sim.Hypervisors.Tests.Window;

/// <summary>
/// Model-based check of the bounce window: random map, device-write and unmap programs agree step by step with
/// <see cref="WindowReferenceModel"/> (slots in use, no overlapping mappings, window and guest bytes).
/// </summary>
public sealed class BounceWindowModelPropertyTests(ITestOutputHelper output)
{
    [Fact]
    public void Window_agrees_with_the_reference_model()
    {
        var property = Prop.ForAll(WindowProgram.Arbitrary, program =>
        {
            string? failure = WindowReferenceModel.Run(program);
            return (failure is null).Label(failure ?? "");
        });
        Check.One(PropertyRuns.Config(300), property);
    }

    [Fact]
    public void Random_programs_reach_every_outcome_the_model_distinguishes()
    {
        var outcomes = new Dictionary<string, int>();
        foreach (var program in Gen.Sample(WindowProgram.Arbitrary.Generator, 100, new Rnd(20261122UL), 200) /* fixed seed: a coverage check must not be flaky */)
            Assert.Null(WindowReferenceModel.Run(program, outcomes));
        output.WriteLine(string.Join(" ", outcomes.OrderBy(o => o.Key).Select(o => $"{o.Key}={o.Value}")));

        string[] expected =
        [
            "Mapped", "Exhausted", "TooLarge", "Write:Allowed", "StrayWrite:Denied", "Unmap:NotMapped",
            "UnmapToDevice:Unmapped", "UnmapFromDevice:Unmapped", "UnmapBidirectional:Unmapped",
        ];
        foreach (string outcome in expected) Assert.True(outcomes.GetValueOrDefault(outcome) >= 5, $"outcome {outcome} reached {outcomes.GetValueOrDefault(outcome)} times");
    }
}
