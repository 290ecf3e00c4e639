using Sim.Scenarios.Loading;

namespace Sim.Scenarios.Tests.Schema;

/// <summary>
/// The schema and the loader agree on what they refuse: an unknown key at the top level and inside a device, a name
/// outside a fixed set, a missing required key, a unit the readers do not parse. Each bad scenario is refused by both,
/// and the good one they start from is accepted by both.
/// </summary>
public sealed class SchemaLoaderAgreementTests
{
    private const string Good = """
        name: agree
        seed: 1
        duration: 1ms
        guests:
          - name: vm1
            platform: kvm
            devices:
              - name: blk0
                type: blk
                ring: split
                sharing: full
                workload: { requestSize: 4KiB, queueDepth: 4, interarrival: { exponential: 20us } }
        sweep:
          grid:
            - { path: "guests[0].devices[0].workload.queueDepth", values: [1, 4] }
        """;

    public static TheoryData<string, string, string> Bad() => new()
    {
        { "an unknown top-level key", "seed: 1", "seed: 1\nsede: 2" },
        { "an unknown key in a device", "ring: split", "ring: split\n        rign: packed" },
        { "an unknown key in a workload", "queueDepth: 4,", "queueDepth: 4, depth: 2," },
        { "a ring outside its set", "ring: split", "ring: spilt" },
        { "a sharing mechanism outside its set", "sharing: full", "sharing: fullest" },
        { "a platform outside its set", "platform: kvm", "platform: hyperv" },
        { "a device type outside its set", "type: blk", "type: disk" },
        { "a missing required key", "seed: 1\n", "" },
        { "a size without a binary unit", "requestSize: 4KiB", "requestSize: 4KB" },
        { "a time without a unit", "duration: 1ms", "duration: 1" },
        { "a distribution of two kinds", "{ exponential: 20us }", "{ exponential: 20us, constant: 1us }" },
        { "a sweep both grid and zip", "sweep:\n  grid:", "sweep:\n  zip: [{ path: seed, values: [1] }]\n  grid:" },
    };

    [Fact]
    public void Both_accept_the_good_scenario()
    {
        ScenarioLoader.LoadText(Good, "agree.yaml");
        var (valid, errors) = SchemaValidation.Check(Good);
        Assert.True(valid, string.Join("\n", errors));
    }

    [Theory]
    [MemberData(nameof(Bad))]
    public void Both_refuse(string what, string find, string replace)
    {
        Assert.Contains(find, Good);
        string bad = Good.Replace(find, replace);
        Assert.Throws<ScenarioException>(() => Sim.Scenarios.Loading.StudyLoader.LoadText(bad, "bad.yaml"));
        Assert.False(SchemaValidation.Check(bad).Valid, $"the schema accepts {what}");
    }
}
