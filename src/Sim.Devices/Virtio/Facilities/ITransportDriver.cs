namespace Sim.Devices.Virtio.Facilities;

/// <summary>
/// The driver's half of a virtio transport, whatever it is (virtio 1.2, 4.1 virtio over PCI, 4.2 virtio over MMIO):
/// device discovery and the initialisation sequence of 3.1.1, configuration reads with the generation loop of 2.5.1,
/// available-buffer notifications (2.9) and taking a used-buffer interrupt. Every access that reaches the device's
/// registers is counted in <see cref="Accesses"/>, since under a hypervisor each one is a trap the platform charges.
/// Device models never name a transport: they are given one of these.
/// </summary>
public interface ITransportDriver
{
    /// <summary>The transport's name as scenarios spell it (<c>mmio</c>, <c>pci</c>).</summary>
    string Name { get; }

    /// <summary>Trapped register accesses (reads and writes) made so far.</summary>
    long Accesses { get; }

    /// <summary>
    /// Whether each used-buffer interrupt names its queue (MSI-X, one vector per queue), so that taking it reads no
    /// register; false when the driver must read and acknowledge an interrupt status first (virtio-mmio, PCI INTx).
    /// </summary>
    bool MessageSignalled { get; }

    /// <summary>The virtio device type (virtio 1.2, 5), read from the device (counted).</summary>
    uint ReadDeviceType();

    /// <summary>Brings the device up: reset, ACKNOWLEDGE, DRIVER, features, FEATURES_OK, queues (and interrupt vectors), DRIVER_OK.</summary>
    TransportInitResult Initialize(TransportInitRequest request);

    /// <summary>
    /// Resets the device (virtio 1.2, 2.4): writes 0 to the device status and, on virtio-pci, reads it back until it reads
    /// 0 (4.1.4.3.2). Every queue is gone; the driver brings the device up again with <see cref="Initialize"/>. False when
    /// the device never read back 0 (PCI) or has no status to write (no device found yet).
    /// </summary>
    bool Reset();

    /// <summary>
    /// Resets queue <paramref name="queue"/> alone (VIRTIO_F_RING_RESET, 2.6.1): selects it and writes 1 to its reset
    /// register (4.1.4.3 queue_reset, 4.2.2 QueueReset), then reads it back until 0 where the transport says so. The
    /// device reports the write as a violation when the feature was not negotiated. False when the queue never
    /// read back as reset.
    /// </summary>
    bool ResetQueue(int queue);

    /// <summary>
    /// Reads configuration fields consistently (2.5.1): the generation, the fields with <paramref name="readFields"/>, the
    /// generation again, retried while it changed, at most <paramref name="maxAttempts"/> times.
    /// </summary>
    ConfigSnapshot<T> ReadConfig<T>(Func<IConfigReader, T> readFields, int maxAttempts = 16);

    /// <summary>
    /// Writes the low <paramref name="width"/> bytes (1, 2 or 4) of <paramref name="value"/> to the device-specific
    /// configuration at <paramref name="offset"/> (4.1.4.3 / 4.2.2: a writable field such as virtio-input's select and
    /// subsel, 5.8.4). The device may change other fields in answer (<see cref="ITransportDevice.ConfigWritten"/>).
    /// </summary>
    void WriteConfig(int offset, int width, uint value);

    /// <summary>
    /// Writes an available-buffer notification (its queue) to the device (4.1.5.2 or 4.2.3.3; with
    /// VIRTIO_F_NOTIFICATION_DATA negotiated, <paramref name="notification"/>'s data as well). Whether the device takes it
    /// is the device's business: an accepted notification is raised by <see cref="ITransportDevice.Notified"/>.
    /// </summary>
    void Notify(QueueNotification notification);

    /// <summary>
    /// Takes a used-buffer interrupt on <paramref name="vector"/> (4.1.5.4 or 4.2.3.4): with MSI-X nothing is read and the
    /// vector names its queue; with INTx the ISR status is read (which clears it); on virtio-mmio InterruptStatus is read
    /// and acknowledged. Says whether a used-buffer event was reported and for which queue.
    /// </summary>
    TakenInterrupt TakeInterrupt(int vector);
}

/// <summary>What a driver learnt from taking one interrupt. Plain data.</summary>
/// <param name="UsedBuffers">Whether a used-buffer event was reported (a configuration change alone is not one).</param>
/// <param name="Queue">The queue whose vector it was, or <see cref="EveryQueue"/> when the interrupt is shared by every queue.</param>
public readonly record struct TakenInterrupt(bool UsedBuffers, int Queue)
{
    /// <summary>The interrupt may concern any queue (one line, or a vector shared by all queues).</summary>
    public const int EveryQueue = -1;

    /// <summary>Whether the driver must look at queue <paramref name="queue"/>.</summary>
    public bool Concerns(int queue) => UsedBuffers && (Queue == EveryQueue || Queue == queue);

    /// <summary>Whether the driver must look at queues other than <paramref name="queue"/>.</summary>
    public bool ConcernsOtherThan(int queue) => UsedBuffers && Queue != queue;
}
