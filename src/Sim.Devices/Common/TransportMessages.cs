namespace Sim.Devices.Common;

/// <summary>
/// A driver's notification that a queue has new available buffers, as the backend receives it (after the trap or the
/// ioeventfd signal). One shared instance per queue index, so kicks allocate nothing.
/// </summary>
public sealed class QueueKick
{
    private static readonly QueueKick[] Cache = Enumerable.Range(0, 64).Select(i => new QueueKick(i)).ToArray();

    private QueueKick(int queue) => Queue = queue;

    /// <summary>The queue index.</summary>
    public int Queue { get; }

    /// <summary>The kick for queue <paramref name="queue"/>.</summary>
    public static QueueKick For(int queue) => queue < Cache.Length ? Cache[queue] : new QueueKick(queue);

    /// <inheritdoc />
    public override string ToString() => $"QueueKick({Queue})";
}

/// <summary>
/// A used-buffer interrupt as the guest vCPU receives it, on its line or MSI-X vector (virtio-mmio and PCI INTx: one line,
/// vector 0; virtio-pci with MSI-X: the queue's vector), injected through irqfd or an event channel. One shared instance
/// per vector.
/// </summary>
public sealed class UsedBufferInterrupt
{
    private static readonly UsedBufferInterrupt[] Cache = Enumerable.Range(0, 64).Select(i => new UsedBufferInterrupt(i)).ToArray();

    private UsedBufferInterrupt(int vector) => Vector = vector;

    /// <summary>The line or MSI-X vector.</summary>
    public int Vector { get; }

    /// <summary>The interrupt on <paramref name="vector"/>.</summary>
    public static UsedBufferInterrupt For(int vector) => vector < Cache.Length ? Cache[vector] : new UsedBufferInterrupt(vector);

    /// <inheritdoc />
    public override string ToString() => $"UsedBufferInterrupt({Vector})";
}

/// <summary>
/// The driver stopped the device or one of its queues through the transport's registers, as the backend hears of it: a
/// device reset (the status write of 0, virtio 1.2, 2.4; 4.1.4.3.1 and 4.2.2.1) or a queue reset or disable (virtio 1.2,
/// 2.6.1 VIRTIO_F_RING_RESET; virtio-mmio QueueReady = 0, 4.2.2). The VMM stops the backend while it handles the
/// trapped write, so the notice reaches the backend at the write's time; the backend then drops what it held of the
/// device or queue and touches none of its memory again until the driver sets the queue up anew. One shared instance
/// for the device and per queue index.
/// </summary>
public sealed class TransportStop
{
    private static readonly TransportStop[] Cache = Enumerable.Range(0, 64).Select(i => new TransportStop(i)).ToArray();

    private TransportStop(int queue) => Queue = queue;

    /// <summary>The queue stopped, or <see cref="WholeDevice"/> for a device reset.</summary>
    public int Queue { get; }

    /// <summary>The <see cref="Queue"/> of a device reset.</summary>
    public const int WholeDevice = -1;

    /// <summary>A device reset: every queue, mapping and pending request is dropped.</summary>
    public static readonly TransportStop Device = new(WholeDevice);

    /// <summary>Queue <paramref name="queue"/> stopped (queue reset, or QueueReady = 0 on virtio-mmio).</summary>
    public static TransportStop OfQueue(int queue) => queue < Cache.Length ? Cache[queue] : new TransportStop(queue);

    /// <inheritdoc />
    public override string ToString() => Queue == WholeDevice ? "TransportStop(device)" : $"TransportStop({Queue})";
}

/// <summary>
/// The backend has stopped after a device reset (<see cref="TransportStop.Device"/>): it holds no queue, request or
/// per-request mapping of the device any more. The VMM's handling of the reset write ends here, so a driver that reset
/// the device goes on (unmaps what was in its rings, sets the device up again) only once this arrives.
/// </summary>
public sealed class TransportStopped
{
    private TransportStopped() { }

    /// <summary>The one instance.</summary>
    public static readonly TransportStopped Instance = new();

    /// <inheritdoc />
    public override string ToString() => "TransportStopped";
}
