using Sim.Devices.Scmi.Protocol;

namespace Sim.Devices.Scmi;

/// <summary>The three areas of one virtqueue (virtio 1.2, 2.7 split: descriptor table, available ring, used ring; 2.8 packed: descriptor ring and the two event suppression areas).</summary>
/// <param name="DescriptorArea">Split descriptor table or packed descriptor ring.</param>
/// <param name="DriverArea">Split available ring or packed driver event suppression area.</param>
/// <param name="DeviceArea">Split used ring or packed device event suppression area.</param>
public readonly record struct ScmiRingAreas(ulong DescriptorArea, ulong DriverArea, ulong DeviceArea);
