using System.Net;
using System.Net.Sockets;
using Sim.Cli;

namespace Sim.Distributed.Tests;

/// <summary>What a node says when it cannot start or join: one line, exit 2.</summary>
public sealed class ClusterStartupTests
{
    private static (int Code, string Error) Run(params string[] args)
    {
        var error = new StringWriter();
        int code = CliApp.InvokeAsync(args, TextWriter.Null, error).GetAwaiter().GetResult();
        return (code, error.ToString());
    }

    private static string StudyFile()
    {
        string dir = Path.Combine(Path.GetTempPath(), "virtiosim-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        string path = Path.Combine(dir, "study.yaml");
        File.WriteAllText(path, CoordinatorHarness.StudyText);
        return path;
    }

    [Fact]
    public void A_coordinator_port_in_use_is_a_one_line_error()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        int port = ((IPEndPoint)taken.LocalEndpoint).Port;
        string file = StudyFile();
        var (code, error) = Run("sweep", file, "--cluster", "--listen", $"127.0.0.1:{port}", "--out", Path.Combine(Path.GetDirectoryName(file)!, "out"));
        Assert.Equal(2, code);
        Assert.Contains($"error: --listen 127.0.0.1:{port}: cannot listen there: the port is already in use", error);
    }

    [Fact]
    public void A_worker_whose_coordinator_does_not_answer_gives_up_with_a_one_line_error()
    {
        string config = Path.Combine(Path.GetDirectoryName(StudyFile())!, "quick.conf");
        File.WriteAllText(config, "virtiosim.cluster.join-timeout = 2s\n");
        int port = SimProcess.FreePort();
        var (code, error) = Run("worker", "--join", $"127.0.0.1:{port}", "--listen", "127.0.0.1:0", "--config", config);
        Assert.Equal(2, code);
        Assert.Contains($"error: --join 127.0.0.1:{port}: no coordinator answered within 2s", error);
    }

    [Theory]
    [InlineData("--join", "host:")]
    [InlineData("--join", ":4053")]
    [InlineData("--join", "host:notaport")]
    public void A_malformed_address_is_a_one_line_error(string option, string value)
    {
        var (code, error) = Run("worker", option, value);
        Assert.Equal(2, code);
        Assert.Contains($"error: {option} '{value}': expected HOST:PORT", error);
    }

    [Fact]
    public void Listen_without_cluster_is_refused()
    {
        var (code, error) = Run("sweep", StudyFile(), "--listen", "127.0.0.1:4053");
        Assert.Equal(2, code);
        Assert.Contains("--listen and --config go with --cluster", error);
    }
}
