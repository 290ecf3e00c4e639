using Sim.Tests.Shared;
using Sim.Core.Time;
using Sim.Scenarios.Loading;
using Sim.Worlds.Running;
using Sim.Tracing.Explaining;

namespace Sim.Tracing.Tests.Explaining;

/// <summary>
/// <c>sim explain</c>'s account of one request on the teaching scenario: the steps a teacher points at, in order, with
/// the numbers of each decision; and the memory changes rebuild the rings the device saw.
/// </summary>
public sealed class TransactionNarratorTests
{
    private static ExplainedRun Explain(string scenario, string? device = null, int requests = 1) =>
        ExplainRunner.Explain(ScenarioLoader.LoadFile(Path.Combine(RepositoryPaths.Root(), scenario)), device, requests, SimTime.FromMilliseconds(1));

    [Fact]
    public void One_request_on_kvm_is_told_from_the_descriptors_to_the_reclaim()
    {
        var run = Explain("scenarios/teaching/one-request-kvm.yaml");
        Assert.Equal("kvm/blk0", run.Device);
        Assert.Equal(["kvm/blk0/driver", "kvm/blk0/backend"], run.Actors);
        string[] expected =
        [
            "descriptor 0 of driver/q0 written at GPA 0x1000: addr 0x3000, len 16, flags NEXT, next 1",
            "descriptor 1 of driver/q0 written at GPA 0x1010: addr 0x4000, len 4096, flags NEXT|WRITE, next 2",
            "descriptor 2 of driver/q0 written at GPA 0x1020: addr 0x3020, len 1, flags WRITE",
            "avail ring[0] of driver/q0 = head 0",
            "avail idx of driver/q0: 0 → 1 (1 new chain(s) published to the device)",
            "kick decision for driver/q0 after publishing avail idx 0 → 1: vring_need_event(avail_event=0, new=1, old=0): (u16)(1 - 0 - 1) = 0 < (u16)(1 - 0) = 1 is true: kick",
            "the kick reaches kvm/blk0/backend",
            "used ring[0] of driver/q0 = { id 0, len 4097 }",
            "used idx of driver/q0: 0 → 1 (1 request(s) completed)",
            "interrupt decision for driver/q0 after used idx 0 → 1: vring_need_event(used_event=0, new=1, old=0): (u16)(1 - 0 - 1) = 0 < (u16)(1 - 0) = 1 is true: interrupt",
            "the used-buffer interrupt reaches kvm/blk0/driver",
            "the driver reclaims used[0..1) of driver/q0: id 0 (len 4097)",
        ];
        int at = 0;
        foreach (string text in expected)
        {
            int found = run.Steps.Skip(at).ToList().FindIndex(s => s.Text.Contains(text, StringComparison.Ordinal));
            Assert.True(found >= 0, $"no step after #{at} says \"{text}\"; steps:\n{string.Join("\n", run.Steps.Select(s => s.Text))}");
            at += found + 1;
        }
        Assert.True(run.Steps.Zip(run.Steps.Skip(1)).All(p => p.First.Time <= p.Second.Time), "steps are in time order");
        Assert.Equal(1, run.Steps[^1].Counters.Single(c => c.Key == "kicks").Value);
        Assert.Equal(1, run.Steps[^1].Counters.Single(c => c.Key == "interrupts").Value);
        Assert.True(run.Steps[^1].Counters.Single(c => c.Key == "exits").Value > 0, "the driver's register accesses and kicks trap");
    }

    [Fact]
    public void Replaying_the_changes_rebuilds_the_used_ring_the_device_wrote()
    {
        var run = Explain("scenarios/teaching/one-request-kvm.yaml");
        int used = run.Regions.ToList().FindIndex(r => r.Kind == "split-used");
        var region = run.Regions[used];
        var bytes = new byte[region.Length];
        foreach (var change in run.Steps.SelectMany(s => s.Changes).Where(c => c.Region == used))
            change.Bytes.CopyTo(bytes, (int)(change.Address - region.Start));
        Assert.Equal(1, BitConverter.ToUInt16(bytes, 2));   // used idx
        Assert.Equal(0u, BitConverter.ToUInt32(bytes, 4));  // used ring[0].id
        Assert.Equal(4097u, BitConverter.ToUInt32(bytes, 8)); // used ring[0].len: 4 KiB of data and the status byte
    }

    [Fact]
    public void On_xen_the_grants_and_the_platform_work_are_told()
    {
        var run = Explain("scenarios/quickstart.yaml", "xen-grants/blk0");
        Assert.Contains(run.Steps, s => s.Kind == "grant" && s.Text.Contains("permit_access|readonly", StringComparison.Ordinal));
        Assert.Contains(run.Steps, s => s.Kind == "descriptor" && s.Text.Contains("(grant reference ", StringComparison.Ordinal));
        Assert.Contains(run.Steps, s => s.Kind == "platform" && s.Text.Contains("grant map(s)", StringComparison.Ordinal));
        Assert.Contains("xen-grants/grant-table", run.Regions.Select(r => r.Name));
    }

    [Fact]
    public void An_unknown_device_is_refused_with_the_devices_there_are()
    {
        var error = Assert.Throws<ArgumentException>(() => Explain("scenarios/quickstart.yaml", "kvm/blk9"));
        Assert.Contains("kvm-vhost-user/blk0", error.Message);
        Assert.Contains("xen-grants/blk0", error.Message);
    }

    [Fact]
    public void A_packed_ring_is_told_by_who_writes_its_descriptors()
    {
        var run = Explain("scenarios/transport/split-vs-packed.yaml", "packed/echo0", 2);
        Assert.Contains(run.Steps, s => s.Kind == "descriptor" && s.Text.Contains("made available by the driver", StringComparison.Ordinal) && s.Text.Contains("flags NEXT|AVAIL", StringComparison.Ordinal));
        Assert.Contains(run.Steps, s => s.Kind == "used" && s.Text.Contains("marked used by the device", StringComparison.Ordinal) && s.Text.Contains("flags AVAIL|USED", StringComparison.Ordinal));
        Assert.DoesNotContain(run.Steps, s => s.Text.Contains("marked used by the device", StringComparison.Ordinal) && !s.Text.Contains("AVAIL|USED", StringComparison.Ordinal));
        Assert.Contains(run.Regions, r => r.Kind == "packed-desc" && r.QueueSize == 256);
        Assert.Contains(run.Steps, s => s.Kind == "kick" && s.Text.Contains("the device's event suppression says", StringComparison.Ordinal));
        // The first turn takes every arrival that came due during initialisation (one kick, ENABLE); later kicks meet DESC.
        var withEventIdx = Explain("scenarios/transport/split-vs-packed.yaml", "packed-evtidx/echo0", 20);
        Assert.Contains(withEventIdx.Steps, s => s.Kind == "kick" && s.Text.Contains("says DESC at offset", StringComparison.Ordinal));
    }
}
