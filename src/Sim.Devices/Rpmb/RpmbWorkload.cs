using Sim.Core.Randomness;

namespace Sim.Devices.Rpmb;

/// <summary>
/// What a guest does with its virtio-rpmb device (virtio 1.2, 5.12) and what the device is: at start it programs its
/// authentication key (first-boot provisioning, 5.12.6.1.1) and reads the write counter (5.12.6.1.2); then, one
/// request at a time (RPMB is serial), every <see cref="Interarrival"/> it makes an authenticated data write of
/// <see cref="Blocks"/> blocks (with probability <see cref="WriteFraction"/>, e.g. a secure boot counter or a key
/// store update) or an authenticated read of them with a fresh nonce, at a block address cycling over the partition.
/// </summary>
/// <param name="Interarrival">Time between operations.</param>
/// <param name="WriteFraction">Share of operations that are writes (0 to 1).</param>
/// <param name="Blocks">256-byte blocks per write or read.</param>
/// <param name="Device">The device's configuration: capacity (128 KiB units), max_wr_cnt, max_rd_cnt (5.12.4).</param>
public sealed record RpmbWorkload(DelayDistribution Interarrival, double WriteFraction, int Blocks, RpmbConfig Device)
{
    /// <summary>The most frames one request carries: a write's blocks and a RESULT_READ frame.</summary>
    public int MaxRequestFrames => Blocks + 1;

    /// <summary>The most frames one response carries: a read's blocks.</summary>
    public int MaxResponseFrames => Math.Max(Blocks, 1);
}
