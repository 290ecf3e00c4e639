namespace Sim.Cli.Tests.BadInput;

/// <summary>
/// The bad inputs the command line is tried with (docs/bad-input.md is made from them): scenario files, the
/// transport's keys, studies and expectations, command-line arguments and output paths, each in its own part.
/// </summary>
public static partial class BadInputCases
{
    /// <summary>Every case, in table order.</summary>
    public static IReadOnlyList<BadInputCase> All { get; } =
        [.. ScenarioFile, .. Transport, .. StudyAndExpect, .. CommandLine, .. OutputPaths];

    /// <summary>The sandbox's valid queueing scenario, for edits (line 3 is <c>duration: 1ms</c>, line 7 the source's interarrival).</summary>
    private const string Queue = Sandbox.GoodScenario + "\n";

    /// <summary>
    /// A KVM guest with one echo device; <paramref name="keys"/> (device keys, one per line, no indentation) go at line 10,
    /// column 9, before the workload.
    /// </summary>
    private static string Echo(string keys = "", string workload = "{ requestBytes: 64, responseBytes: 512, outstanding: 4 }", string platform = "kvm") =>
        "name: echo\nseed: 1\nduration: 1ms\nguests:\n  - name: vm\n    platform: " + platform + "\n    devices:\n      - name: echo0\n        type: echo\n"
        + Indent(keys) + "        workload: " + workload + "\n";

    /// <summary>
    /// A Xen guest with one blk device on xen-x86; <paramref name="keys"/> go at line 11, column 9, before the workload.
    /// </summary>
    private static string XenBlk(string keys = "", string workload = "{ requestSize: 4KiB, queueDepth: 4 }") =>
        "name: xenblk\nseed: 1\nduration: 1ms\ncosts: xen-x86\nguests:\n  - name: xen\n    platform: xen\n    devices:\n      - name: blk0\n        type: blk\n"
        + Indent(keys) + "        workload: " + workload + "\n";

    private static string Indent(string keys) =>
        string.Concat(keys.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => "        " + line + "\n"));

    private static Dictionary<string, string> File(string name, string text) => new() { [name] = text };
}
