namespace Sim.Cli.Tests.Layering;

/// <summary>
/// The allowed dependencies between the projects under <c>src</c>, as data (issue 17). Each <see cref="Layer"/> names a
/// project and the <c>Sim.*</c> projects it may use; a <see cref="Use"/> without namespaces allows all of that project,
/// one with namespaces allows only those (and their sub-namespaces). What the code uses today beyond that is listed in
/// <see cref="KnownExceptions"/>, each with its reason: <see cref="LayeringTests"/> fails on any other use, and on an
/// exception the code no longer needs, so the list only shrinks. docs/ARCHITECTURE.md ("Layers") draws the same graph.
/// </summary>
public static class LayerTable
{
    /// <summary>One row per project under <c>src</c>.</summary>
    public static readonly IReadOnlyList<Layer> Layers =
    [
        new("Sim.Core"),
        new("Sim.Reports"),
        // The wire layouts of the virtio structures, described once (issue 17): data, used by every model layer.
        new("Sim.Layouts"),
        // Runs inside the compiler: turns the layout descriptions into the models' constants; uses no Sim project.
        new("Sim.Layouts.Generator"),
        new("Sim.Hypervisors", new Use("Sim.Core"), new Use("Sim.Layouts")),
        new("Sim.Interconnect", new Use("Sim.Core")),
        // Device models see the platform only through the DMA API and its costs, never a hypervisor by name (no Kvm, Xen,
        // Window). The virtio-iommu device, its driver's DMA mapping (a sharing mechanism) and its translation live here.
        new("Sim.Devices",
            new Use("Sim.Core"),
            new Use("Sim.Interconnect"),
            new Use("Sim.Layouts"),
            new Use("Sim.Hypervisors", "Sim.Hypervisors.Costs", "Sim.Hypervisors.Memory", "Sim.Hypervisors.Platform")),
        // What runs outside the guest's virtio devices (host network stack, SCMI platform, display pipeline): it talks to
        // devices through their messages and the SCMI protocol, and puts traffic on the bus.
        new("Sim.Platform",
            new Use("Sim.Core"), new Use("Sim.Interconnect"), new Use("Sim.Devices"), new Use("Sim.Layouts"),
            new Use("Sim.Hypervisors", "Sim.Hypervisors.Costs")),
        // A trace observes the kernel's deliveries and guest memory writes; it models nothing.
        new("Sim.Tracing", new Use("Sim.Core"), new Use("Sim.Layouts"), new Use("Sim.Hypervisors", "Sim.Hypervisors.Memory")),
        // Generators of adversarial inputs for the memory-sharing mechanisms.
        new("Sim.Testing", new Use("Sim.Core"), new Use("Sim.Hypervisors"), new Use("Sim.Devices", "Sim.Devices.Iommu")),
        // Reading scenarios: located YAML, the scenario model, the schema, cost profiles, and the guest address plan the
        // reader checks memory sizes against (device layouts and sharing regions, hence the model layers).
        new("Sim.Scenarios",
            new Use("Sim.Core"), new Use("Sim.Hypervisors"), new Use("Sim.Interconnect"), new Use("Sim.Devices"), new Use("Sim.Platform"),
            new Use("Sim.Tracing"), new Use("Sim.Reports")),
        // The composition root: builds worlds from a read scenario with every model layer, runs them, keeps results.
        new("Sim.Worlds",
            new Use("Sim.Scenarios"), new Use("Sim.Core"), new Use("Sim.Hypervisors"), new Use("Sim.Interconnect"),
            new Use("Sim.Devices"), new Use("Sim.Platform"), new Use("Sim.Layouts"), new Use("Sim.Tracing"), new Use("Sim.Reports")),
        // Studies (points and replications run, summarised, reported), comparisons of results, fidelity experiments.
        new("Sim.Studies",
            new Use("Sim.Worlds"), new Use("Sim.Scenarios"), new Use("Sim.Core"), new Use("Sim.Hypervisors"),
            new Use("Sim.Tracing"), new Use("Sim.Reports")),
        new("Sim.Distributed", new Use("Sim.Studies"), new Use("Sim.Worlds"), new Use("Sim.Scenarios")),
        // The front end runs scenarios and studies and presents what they return: run outcomes, times and metric
        // summaries of the kernel, report quantities and pages, a trace file, the explain page.
        new("Sim.Cli",
            new Use("Sim.Studies"), new Use("Sim.Worlds"), new Use("Sim.Scenarios"), new Use("Sim.Distributed"), new Use("Sim.Reports"),
            new Use("Sim.Core", "Sim.Core.Running", "Sim.Core.Time", "Sim.Core.Statistics"),
            new Use("Sim.Tracing", "Sim.Tracing.Explaining", "Sim.Tracing.Recording")),
    ];

    /// <summary>Uses past the layering that the code makes today; remove an entry when its reason is gone.</summary>
    public static readonly IReadOnlyList<KnownException> KnownExceptions = [];
}
