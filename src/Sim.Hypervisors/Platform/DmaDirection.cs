namespace Sim.Hypervisors.Platform;

/// <summary>
/// Which way a streaming DMA mapping carries data, as the driver declares it when it maps a buffer (Linux
/// <c>enum dma_data_direction</c>, include/linux/dma-direction.h). It decides when a bounce window copies: into the
/// window at map time for device-bound data, back out of it at unmap time for CPU-bound data.
/// </summary>
public enum DmaDirection
{
    /// <summary>
    /// The device only reads the buffer (Linux <c>DMA_TO_DEVICE</c>): the guest's bytes are copied into the window when
    /// the buffer is mapped, and nothing is copied back when it is unmapped. A virtqueue's driver-to-device buffers.
    /// </summary>
    ToDevice,

    /// <summary>
    /// The device only writes the buffer (Linux <c>DMA_FROM_DEVICE</c>): the window's bytes are copied back over the
    /// guest's buffer when it is unmapped. A virtqueue's device-writable buffers (an rx buffer, a block read).
    /// </summary>
    FromDevice,

    /// <summary>
    /// The device may read and write the buffer (Linux <c>DMA_BIDIRECTIONAL</c>): copied in at map time and back out
    /// at unmap time.
    /// </summary>
    Bidirectional,
}
