using Sim.Core.Randomness;

namespace Sim.Devices.Blk;

/// <summary>
/// The I/O a virtio-blk driver issues (virtio 1.2, 5.2.6): requests of <see cref="RequestBytes"/> each, reads with
/// probability <see cref="ReadFraction"/> and writes otherwise, at uniformly random sectors aligned to the request size
/// within the first <see cref="SectorSpan"/> sectors. Closed loop with <see cref="QueueDepth"/> requests outstanding (a
/// completed request is replaced at once), or open loop when <see cref="Interarrival"/> is set (then
/// <see cref="QueueDepth"/> caps the requests in flight; an arrival beyond it is rejected and counted). The backing store
/// serves <see cref="StorageChannels"/> requests in parallel. Writes carry <see cref="BlkPattern"/>'s data, and reads
/// of written sectors are checked against it as <see cref="Verification"/> says (by default every one).
/// </summary>
public sealed record BlkWorkload
{
    /// <summary>A validated workload; every argument is checked and a bad one named.</summary>
    /// <param name="requestBytes">Data bytes per request: a positive multiple of 512.</param>
    /// <param name="readFraction">Share of reads, in [0, 1]; the rest are writes.</param>
    /// <param name="queueDepth">Requests in flight (closed loop), or the cap (open loop); at least 1.</param>
    /// <param name="sectorSpan">Sectors the requests are spread over, from sector 0; at least one request's worth.</param>
    /// <param name="storageChannels">Requests the backing store serves in parallel; at least 1.</param>
    /// <param name="interarrival">Gaps between requests for an open loop; null for a closed loop.</param>
    /// <param name="verification">Which reads the driver checks; null: <see cref="BlkVerification.Full"/>.</param>
    public BlkWorkload(int requestBytes, double readFraction, int queueDepth, ulong sectorSpan, int storageChannels = 1, DelayDistribution? interarrival = null,
        BlkVerification? verification = null)
    {
        if (requestBytes <= 0 || requestBytes % BlkLayout.SectorSize != 0)
            throw new ArgumentOutOfRangeException(nameof(requestBytes), requestBytes, $"the request size must be a positive multiple of {BlkLayout.SectorSize} bytes");
        if (double.IsNaN(readFraction) || readFraction < 0 || readFraction > 1)
            throw new ArgumentOutOfRangeException(nameof(readFraction), readFraction, "the read fraction must lie in [0, 1]");
        if (queueDepth < 1)
            throw new ArgumentOutOfRangeException(nameof(queueDepth), queueDepth, "the queue depth must be at least 1");
        ulong sectorsPerRequest = (ulong)(requestBytes / BlkLayout.SectorSize);
        if (sectorSpan < sectorsPerRequest)
            throw new ArgumentOutOfRangeException(nameof(sectorSpan), sectorSpan, $"the sector span must hold at least one request of {sectorsPerRequest} sectors");
        if (storageChannels < 1)
            throw new ArgumentOutOfRangeException(nameof(storageChannels), storageChannels, "the backing store needs at least 1 channel");
        RequestBytes = requestBytes;
        ReadFraction = readFraction;
        QueueDepth = queueDepth;
        SectorSpan = sectorSpan;
        StorageChannels = storageChannels;
        Interarrival = interarrival;
        Verification = verification ?? BlkVerification.Full;
    }

    /// <summary>Data bytes per request (a multiple of 512).</summary>
    public int RequestBytes { get; }

    /// <summary>Share of reads (VIRTIO_BLK_T_IN); the rest are writes (VIRTIO_BLK_T_OUT).</summary>
    public double ReadFraction { get; }

    /// <summary>Requests in flight (closed loop), or the cap (open loop).</summary>
    public int QueueDepth { get; }

    /// <summary>Sectors the requests are spread over, starting at sector 0.</summary>
    public ulong SectorSpan { get; }

    /// <summary>Requests the backing store serves in parallel.</summary>
    public int StorageChannels { get; }

    /// <summary>Gaps between arrivals for an open loop; null for a closed loop.</summary>
    public DelayDistribution? Interarrival { get; }

    /// <summary>Which reads of written sectors the driver checks against the data written.</summary>
    public BlkVerification Verification { get; }

    /// <summary>Sectors per request.</summary>
    public ulong SectorsPerRequest => (ulong)(RequestBytes / BlkLayout.SectorSize);

    /// <summary>Request-aligned positions in the span: a request starts at sector <c>k * SectorsPerRequest</c>, k below this.</summary>
    public ulong Positions => SectorSpan / SectorsPerRequest;
}
