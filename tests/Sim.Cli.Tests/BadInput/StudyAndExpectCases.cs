namespace Sim.Cli.Tests.BadInput;

public static partial class BadInputCases
{
    /// <summary>A queue scenario with a sweep over its duration (point 0: 1ms, point 1: the given value); the value is at line 17, column 39.</summary>
    private static string DurationSweep(string second) => Queue + $"sweep:\n  grid:\n    - {{ path: duration, values: [1ms, {second}] }}\n";

    /// <summary>Study axes and points, <c>--point</c>/<c>--replication</c>, and the <c>expect:</c> section.</summary>
    private static IReadOnlyList<BadInputCase> StudyAndExpect =>
    [
        BadInputCase.Scenario("sweep-path-nowhere", "a study axis whose path leads nowhere", Queue + "sweep:\n  grid:\n    - { path: queueing.pumps.x, values: [1] }\n", "17:15", "pumps"),
        BadInputCase.Scenario("sweep-value-wrong-type", "a study value of the wrong type", DurationSweep("lots"), "17:39", "expected a number followed by a unit"),
        BadInputCase.Scenario("sweep-empty-values", "a study axis with no values", Queue + "sweep:\n  grid:\n    - { path: duration, values: [] }\n", "17:33", "non-empty"),
        BadInputCase.Scenario("sweep-empty-range", "a study range that holds no value", Queue + "sweep:\n  grid:\n    - { path: seed, range: { from: 8, to: 1, step: 1 } }\n", "17:28", "empty range"),
        BadInputCase.Scenario("sweep-grid-and-zip", "a sweep with both grid and zip", Queue + "sweep:\n  grid:\n    - { path: seed, values: [1, 2] }\n  zip:\n    - { path: seed, values: [1, 2] }\n", "19:5", "expected only one of the keys grid or zip"),
        BadInputCase.Scenario("replications-zero", "replications: 0", Queue + "replications: 0\n", "15:15", "expected an integer"),
        BadInputCase.Scenario("run-study-bad-point", "sim run of a study whose second point is invalid (only validate/sweep checked it)", DurationSweep("0s"), "17:39", "expected a time > 0", command: "run"),
        BadInputCase.Scenario("explain-study-bad-point", "sim explain of a study whose second point is invalid", DurationSweep("-1ms"), "17:39", "expected a time > 0", command: "explain"),
        new("point-out-of-range", "--point beyond the study's points", ["run", "{dir}/s.yaml", "--point", "5", "--out", "{dir}/new"], "--point 5", "expected 0 to 1", File("s.yaml", DurationSweep("2ms"))),
        new("replication-out-of-range", "--replication beyond the study's replications", ["run", "{dir}/s.yaml", "--point", "0", "--replication", "3", "--out", "{dir}/new"], "--replication 3", "expected 0 to 0", File("s.yaml", DurationSweep("2ms"))),
        BadInputCase.Scenario("expect-unknown-key", "an unknown key under expect", Queue + "expect:\n  findngs: [x]\n", "16:3", "unknown key 'findngs' in expect; did you mean 'findings'?"),
        BadInputCase.Scenario("expect-experiment-key", "a validation experiment's key in a scenario's expect", Queue + "expect:\n  findings: [x]\n  tolerance: 0.2\n", "17:14", "belongs to a validation experiment"),
        BadInputCase.Scenario("expect-not-mapping", "expect: as a scalar", Queue + "expect: yes\n", "15:9", "expected a mapping"),
        BadInputCase.Scenario("expect-findings-scalar", "expect.findings as one word, not a list", Queue + "expect:\n  findings: deadline-miss\n", "16:13", "expected a sequence"),
        BadInputCase.Scenario("expect-findings-bad-name", "a finding rule that is not a rule name", Queue + "expect:\n  findings: [Deadline Miss]\n", "16:14", "a finding rule as findings print it"),
        BadInputCase.Scenario("expect-findings-twice", "a finding rule listed twice", Queue + "expect:\n  findings: [a-b, a-b]\n", "16:19", "listed twice"),
        BadInputCase.Scenario("claim-syntax", "a claim with a number in units", Queue + "claims:\n  fast: sojourn.mean[server] < 50us\n", "16:32", "plain, in SI units"),
        BadInputCase.Scenario("claim-unknown-world", "a claim naming a guest or variant the scenario does not have", Queue + "claims:\n  fast: sojourn.mean[nope] < 1\n", "16:9", "no guest or variant named 'nope'"),
        BadInputCase.Scenario("claim-unknown-metric", "a claim naming a metric the scenario does not have", Queue + "claims:\n  fast: latency.mean < 1\n", "16:9", "no metric value is named latency.mean"),
        BadInputCase.Scenario("claim-where-unknown", "a claim about a parameter the scenario does not sweep", Queue + "claims:\n  fast: sojourn.mean < 1 where depth > 2\n", "16:9", "names no swept parameter"),
        BadInputCase.Scenario("expect-findings-empty", "an empty list of expected findings", Queue + "expect:\n  findings: []\n", "16:13", "a non-empty list of finding rules"),
    ];
}
