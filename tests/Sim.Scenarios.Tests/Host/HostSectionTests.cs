using Sim.Core.Processors;
using Sim.Core.Time;
using Sim.Scenarios.Loading;

namespace Sim.Scenarios.Tests.Host;

/// <summary>The <c>host:</c> section: what it reads, and located errors for what it refuses.</summary>
public sealed class HostSectionTests
{
    private const string Workload = "workload: { requestSize: 4KiB, queueDepth: 4, readFraction: 0.5, span: 1MiB, channels: 4 }";

    internal static string Scenario(string host, string thread = "", string extra = "") => $"""
        name: h
        seed: 3
        duration: 20ms
        warmup: 2ms
        costs: kvm-x86
        {host}
        guests:
          - name: vm
            platform: kvm
            memory: 64MiB
            devices:
              - name: blk0
                type: blk
                sharing: full
                backend: vhost-user
                kick: ioeventfd
                {thread}
                {Workload}
        {extra}
        """;

    private static ScenarioException Fails(string yaml) => Assert.Throws<ScenarioException>(() => ScenarioLoader.LoadText(yaml, "h.yaml"));

    [Fact]
    public void A_host_reads_its_cores_rules_and_load_with_linux_defaults_for_the_scheduler()
    {
        var model = ScenarioLoader.LoadText(Scenario("""
            host:
              cores: 4
              isolated: [3]
              threads:
                - { match: "vm/*/driver", cores: [0], nice: -5 }
              load:
                - { name: stress, threads: 2, busy: 0.5, burst: 2ms, cores: [1, 2] }
            """), "h.yaml");
        var host = model.Host!;
        Assert.Equal(4, host.Cores);
        Assert.Equal([3], host.Isolated);
        Assert.Equal(FairSchedulerSettings.Linux(4) with { ContextSwitch = SimTime.FromMicroseconds(1.5) }, host.Settings);
        Assert.Equal(-5, host.RuleFor("vm/blk0/driver")!.Nice);
        Assert.Null(host.RuleFor("vm/blk0/backend"));
        var load = Assert.Single(host.Load);
        Assert.Equal((2, 0.5, SimTime.FromMilliseconds(2)), (load.Threads, load.Busy, load.Burst));
        Assert.Equal([1, 2], load.Cores!);
    }

    [Fact]
    public void Scheduler_tunables_replace_the_defaults()
    {
        var model = ScenarioLoader.LoadText(Scenario("host: { cores: 1, scheduler: { latency: 24ms, minGranularity: 3ms, wakeupGranularity: 4ms, tick: 4ms } }"), "h.yaml");
        Assert.Equal(new FairSchedulerSettings(SimTime.FromMilliseconds(24), SimTime.FromMilliseconds(3), SimTime.FromMilliseconds(4), SimTime.FromMilliseconds(4),
            SimTime.FromMicroseconds(1.5)), model.Host!.Settings);
    }

    [Fact]
    public void A_rule_matching_no_thread_is_refused_with_the_thread_names()
    {
        var e = Fails(Scenario("host: { cores: 2, threads: [ { match: vm/blk1/driver } ] }"));
        Assert.Equal(6, e.Line);
        Assert.Contains("matches none of the threads on the host; they are vm/blk0/driver, vm/blk0/backend", e.Message);
    }

    [Fact]
    public void A_core_the_host_does_not_have_is_refused_where_it_is_written()
    {
        var e = Fails(Scenario("host: { cores: 2, threads: [ { match: vm/blk0/driver, cores: [2] } ] }"));
        Assert.Equal(6, e.Line);
        Assert.Contains("expected an integer from 0 to 1", e.Message);
    }

    [Fact]
    public void Isolating_every_core_is_refused()
    {
        var e = Fails(Scenario("host: { cores: 2, isolated: [0, 1] }"));
        Assert.Contains("every core is isolated", e.Message);
    }

    [Fact]
    public void A_min_granularity_above_the_latency_is_refused()
    {
        var e = Fails(Scenario("host: { cores: 1, scheduler: { latency: 1ms, minGranularity: 2ms, wakeupGranularity: 1ms } }"));
        Assert.Contains("no longer than latency", e.Message);
    }

    [Fact]
    public void A_load_busy_outside_zero_to_one_is_refused()
    {
        var e = Fails(Scenario("host: { cores: 1, load: [ { name: s, busy: 1.5, burst: 1ms } ] }"));
        Assert.Contains("(0, 1]", e.Message);
    }

    [Fact]
    public void A_backend_on_a_shared_worker_thread_is_not_modelled_on_host_cores_yet()
    {
        var e = Fails(Scenario("host: { cores: 2 }", thread: "backendThread: io"));
        Assert.Contains("shared worker thread ('io')", e.Message);
    }

    [Fact]
    public void A_xen_guest_is_refused_because_xen_schedules_its_vcpus_itself()
    {
        var e = Fails(Scenario("host: { cores: 2 }").Replace("platform: kvm", "platform: xen").Replace("backend: vhost-user", "backend: dom0")
            .Replace("kick: ioeventfd", "").Replace("sharing: full", "sharing: grant-map"));
        Assert.Contains("runs on xen, whose hypervisor schedules its vCPUs itself", e.Message);
    }

    [Fact]
    public void A_misspelt_key_gets_a_suggestion()
    {
        var e = Fails(Scenario("host: { cores: 2, isolcpus: [1] }"));
        Assert.Contains("isolcpus", e.Message);
        Assert.Equal(6, e.Line);
    }
}
