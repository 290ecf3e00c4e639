using Sim.Core.Time;
using Sim.Scenarios.Loading;
using Sim.Worlds.Results;
using Sim.Worlds.Running;

namespace Sim.Scenarios.Tests.Sharing;

/// <summary>
/// The echo device from the transport issue runs unchanged on every platform and sharing mechanism: the same driver
/// and backend actors, only the platform differs. Each variant completes verified requests (the driver checks every
/// echoed number: a wrong one is a finding) with no finding at all, and its platform counters and exposure show the
/// mechanism at work.
/// </summary>
public sealed class EchoOnEveryPlatformTests
{
    private const string Workload = "workload: { requestBytes: 64, responseBytes: 512, outstanding: 8, service: { constant: 1us } }";

    private static string Guest(string name, string platform, string sharing) => $"""
          - name: {name}
            platform: {platform}
            devices:
              - {"{"} name: echo0, type: echo, ring: split, eventIdx: true, queueSize: 64, {sharing}{Workload} {"}"}
        """;

    private static readonly (string Name, string Platform, string Sharing)[] Variants =
    [
        ("kvm-full", "kvm", ""),
        ("kvm-vhost-vmm-exit", "kvm", "backend: vhost, kick: vmm, "),
        ("kvm-iommu-strict", "kvm", "sharing: iommu, "),
        ("kvm-iommu-lazy", "kvm", "sharing: iommu, iommu: { invalidation: lazy }, "),
        ("kvm-window", "kvm", "sharing: window, window: 1MiB, "),
        ("kvm-other-vm", "kvm", "sharing: window, backend: other-vm, window: 1MiB, "),
        ("xen-foreign", "xen", "sharing: full, "),
        ("xen-grant-map", "xen", "sharing: grant-map, backend: driver-domain, backendVcpus: 4, "),
        ("xen-grant-copy", "xen", "sharing: grant-copy, "),
        ("xen-persistent", "xen", "sharing: grant-persistent, window: 1MiB, "),
        ("xen-virtio-grants", "xen", "sharing: virtio-grants, "),
        ("xen-iommu", "xen", "sharing: iommu, "),
    ];

    private static (Dictionary<string, DeviceComparison> Lines, Dictionary<string, DeviceCosts> Costs) RunAll()
    {
        string yaml = "name: echo-everywhere\nseed: 3\nduration: 3ms\nwarmup: 1ms\ncosts: xen-x86\nguests:\n"
            + string.Join("\n", Variants.Select(v => Guest(v.Name, v.Platform, v.Sharing))) + "\n";
        var model = ScenarioLoader.LoadText(yaml, "echo-everywhere.yaml");
        var results = ScenarioRunner.Run(model);
        Assert.Empty(results.Findings);
        return (DeviceComparison.From(results).ToDictionary(d => d.Device.Split('/')[0]),
            DeviceCosts.From(results).ToDictionary(d => d.Device.Split('/')[0]));
    }

    private static readonly Lazy<(Dictionary<string, DeviceComparison> Lines, Dictionary<string, DeviceCosts> Costs)> Runs = new(RunAll);

    private static readonly Lazy<Dictionary<string, DeviceComparison>> Results = new(() => Runs.Value.Lines);

    [Fact]
    public void Every_variant_completes_echoed_requests_without_a_finding()
    {
        Assert.Equal(Variants.Select(v => v.Name).Order(), Results.Value.Keys.Order());
        foreach (var (name, line) in Results.Value)
        {
            Assert.True(line.Requests >= 20, $"{name} completed only {line.Requests} requests");   // IOMMU on Xen: ~30 in 2 ms
            Assert.Equal(0, line.Violations);
            Assert.Equal(64 + 512, line.BytesPerSecond / line.Iops, 3);
        }
    }

    [Fact]
    public void Each_mechanism_shows_its_own_operations()
    {
        var d = Results.Value;
        // Grants: each request grants, maps and unmaps two buffers; unmaps IPI the other backend vCPUs.
        Assert.True(d["xen-grant-map"].GrantOpsPerRequest >= 4);
        Assert.Equal(3, d["xen-grant-map"].IpisPerRequest);   // one flushed unmap batch per request, to the 3 other vCPUs
        Assert.True(d["xen-grant-copy"].BytesCopiedPerRequest >= 64 + 512);
        Assert.True(d["xen-persistent"].CopiesPerRequest > 1.5);   // into and out of the pool (a request may straddle the window's edges)
        Assert.True(d["xen-grant-copy"].HypercallsPerRequest > 0);
        // IOMMU: MAP and UNMAP requests on the IOMMU's own queue, on either platform.
        Assert.True(d["kvm-iommu-strict"].IommuRequestsPerRequest >= 2);
        Assert.True(d["xen-iommu"].IommuRequestsPerRequest >= 2);
        // Window: a bounce copy in and one out (counted per request the backend ended: within the window's edges, about 2).
        Assert.InRange(d["kvm-window"].CopiesPerRequest, 1.9, 2.1);
        Assert.InRange(d["kvm-other-vm"].CopiesPerRequest, 1.9, 2.1);
        // A kick without an ioeventfd is an exit to the VMM in user space, charged as such on the vCPU and carried to the
        // backend with no eventfd hop; with an ioeventfd (virtio-mmio's QueueNotify, datamatch) the kernel signals it.
        var costs = Runs.Value.Costs;
        // Every interrupt of virtio-mmio reads InterruptStatus and writes InterruptACK: two more exits to the VMM.
        var vmmExit = d["kvm-vhost-vmm-exit"];
        Assert.Equal(vmmExit.KicksPerRequest + 2 * vmmExit.InterruptsPerRequest, costs["kvm-vhost-vmm-exit"].Line("driver", "kvm.exit.mmioUser")!.CountPerRequest, 9);
        Assert.Null(costs["kvm-vhost-vmm-exit"].Line("driver", "kvm.ioeventfd.deliver"));
        Assert.Equal(d["kvm-full"].KicksPerRequest, costs["kvm-full"].Line("driver", "kvm.exit.mmioIoeventfd")!.CountPerRequest, 9);
        Assert.Equal(d["kvm-full"].KicksPerRequest, costs["kvm-full"].Line("driver", "kvm.ioeventfd.deliver")!.CountPerRequest, 9);
        Assert.Equal(0, d["kvm-full"].HypercallsPerRequest);
    }

    [Fact]
    public void Only_the_full_mappings_expose_all_of_guest_ram_and_only_lazy_invalidation_leaves_stale_pages()
    {
        var d = Results.Value;
        const double allRam = (64 << 20) / 4096;
        Assert.Equal(allRam, d["kvm-full"].ExposedPagesPeak);
        Assert.Equal(allRam, d["xen-foreign"].ExposedPagesPeak);
        foreach (string restricted in new[] { "kvm-iommu-strict", "kvm-window", "xen-grant-map", "xen-grant-copy", "xen-virtio-grants", "xen-iommu" })
            Assert.True(d[restricted].ExposedPagesPeak < allRam / 16, $"{restricted} exposes {d[restricted].ExposedPagesPeak} pages");
        Assert.True(d["kvm-iommu-lazy"].StalePageSeconds > 0);
        Assert.Equal(0, d["kvm-iommu-strict"].StalePageSeconds);
    }

    [Fact]
    public void A_restricted_platform_needs_access_platform_from_the_device()
    {
        // virtio 1.2, 6.1: a device that does not offer VIRTIO_F_ACCESS_PLATFORM bypasses the platform's translation;
        // a driver on grants, an IOMMU or a window must refuse it (Linux does for Xen grants and restricted DMA).
        string Scenario(string features) => "name: t\nseed: 1\nduration: 1ms\nguests:\n" + Guest("g", "kvm",
            $"sharing: window, window: 1MiB, deviceFeatures: [{features}], ");
        var refused = ScenarioRunner.Run(ScenarioLoader.LoadText(Scenario("version1, eventIdx"), "t.yaml"));
        var finding = Assert.Single(refused.Findings);
        Assert.Equal("device-initialisation-failed", finding.Rule);
        Assert.Equal("g/echo0/driver", finding.Actor);
        Assert.Contains("does not offer features the driver needs", finding.Detail);
        var accepted = ScenarioRunner.Run(ScenarioLoader.LoadText(Scenario("version1, eventIdx, accessPlatform"), "t.yaml"));
        Assert.Empty(accepted.Findings);
        Assert.True(DeviceComparison.From(accepted).Single().Requests > 0);
    }
}
