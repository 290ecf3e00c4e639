namespace Sim.Cli.Tests.BadInput;

public static partial class BadInputCases
{
    /// <summary>The file itself, YAML, keys, types, units and numbers of the top level and the queueing section.</summary>
    private static IReadOnlyList<BadInputCase> ScenarioFile =>
    [
        new("missing-file", "scenario file that does not exist", ["run", "{dir}/nope.yaml"], "{dir}/nope.yaml: ", "no such file; expected the path of a scenario file"),
        new("missing-directory", "scenario path through a directory that does not exist", ["validate", "{dir}/nodir/s.yaml"], "{dir}/nodir/s.yaml: ", "no such file (no directory"),
        new("directory-as-scenario", "a directory given as the scenario", ["run", "{dir}/adir"], "{dir}/adir: ", "is a directory; expected the path of a scenario file"),
        new("directory-as-scenario-explain", "a directory given to explain", ["explain", "{dir}/adir"], "{dir}/adir: ", "is a directory"),
        BadInputCase.Scenario("empty-file", "an empty scenario file", "", "1:1", "the file is empty; expected a scenario"),
        BadInputCase.Scenario("yaml-unclosed-flow", "malformed YAML: an unclosed '['", Queue.Replace("duration: 1ms", "duration: [1ms"), "4:1", "YAML syntax error"),
        BadInputCase.Scenario("yaml-bad-indent", "malformed YAML: a key indented wrongly", Queue.Replace("seed: 5", "seed: 5\n  oops: 1"), "3:7", "YAML syntax error"),
        BadInputCase.Scenario("yaml-two-documents", "two YAML documents in one file", Queue + "\n---\nname: second\n", "17:1", "expected exactly one document"),
        BadInputCase.Scenario("yaml-duplicate-key", "the same key twice", Queue.Replace("seed: 5", "seed: 5\nseed: 6"), "3:1", "duplicate"),
        BadInputCase.Scenario("top-level-list", "the top level is a list, not a mapping", "- name: x\n- seed: 1\n", "1:1", "expected a scenario: a mapping"),
        BadInputCase.Scenario("unknown-top-key", "an unknown top-level key", Queue + "colour: blue\n", "15:1", "unknown key 'colour' in the top level"),
        BadInputCase.Scenario("misspelt-required-key", "a required key misspelt", Queue.Replace("duration: 1ms", "durration: 1ms"), "3:1", "did you mean 'duration'?"),
        BadInputCase.Scenario("missing-seed", "a required key missing", Queue.Replace("seed: 5\n", ""), "1:1", "missing required key 'seed'"),
        BadInputCase.Scenario("seed-not-a-number", "wrong type: seed is text", Queue.Replace("seed: 5", "seed: five"), "2:7", "expected an unsigned 64-bit integer"),
        BadInputCase.Scenario("seed-negative", "a negative seed", Queue.Replace("seed: 5", "seed: -1"), "2:7", "expected an unsigned 64-bit integer"),
        BadInputCase.Scenario("seed-overflow", "a seed above 2^64-1", Queue.Replace("seed: 5", "seed: 18446744073709551616"), "2:7", "expected an unsigned 64-bit integer"),
        BadInputCase.Scenario("duration-bad-unit", "a time in an unknown unit", Queue.Replace("duration: 1ms", "duration: 50 parsecs"), "3:11", "parsecs"),
        BadInputCase.Scenario("duration-no-unit", "a time without a unit", Queue.Replace("duration: 1ms", "duration: 5"), "3:11", "unit"),
        BadInputCase.Scenario("duration-zero", "a zero duration", Queue.Replace("duration: 1ms", "duration: 0s"), "3:11", "expected a time > 0"),
        BadInputCase.Scenario("duration-negative", "a negative duration", Queue.Replace("duration: 1ms", "duration: -1ms"), "3:11", "expected a time > 0"),
        BadInputCase.Scenario("duration-nan", "NaN as a time", Queue.Replace("duration: 1ms", "duration: NaNms"), "3:11", "expected a number followed by a unit"),
        BadInputCase.Scenario("duration-overflow", "a time too long to represent", Queue.Replace("duration: 1ms", "duration: 99999999999999999999s"), "3:11", "too long for a simulated time"),
        BadInputCase.Scenario("warmup-not-shorter", "warm-up as long as the duration", Queue.Replace("duration: 1ms", "duration: 1ms\nwarmup: 1ms"), "4:9", "shorter than duration"),
        BadInputCase.Scenario("name-with-slash", "a name that cannot be a directory", Queue.Replace("name: good", "name: a/b"), "1:7", "a name of letters, digits"),
        BadInputCase.Scenario("max-events-zero", "maxEvents of 0", Queue + "maxEvents: 0\n", "15:12", "expected a positive integer"),
        BadInputCase.Scenario("max-events-fraction", "maxEvents not an integer", Queue + "maxEvents: 1.5\n", "15:12", "expected a positive integer"),
        BadInputCase.Scenario("unknown-distribution", "an unknown distribution", Queue.Replace("{ exponential: 10us }", "{ gaussian: 10us }"), "7:23", "unknown distribution 'gaussian'"),
        BadInputCase.Scenario("distribution-two-kinds", "a distribution with two kinds", Queue.Replace("{ exponential: 10us }", "{ exponential: 10us, constant: 1us }"), "7:42", "exactly one key"),
        BadInputCase.Scenario("distribution-negative-mean", "a negative mean", Queue.Replace("{ exponential: 10us }", "{ exponential: -10us }"), "7:36", "> 0"),
        BadInputCase.Scenario("route-to-nowhere", "a route to an undefined node", Queue.Replace("to: server", "to: nowhere"), "8:11", "nowhere"),
        BadInputCase.Scenario("duplicate-node-name", "two nodes with one name", Queue.Replace("- name: sink", "- name: server"), "14:13", "duplicate"),
        BadInputCase.Scenario("no-entity-section", "no queueing, guests or interconnect section", "name: x\nseed: 1\nduration: 1ms\n", "1:1", "no entity section"),
    ];
}
