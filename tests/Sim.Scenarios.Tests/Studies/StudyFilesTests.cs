using Sim.Scenarios.Model;
using System.Security.Cryptography;
using System.Text;
using Sim.Scenarios.Loading;
using Sim.Studies;

namespace Sim.Scenarios.Tests.Studies;

/// <summary>
/// The files a study names beside itself (cost profile files): kept with the study by reference, hashed into its
/// identity (a changed profile is another study, so resuming never mixes runs of two profiles), and loadable from texts
/// sent with the scenario (a cluster worker has no copy of them).
/// </summary>
public sealed class StudyFilesTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("virtiosim-study-files-").FullName;

    private static string Scenario(string costs) => $"""
        name: files
        seed: 3
        duration: 10ms
        costs: {costs}
        guests:
          - name: vm
            platform: kvm
            devices:
              - {"{"} name: blk0, type: blk, sharing: full, workload: {"{"} requestSize: 4KiB, queueDepth: 2 {"}"} {"}"}
        replications: 2
        """;

    private static string Board(string wakeup) => $"""
        name: board
        extends: kvm-x86
        costs:
          backend.wakeup: {"{"} value: {wakeup}, estimate: "a test board", range: [1us, 30us] {"}"}
        """;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Write(string name, string text)
    {
        string path = Path.Combine(_root, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void A_study_on_a_built_in_profile_names_no_file_and_keeps_the_identity_of_its_text_and_seed()
    {
        string text = Scenario("kvm-x86");
        var study = StudyLoader.LoadFile(Write("s.yaml", text));
        Assert.Empty(study.Files);
        string expected = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{text}\nseed=3")));
        Assert.Equal(expected, StudyRunner.Identity(study));
    }

    [Fact]
    public void A_profile_file_is_kept_by_its_reference_and_a_change_to_it_is_another_study()
    {
        string scenario = Write("s.yaml", Scenario("boards/board.yaml"));
        Write("boards/board.yaml", Board("5us"));
        var first = StudyLoader.LoadFile(scenario);
        Assert.Equal(["boards/board.yaml"], first.Files.Keys);
        Assert.Equal(Board("5us"), first.Files["boards/board.yaml"]);

        Write("boards/board.yaml", Board("6us"));
        var second = StudyLoader.LoadFile(scenario);
        Assert.Equal(first.Text, second.Text);
        Assert.NotEqual(StudyRunner.Identity(first), StudyRunner.Identity(second));
    }

    [Fact]
    public void A_study_loads_from_sent_texts_with_no_file_on_disk_and_is_the_same_study()
    {
        string text = Scenario("boards/board.yaml");
        string scenario = Write("s.yaml", text);
        Write("boards/board.yaml", Board("5us"));
        var onDisk = StudyLoader.LoadFile(scenario);

        // Another directory, where no board file exists: only the sent texts can supply it.
        var sent = StudyLoader.LoadText(text, "elsewhere/s.yaml", [], ScenarioFiles.Sent("elsewhere/s.yaml", onDisk.Files));
        Assert.Equal(StudyRunner.Identity(onDisk), StudyRunner.Identity(sent));
        Assert.Equal(onDisk.Run(0, 1).Model.Transport!.Costs.Time("backend.wakeup"), sent.Run(0, 1).Model.Transport!.Costs.Time("backend.wakeup"));
    }

    [Fact]
    public void A_file_not_sent_is_a_located_error_naming_the_reference()
    {
        var e = Assert.Throws<ScenarioException>(() => StudyLoader.LoadText(Scenario("boards/board.yaml"), "s.yaml", [],
            ScenarioFiles.Sent("s.yaml", new Dictionary<string, string>())));
        Assert.Equal(4, e.Line);
        Assert.Contains("no cost profile 'boards/board.yaml'", e.Message);
    }
}
