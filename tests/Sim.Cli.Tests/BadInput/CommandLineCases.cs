namespace Sim.Cli.Tests.BadInput;

public static partial class BadInputCases
{
    private static string Validation => Path.Combine(CliHarness.RepositoryRoot(), "validation");

    /// <summary>A run's results with two guests (kvm with a device, xen without), for comparisons inside a run.</summary>
    private const string TwoGuests = """
        { "format": "virtiosim-results/1", "scenario": "pair", "seed": 1, "duration": 1.0, "warmup": 0.0, "simulatedTime": 1.0,
          "events": 1, "partial": false, "stopReason": "end-reached", "devices": { "kvm/blk0": {} }, "findings": [],
          "metrics": { "kvm/blk0/driver/requests": { "kind": "counter", "unit": "", "count": 3 }, "xen/bus/transfers": { "kind": "counter", "unit": "", "count": 2 } } }
        """;

    /// <summary>Commands, options and their values, and the files other commands read (profiles, results, the suite).</summary>
    private static IReadOnlyList<BadInputCase> CommandLine =>
    [
        BadInputCase.Command("unknown-command", "an unknown command", "'frobnicate'", "Unrecognized command or argument", "frobnicate"),
        BadInputCase.Command("unknown-option", "an unknown option", "'--frobnicate'", "Unrecognized command or argument", "run", "{dir}/good.yaml", "--frobnicate"),
        BadInputCase.Command("missing-argument", "sim run without a scenario", "'run'", "Required argument 'scenario' missing", "run"),
        BadInputCase.Command("extra-argument", "sim validate with two files", "'{dir}/good.yaml'", "Unrecognized command or argument", "validate", "{dir}/good.yaml", "{dir}/good.yaml"),
        BadInputCase.Command("seed-option-text", "--seed that is not a number", "--seed", "abc", "run", "{dir}/good.yaml", "--seed", "abc", "--out", "{dir}/new"),
        BadInputCase.Command("seed-option-overflow", "--seed above 2^64-1", "--seed", "18446744073709551616", "run", "{dir}/good.yaml", "--seed", "18446744073709551616", "--out", "{dir}/new"),
        BadInputCase.Command("log-level-unknown", "--log-level with an unknown level", "loud", "debug", "run", "{dir}/good.yaml", "--log-level", "loud", "--out", "{dir}/new"),
        BadInputCase.Command("sweep-jobs-zero", "sweep --jobs 0", "--jobs", "must be at least 1", "sweep", "{dir}/good.yaml", "--jobs", "0", "--out", "{dir}/new"),
        BadInputCase.Command("sweep-jobs-negative", "sweep --jobs -3", "--jobs", "must be at least 1", "sweep", "{dir}/good.yaml", "--jobs", "-3", "--out", "{dir}/new"),
        BadInputCase.Command("explain-until-zero", "explain --until 0s", "--until", "expected a time > 0", "explain", "{dir}/good.yaml", "--until", "0s"),
        BadInputCase.Command("explain-until-unit", "explain --until in an unknown unit", "--until", "parsecs", "explain", "{dir}/good.yaml", "--until", "5parsecs"),
        BadInputCase.Command("explain-requests-zero", "explain --requests 0", "--requests", "must be at least 1", "explain", "{dir}/good.yaml", "--requests", "0"),
        new("explain-unknown-device", "explain --device that the scenario does not have", ["explain", "{dir}/e.yaml", "--device", "vm/nope"], "--device vm/nope: ", "expected one of: vm/echo0", File("e.yaml", Echo())),
        BadInputCase.Command("costs-unknown-profile", "costs with an unknown profile name", "'kvm-arm'", "expected a built-in profile", "costs", "kvm-arm"),
        BadInputCase.Command("costs-missing-file", "costs with a profile file that does not exist", "{dir}/p.yaml: ", "no such file", "costs", "{dir}/p.yaml"),
        BadInputCase.Command("costs-directory", "costs with a directory", "{dir}/adir: ", "is a directory", "costs", "{dir}/adir"),
        new("costs-malformed-file", "costs with a profile file with a wrong value", ["costs", "{dir}/p.yaml"], "{dir}/p.yaml:", "expected", File("p.yaml", "name: p\ncpuFrequency: fast\n")),
        BadInputCase.Command("costs-kind-unknown", "costs --kind with an unknown kind", "bogus", "fitted", "costs", "kvm-x86", "--kind", "bogus"),
        BadInputCase.Command("compare-missing", "compare of a results file that does not exist", "{dir}/nothing", "", "compare", "{dir}/nothing"),
        BadInputCase.Command("compare-not-results", "compare of a file that is not results", "{dir}/afile.txt", "", "compare", "{dir}/afile.txt"),
        BadInputCase.Command("compare-points-text", "compare --points that are not indices", "--points", "expected a list like 0,3", "compare", "{dir}/runout", "--points", "x"),
        new("compare-unknown-item", "compare RESULTS#ITEM naming no guest, variant or device of the run", ["compare", "{dir}/pair#nope"], "{dir}/pair/results.json#nope: ", "no guest, variant or device 'nope'", File("pair/results.json", TwoGuests)),
        new("compare-empty-item", "compare RESULTS# with nothing after the '#'", ["compare", "{dir}/pair#"], "{dir}/pair#: ", "expected RESULTS#ITEM", File("pair/results.json", TwoGuests)),
        new("compare-within-unknown", "compare --within with an unknown level", ["compare", "{dir}/pair", "--within", "planets"], "--within planets: ", "expected one of variants, guests, devices", File("pair/results.json", TwoGuests)),
        new("compare-within-no-devices", "compare --within devices of a run without devices", ["compare", "{dir}/pair", "--within", "devices"], "{dir}/pair/results.json: ", "this run has no devices", File("pair/results.json", TwoGuests.Replace("\"devices\": { \"kvm/blk0\": {} }, ", ""))),
        BadInputCase.Command("compare-study-item-name", "compare STUDY#ITEM that is not a point index", "{dir}/sweepout/results.json#kvm: ", "expected a point index", "compare", "{dir}/sweepout#kvm"),
        BadInputCase.Command("compare-empty-record", "compare of a run record that is not one (no format)", "{dir}/sweepout/runs/p0000-r00.json: ", "virtiosim-run/1", "compare", "{dir}/sweepout/runs/p0000-r00.json", "{dir}/runout"),
        BadInputCase.Command("compare-baseline-text", "compare --baseline that is not a number", "--baseline", "two", "compare", "{dir}/runout", "--baseline", "two"),
        BadInputCase.Command("fidelity-dir-missing", "fidelity --dir that does not exist", "{dir}/nodir", "expected the validation suite", "fidelity", "--dir", "{dir}/nodir"),
        BadInputCase.Command("fidelity-only-unknown", "fidelity --only an experiment the suite lacks", "'nosuch'", "the suite has:", "fidelity", "--dir", Validation, "--only", "nosuch"),
        BadInputCase.Command("bench-pending-zero", "bench kernel --pending 0", "--pending", "must be at least 1", "bench", "kernel", "--pending", "0"),
        BadInputCase.Command("bench-runs-too-few", "bench sweep --runs 5", "--runs", "must be at least 20", "bench", "sweep", "--runs", "5"),
        BadInputCase.Command("bench-no-subcommand-option", "bench --json without a benchmark", "'--json'", "Unrecognized command or argument", "bench", "--json"),
    ];
}
