namespace Sim.Devices.Transport;

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
