namespace Sim.Worlds.Results;

/// <summary>
/// What each metric measures, by the last segment of its path (the name its actor registers it under; the path before
/// it says whose it is). A test checks that every metric of every shipped scenario is described here.
/// </summary>
public static class MetricGlossary
{
    private static readonly Dictionary<string, string> Names = new(StringComparer.Ordinal)
    {
        ["accepted"] = "votes the aggregator took as they were",
        ["acked"] = "segments the receiver acknowledged (TCP-like flow)",
        ["activePairs"] = "virtio-net queue pairs in use (VQ_PAIRS_SET)",
        ["active_transfers"] = "transfers sharing the bus at once",
        ["backlog"] = "open-loop arrivals waiting in the application for a free request slot",
        ["backlogged"] = "open-loop arrivals that found every request slot busy",
        ["bulkQueue"] = "bulk frames waiting at the link",
        ["bytes"] = "payload bytes the driver's completed requests moved",
        ["bytesRead"] = "bytes the device read (from the disk, or from guest buffers)",
        ["bytesWritten"] = "bytes the device wrote (to the disk, or into guest buffers)",
        ["clipped"] = "votes the aggregator cut to a limit",
        ["commands"] = "SCMI commands the channel forwarded to the platform",
        ["costs"] = "where this actor's time went: every cost entry charged (count, busy time, delay)",
        ["ctrlAcks"] = "control-queue commands the device acknowledged VIRTIO_NET_OK",
        ["ctrlCommands"] = "control-queue commands the device served",
        ["ctrlErrors"] = "control-queue commands answered VIRTIO_NET_ERR or malformed",
        ["ctrlRefused"] = "control-queue commands the driver saw refused",
        ["cwnd"] = "congestion window of the flow (segments)",
        ["deadlineMisses"] = "display frames not scanned out by their vblank",
        ["dropped"] = "frames dropped at a full queue",
        ["energy"] = "energy the bus used over the measured window",
        ["errors"] = "malformed requests, completed with an error status",
        ["exposure"] = "guest pages the backend can reach: time mean, peak, and page-seconds reachable after the guest took them back",
        ["failedByReset"] = "requests in the ring when the driver reset the device, failed by the reset",
        ["frameLatency"] = "time from a frame's start to its scanout",
        ["frames"] = "frames the link carried",
        ["generated"] = "jobs the source generated",
        ["inFlight"] = "requests the device holds (time-weighted)",
        ["interrupts"] = "used-buffer interrupts sent (backend) or taken (driver)",
        ["interruptsCoalesced"] = "interrupts merged with one still pending on the same line or vector",
        ["interruptsIgnored"] = "interrupts the driver took with no ring to look at (before initialisation, during a reset)",
        ["interruptsPerRequest"] = "interrupts the driver took per completed request",
        ["interruptsRefused"] = "interrupts the transport would not send (before DRIVER_OK, or no vector)",
        ["kicks"] = "available-buffer notifications written (driver) or received (backend)",
        ["kicksIgnored"] = "kicks the device ignored: not DRIVER_OK, DEVICE_NEEDS_RESET, or the queue not enabled",
        ["kicksPerRequest"] = "kicks the driver wrote per completed request",
        ["latency"] = "request latency, from preparation (closed loop) or arrival (open loop) to reclaim",
        ["lateness"] = "how late a frame was scanned out",
        ["level"] = "the bus performance level set (time-weighted)",
        ["levelNotifications"] = "level-change notifications the voter received",
        ["level_changes"] = "times the aggregator changed the level",
        ["losses"] = "loss events the flow saw",
        ["lost"] = "segments the flow lost",
        ["malformed"] = "SCMI commands too long or without a header",
        ["mapStalls"] = "requests that waited for a DMA mapping (window or pool exhausted)",
        ["memory"] = "the backend's guest-memory accesses: reads, writes, bytes, refused, pages touched",
        ["messages"] = "SCMI messages the aggregator handled",
        ["notifications"] = "SCMI notifications delivered on the event queue",
        ["notificationsDropped"] = "SCMI notifications dropped with the queue of pending ones full",
        ["notifiedLevel"] = "the bus level last notified to the voter",
        ["offered"] = "open-loop arrivals",
        ["platform"] = "the platform's operations for this device: exits, hypercalls, grant operations, IPIs, IOTLB misses, copies",
        ["power"] = "the bus's power (time-weighted)",
        ["queue"] = "messages waiting for this resource (time-weighted)",
        ["reads"] = "read requests completed",
        ["received"] = "jobs that reached the sink",
        ["refused"] = "votes the aggregator refused",
        ["requests"] = "requests completed (driver: reclaimed; backend: used elements published)",
        ["resets"] = "device resets: the driver's, or (backend) the ones that found the device serving",
        ["response"] = "job response time, from generation to the sink",
        ["responses"] = "SCMI responses returned to the agent",
        ["rxBuffers"] = "receive buffers the driver posted",
        ["rxBuffersUsed"] = "receive buffers the device filled",
        ["rxBytes"] = "bytes received into the guest",
        ["rxDropped"] = "frames the device could not deliver (no buffer, link not up, queue full)",
        ["rxFrames"] = "frames received into the guest",
        ["rxLatency"] = "time from a frame's sending to its reclaim by the guest",
        ["rxPackets"] = "frames the driver reclaimed from the receive queues",
        ["rxVerified"] = "received frames whose payload the driver checked",
        ["sent"] = "segments the flow sent",
        ["served"] = "messages this resource served",
        ["skippedFrames"] = "frames the display skipped",
        ["sojourn"] = "time a message spent at this resource, waiting and served",
        ["storageBusy"] = "storage channels busy (time-weighted)",
        ["timedDropped"] = "time-sensitive frames dropped on the host path",
        ["transfer_latency"] = "time a bus transfer took",
        ["transfers"] = "bus transfers completed",
        ["transitions"] = "bus level transitions",
        ["turns"] = "turns the shared thread gave its resources",
        ["txBytes"] = "bytes the device transmitted",
        ["txDropped"] = "frames transmitted with no wire attached",
        ["txErrors"] = "malformed transmit chains",
        ["txFrames"] = "frames the device transmitted",
        ["txOtherPairs"] = "frames the driver sent on queue pairs other than the first",
        ["utilization"] = "fraction of time this resource was busy (time-weighted)",
        ["vblanks"] = "display vblanks",
        ["verifiedReads"] = "reads whose data the driver checked against what was written",
        ["votedAverage"] = "the average bandwidth the VM voted (time-weighted)",
        ["votedPeak"] = "the peak bandwidth the VM voted (time-weighted)",
        ["votes"] = "bandwidth votes the VM sent",
        ["wait"] = "time a message waited for this resource",
        ["writes"] = "write requests completed",
    };

    /// <summary>The description of the metric at <paramref name="path"/>; "" when its name is not in the glossary.</summary>
    public static string Describe(string path)
    {
        string name = path[(path.LastIndexOf('/') + 1)..];
        return Names.TryGetValue(name, out string? text) ? text : "";
    }

    /// <summary>Whether the metric at <paramref name="path"/> is described.</summary>
    public static bool Knows(string path) => Describe(path).Length > 0;
}
