using System.Text.RegularExpressions;
using FsCheck;
using FsCheck.Fluent;
using Sim.Devices.Iommu;
using Sim.Testing.Sharing;
using Sim.Testing.Sharing.Iommu;
using Sim.Tests.Shared;
using Xunit.Abstractions;

namespace Sim.Devices.Tests.Iommu;

/// <summary>
/// Model-based check of the IOMMU against the public reference model of <c>Sim.Testing</c> (<see cref="IommuHarness"/>
/// over <see cref="IommuModel"/>): random programs of attach, detach, map, unmap, device reads and writes and flushes
/// agree with it. Strict: no access outside the current mappings succeeds. Lazy: the only extra successes are stale
/// ones, and each is counted.
/// </summary>
public sealed class IommuPropertyTests(ITestOutputHelper output)
{
    [Fact]
    public void Strict_no_access_outside_the_current_mappings_succeeds()
    {
        Check.One(PropertyRuns.Config(500), SharingProperties.Iommu(InvalidationPolicy.Strict));
    }

    [Fact]
    public void Lazy_the_only_extra_successes_are_stale_and_all_are_counted()
    {
        Check.One(PropertyRuns.Config(500), SharingProperties.Iommu(InvalidationPolicy.Lazy(3)));
    }

    [Fact]
    public void Lazy_with_a_batch_of_one_behaves_like_strict()
    {
        Check.One(PropertyRuns.Config(200), SharingProperties.Iommu(InvalidationPolicy.Lazy(1)));
    }

    [Fact]
    public void A_lazy_device_is_caught_by_the_strict_property_with_a_shrunk_counterexample()
    {
        var property = Prop.ForAll(IommuGenerators.Sequences(),
            script => IommuHarness.Run(script.Ops, InvalidationPolicy.Lazy(4), expected: InvalidationPolicy.Strict).ToProperty());
        var failure = Assert.ThrowsAny<Exception>(() => Check.One(PropertyRuns.Config(1000), property));
        output.WriteLine(failure.Message);
        Assert.Contains("Falsifiable", failure.Message);
        Assert.Contains("the model", failure.Message);
    }

    [Fact]
    public void Random_programs_reach_every_outcome_the_model_distinguishes()
    {
        // Fixed seed: a coverage check must not be flaky.
        var reports = Gen.Sample(IommuGenerators.Sequences().Generator, 100, new Rnd(20261122UL), 800)
            .Select(script => SharingProperties.RunIommu(script.Ops, InvalidationPolicy.Lazy(4))).ToList();
        Assert.All(reports, r => Assert.True(r.Holds, r.ToString()));
        var outcomes = new Dictionary<string, int>();
        foreach (string line in reports.SelectMany(r => r.Trace))
        {
            var request = Regex.Match(line, @"^\[\d+\] (attach|detach|map|unmap)\(.* = ([A-Z]+)$");
            if (request.Success) Count(outcomes, $"{Capitalised(request.Groups[1].Value)}:{request.Groups[2].Value}");
            var access = Regex.Match(line, @"^\[\d+\] (read|write) of .* = (\w+)( \(stale\))?$");
            if (!access.Success) continue;
            Count(outcomes, $"{Capitalised(access.Groups[1].Value)}:{access.Groups[2].Value}");
            if (access.Groups[3].Success) Count(outcomes, "Access:stale");
        }
        output.WriteLine(string.Join(" ", outcomes.OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => $"{o.Key}={o.Value}")));
        string[] expected =
        [
            "Attach:OK", "Detach:OK", "Detach:INVAL", "Detach:NOENT", "Map:OK", "Map:INVAL", "Map:NOENT", "Unmap:OK",
            "Unmap:RANGE", "Unmap:NOENT", "Read:Allowed", "Read:Denied", "Write:Allowed", "Write:Denied", "Access:stale",
        ];
        foreach (string outcome in expected) Assert.True(outcomes.GetValueOrDefault(outcome) >= 3, $"outcome {outcome} reached {outcomes.GetValueOrDefault(outcome)} times");
    }

    private static void Count(Dictionary<string, int> outcomes, string outcome) => outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;

    private static string Capitalised(string word) => char.ToUpperInvariant(word[0]) + word[1..];
}
