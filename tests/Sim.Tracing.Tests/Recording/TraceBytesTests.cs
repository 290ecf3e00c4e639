using System.Security.Cryptography;
using Sim.Scenarios.Loading;
using Sim.Worlds.Running;
using Sim.Tests.Shared;
using Sim.Tracing.Recording;

namespace Sim.Tracing.Tests.Recording;

/// <summary>
/// The trace of every teaching scenario is byte for byte the file the hand-written codec wrote before MessagePack-CSharp
/// replaced it (issue 15): the SHA-256 of each file, recorded with that codec (<c>sim run FILE --trace X</c>), is kept
/// here. A change of encoding (int width, str 8 or str 16, bin or str, map or array, the header's padding) changes the
/// hash. A deliberate change of the format changes docs/trace-format.md and these constants together.
/// </summary>
public sealed class TraceBytesTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("virtiosim-trace-bytes-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData("event-idx-under-load.yaml", "cf1eee12cc64c88a08a26fa6331d07f5d8787fd942ff7125fe9434b296b75789")]
    [InlineData("iommu-lazy-stale.yaml", "86b7b1a231003b374dc7b53de05ba29ce36765f072b295bfc1b8befd6ee2ad08")]
    [InlineData("one-request-kvm.yaml", "d418dc07e31b60cad3452f9f1dc139ad912f184bf7eac532fc3c1a0a6474085c")]
    [InlineData("one-request-xen.yaml", "1e2b260c8b0f06b19adf8ea4a9cc156d36278dc439f5ec5f707ea74e0d163099")]
    [InlineData("window-bounce.yaml", "5de3c225ac7d972b04401fc29b0dd0fa9f3effa259cd72a787f0263655c16945")]
    public void A_teaching_scenario_traces_to_the_same_bytes(string file, string sha256)
    {
        var model = ScenarioLoader.LoadFile(Path.Combine(RepositoryPaths.Root(), "scenarios/teaching", file));
        string path = Path.Combine(_folder, "run.trace");
        using (var recorder = new TraceRecorder(path, model.Name, model.Seed))
        {
            ScenarioRunner.Run(model, trace: recorder);
            recorder.Complete();
        }
        Assert.Equal(sha256, Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path))));
    }
}
