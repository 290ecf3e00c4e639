using Sim.Hypervisors.Window;

namespace Sim.Hypervisors.Platform;

/// <summary>
/// A guest buffer the driver has made reachable for one request (Linux <c>dma_map_single</c>): where it is in guest
/// memory, which way the data goes, and the DMA address the driver writes into the descriptor (equal to the guest
/// address under a full mapping; a grant address, an IOVA or a bounce-window address otherwise).
/// </summary>
/// <param name="GuestAddress">Guest-physical start of the driver's buffer.</param>
/// <param name="Length">Bytes.</param>
/// <param name="Direction">Which way the device moves the data.</param>
/// <param name="DmaAddress">The address the device uses.</param>
/// <param name="Handle">The mechanism's own handle for the mapping (first grant reference, window slot, IOVA page); opaque to device models.</param>
public readonly record struct DmaBuffer(ulong GuestAddress, uint Length, DmaDirection Direction, ulong DmaAddress, long Handle);
