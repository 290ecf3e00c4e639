using System.Runtime.CompilerServices;

// The split queues' start-index constructors (internal) let tests reach the 65535 → 0 index wrap in a few steps.
// Belongs in Sim.Devices.csproj as <InternalsVisibleTo Include="Sim.Devices.Tests" />; kept here because this change
// may only touch Virtio/Split.
[assembly: InternalsVisibleTo("Sim.Devices.Tests")]
