namespace Sim.Cli.Tests.BadInput;

public static partial class BadInputCases
{
    /// <summary>Where results, traces and pages would go: existing files, directories, unwritable places, the other command's folder.</summary>
    private static IReadOnlyList<BadInputCase> OutputPaths =>
    [
        BadInputCase.Command("run-out-existing-file", "run --out naming an existing file", "--out {dir}/afile.txt: ", "is an existing file", "run", "{dir}/good.yaml", "--out", "{dir}/afile.txt"),
        BadInputCase.Command("run-out-proc", "run --out under /proc", "--out /proc/virtiosim-test/out: ", "cannot be created", "run", "{dir}/good.yaml", "--out", "/proc/virtiosim-test/out"),
        BadInputCase.Command("run-out-parent-is-file", "run --out below a file", "--out {dir}/afile.txt/sub: ", "is a file, not a directory", "run", "{dir}/good.yaml", "--out", "{dir}/afile.txt/sub"),
        BadInputCase.Command("run-out-sweep-folder", "run --out a folder where a sweep wrote", "--out {dir}/sweepout: ", "holds the runs of a study", "run", "{dir}/good.yaml", "--out", "{dir}/sweepout"),
        new("run-out-foreign-results", "run --out a folder whose results.json is not ours", ["run", "{dir}/good.yaml", "--out", "{dir}/other"], "--out {dir}/other: ", "not a VirtioSim results file", File("other/results.json", "[1, 2, 3]")),
        BadInputCase.Command("sweep-out-run-folder", "sweep --out the folder a run wrote", "--out {dir}/runout: ", "holds the results of 'sim run'", "sweep", "{dir}/good.yaml", "--out", "{dir}/runout"),
        BadInputCase.Command("sweep-out-existing-file", "sweep --out naming an existing file", "--out {dir}/afile.txt: ", "is an existing file", "sweep", "{dir}/good.yaml", "--out", "{dir}/afile.txt"),
        BadInputCase.Command("sweep-out-proc", "sweep --out under /proc", "--out /proc/virtiosim-test: ", "cannot be created", "sweep", "{dir}/good.yaml", "--out", "/proc/virtiosim-test"),
        BadInputCase.Command("run-trace-directory", "run --trace naming a directory", "--trace {dir}/adir: ", "is a directory; expected the name of a file", "run", "{dir}/good.yaml", "--out", "{dir}/new", "--trace", "{dir}/adir"),
        BadInputCase.Command("run-trace-proc", "run --trace under /proc", "--trace /proc/virtiosim.trace: ", "no file can be created in /proc", "run", "{dir}/good.yaml", "--out", "{dir}/new", "--trace", "/proc/virtiosim.trace"),
        BadInputCase.Command("explain-html-directory", "explain --html naming a directory", "--html {dir}/adir: ", "is a directory", "explain", "{dir}/good.yaml", "--html", "{dir}/adir"),
        BadInputCase.Command("explain-html-proc", "explain --html under /proc", "--html /proc/virtiosim.html: ", "no file can be created in /proc", "explain", "{dir}/good.yaml", "--html", "/proc/virtiosim.html"),
        BadInputCase.Command("explain-html-parent-is-file", "explain --html below a file", "--html {dir}/afile.txt/page.html: ", "is a file, not a directory", "explain", "{dir}/good.yaml", "--html", "{dir}/afile.txt/page.html"),
        BadInputCase.Command("fidelity-html-proc", "fidelity --html under /proc", "--html /proc/virtiosim.html: ", "no file can be created in /proc", "fidelity", "--dir", Validation, "--only", "christie-vhost-one-job", "--html", "/proc/virtiosim.html"),
        BadInputCase.Command("fidelity-html-directory", "fidelity --html naming a directory", "--html {dir}/adir: ", "is a directory", "fidelity", "--dir", Validation, "--only", "christie-vhost-one-job", "--html", "{dir}/adir"),
        BadInputCase.Command("bench-trace-proc", "bench virtqueue --trace under /proc", "--trace /proc/virtiosim.split: ", "no file can be created in /proc", "bench", "virtqueue", "--round-trips", "1", "--trace", "/proc/virtiosim"),
    ];
}
