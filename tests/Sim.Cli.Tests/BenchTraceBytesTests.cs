using System.Security.Cryptography;
using Sim.Worlds.Benchmarks;

namespace Sim.Cli.Tests;

/// <summary>
/// <c>sim bench virtqueue --round-trips 1000 --trace X</c> writes X.split and X.packed byte for byte as the hand-written
/// codec did before MessagePack-CSharp replaced it (issue 15): their SHA-256, recorded with that codec, are kept here.
/// Only the trace is compared; the measured speed is not.
/// </summary>
public sealed class BenchTraceBytesTests
{
    [Theory]
    [InlineData(false, "5a354de2e14cd5e906964540e3730c2ac7d9748609541fbb1f86a52b18ea2b64")]
    [InlineData(true, "3ec4c0cf8e626f726fddc16724e1671b4ec7d77a27c8572cfcbc663ca7347b8f")]
    public void The_virtqueue_bench_traces_to_the_same_bytes(bool packed, string sha256)
    {
        string path = Path.Combine(CliHarness.TempDirectory(), packed ? "bench.packed" : "bench.split");
        VirtqueueBenchmark.Measure(packed, 1000, path);
        Assert.Equal(sha256, Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path))));
        Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
    }
}
