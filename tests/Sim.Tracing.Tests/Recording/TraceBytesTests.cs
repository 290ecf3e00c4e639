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
/// hash. A deliberate change of the format changes docs/trace-format.md and these constants together. The constants
/// also change when what is traced changes: a message's summary names the .NET types of the objects it carries (issue
/// 17 moved them: Sim.Devices.Transport became Sim.Devices.Common, BlkFrontend became BlkDriver) and the driver now tells
/// its backend what it wrote to the register file by message, so there are more messages to record.
/// </summary>
public sealed class TraceBytesTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("virtiosim-trace-bytes-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData("event-idx-under-load.yaml", "1473d81b5d7025859b581906c26c763c6b41b2b1f13fae5898f902df42f1ff60")]
    [InlineData("iommu-lazy-stale.yaml", "456422e57021e991e1a81cf1ed896abb9d1906c07f6bb985fa930e749600f6f2")]
    [InlineData("one-request-kvm.yaml", "6eeb19d0592937219c8c01830e41a90d132cf97f40c0ad1e821228354fd1394e")]
    [InlineData("one-request-xen.yaml", "9d436d5cd9146267aa654571f18dd2bbf40f82c957c8301e2f03a5e25afaf0bb")]
    [InlineData("window-bounce.yaml", "f805db6b8baff2c85cad1226597eb88fc1a1710b2715b09f341aaa8c00565fb7")]
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
