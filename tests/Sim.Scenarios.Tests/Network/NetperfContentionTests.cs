using Sim.Scenarios.Loading;
using Sim.Worlds.Results;
using Sim.Worlds.Running;
using Sim.Scenarios.Tests.Running;

namespace Sim.Scenarios.Tests.Network;

/// <summary>
/// With the host path's stages on host threads, the netperf flows' frames are work on the same softirq thread and vhost
/// worker as the samples, so the samples queue behind them: removing netperf lowers the samples' latency and its
/// spread, as the mechanism implies (the fitted exponential wake-ups of the calibration do not: issue 18).
/// </summary>
public sealed class NetperfContentionTests
{
    private static string Scenario(bool netperf) => $$"""
        name: contention
        seed: 68
        duration: 250ms
        warmup: 100ms
        costs: kvm-x86
        host:
          cores: 3
          threads:
            - { match: tap/net0/host2/softirq, cores: [0] }
            - { match: tap/net0/backend, cores: [1] }
            - { match: tap/net0/driver, cores: [2] }
        guests:
          - name: tap
            memory: 16MiB
            devices:
              - name: net0
                type: net
                queueSize: 256
                backend: vhost
                host:
                  stages: [{ kind: nic, thread: softirq }, { kind: bridge, thread: softirq }, { kind: tap, thread: softirq }]
                  sample: { period: 1ms, frameBytes: 128 }
                  {{(netperf ? "background: { flows: 3, kind: tcp, frameBytes: 1514, rate: 780Mb/s }" : "")}}
        """;

    private static double Latency(RunResults results, string value) => results.Value("tap/net0/driver/rxLatency", value) * 1e6;

    [Fact]
    public void Removing_netperf_lowers_the_samples_latency_and_jitter_when_its_frames_share_the_samples_threads()
    {
        var with = ScenarioRunner.Run(ScenarioLoader.LoadText(Scenario(netperf: true), "c.yaml"));
        var without = ScenarioRunner.Run(ScenarioLoader.LoadText(Scenario(netperf: false), "c.yaml"));

        Assert.True(Latency(without, "count") >= 140 && Latency(with, "count") >= 140);
        Assert.True(Latency(with, "mean") > Latency(without, "mean") + 1, $"mean {Latency(with, "mean"):F1} us with netperf, {Latency(without, "mean"):F1} without");
        Assert.True(Latency(with, "stddev") > 2 * Latency(without, "stddev") + 0.5,
            $"stddev {Latency(with, "stddev"):F1} us with netperf, {Latency(without, "stddev"):F1} without");
        // The samples alone never wait for their softirq thread's core; beside netperf they wait behind its frames.
        double wait(RunResults r) => r.Value("host/cpus/tap/net0/host2/softirq/coreWait", "max");
        Assert.True(wait(with) > wait(without));
    }
}
