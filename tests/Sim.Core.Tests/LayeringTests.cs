using System.Reflection;
using Sim.Core.Running;

namespace Sim.Core.Tests;

/// <summary>The kernel stays the bottom layer and free of virtio and hypervisor words (the design brief; docs/ARCHITECTURE.md, "Layers").</summary>
public sealed class LayeringTests
{
    private static readonly Assembly Kernel = typeof(Simulation).Assembly;

    [Fact]
    public void The_kernel_references_none_of_our_other_projects()
    {
        var ours = Kernel.GetReferencedAssemblies().Select(a => a.Name!).Where(n => n.StartsWith("Sim.", StringComparison.Ordinal));
        Assert.Empty(ours);
    }

    [Fact]
    public void No_kernel_type_or_namespace_speaks_of_virtio_or_hypervisors()
    {
        string[] words = ["virtio", "virtqueue", "vring", "xen", "kvm", "grant", "iommu", "hypervisor", "guest", "vcpu"];
        var offenders = Kernel.GetTypes()
            .Select(t => t.FullName ?? t.Name)
            .Where(name => words.Any(w => name.Contains(w, StringComparison.OrdinalIgnoreCase)))
            .ToList();
        Assert.Empty(offenders);
    }
}
