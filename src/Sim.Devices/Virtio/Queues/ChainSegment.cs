namespace Sim.Devices.Virtio.Queues;

/// <summary>
/// One buffer of a descriptor chain as the device sees it after validation: guest (DMA) address, length, and whether
/// the device may write it (VIRTQ_DESC_F_WRITE). Readable segments always come before writable ones (virtio 1.2, 2.7.4).
/// </summary>
/// <param name="Address">The buffer's address as the driver wrote it in the descriptor.</param>
/// <param name="Length">The buffer's length in bytes.</param>
/// <param name="DeviceWritable">True for a device-writable (driver-receives) buffer.</param>
public readonly record struct ChainSegment(ulong Address, uint Length, bool DeviceWritable);

/// <summary>A buffer the driver offers: address in guest memory and length; the direction is given by the list it is in.</summary>
/// <param name="Address">Guest (DMA) address of the buffer.</param>
/// <param name="Length">Length in bytes.</param>
public readonly record struct BufferSpec(ulong Address, uint Length);
