using Sim.Core.Time;
using Sim.Devices.Virtio;
using Sim.Devices.Virtio.Facilities;
using Sim.Devices.Virtio.Queues;
using Sim.Hypervisors.Memory;
using Sim.Hypervisors.Platform;

namespace Sim.Devices.Common;

/// <summary>
/// A <see cref="VirtioDriver"/>'s side of its transport's registers (virtio-pci or virtio-mmio, <see cref="ITransportDriver"/>):
/// every register access is a trapped exit whose cost the platform sets (<see cref="IDriverPlatform.RegisterAccesses"/>)
/// and the driver's vCPU spends; initialisation asks for VIRTIO_F_ACCESS_PLATFORM when the platform restricts the
/// device's reach (virtio 1.2, 6.1), and builds the driver's view of every queue set up, its ring areas declared as
/// guest memory regions; a reset's re-initialisation starts from rings cleared in place (a driver allocates them
/// zeroed, at the same guest addresses). Owned by one driver and used only in its turns: it holds no actor state.
/// </summary>
internal sealed class TransportSession(ITransportDriver transport, IDriverPlatform platform, GuestMemory memory, Action<SimTime> spend)
{
    private IReadOnlyList<QueueConfig> _configs = [];

    /// <summary>Every queue set up, by index, once initialised (empty before and after <see cref="ClearRings"/>).</summary>
    public IReadOnlyList<IDriverQueue> Queues { get; private set; } = [];

    /// <summary>Runs <paramref name="access"/> on the transport and spends the register accesses it made.</summary>
    public T Charged<T>(Func<ITransportDriver, T> access)
    {
        long before = transport.Accesses;
        T value = access(transport);
        spend(platform.RegisterAccesses((int)(transport.Accesses - before)));
        return value;
    }

    /// <summary>When the platform delivers the notification being written (read while <see cref="Kick"/> writes it).</summary>
    public SimTime KickDelivery { get; private set; }

    /// <summary>
    /// Writes queue <paramref name="queue"/>'s notification register (virtio 1.2, 2.7.13), spending the platform's kick
    /// cost around the write; the device hears of it during the write (<see cref="BackendLink"/>), when
    /// <see cref="KickDelivery"/> is already set.
    /// </summary>
    public void Kick(int queue)
    {
        var kick = platform.Kick(queue);
        spend(kick.SenderTime);
        KickDelivery = kick.Delivery;
        transport.Notify(new QueueNotification((ushort)queue));
        spend(kick.SenderAfter);
    }

    /// <summary>
    /// Initialises the device asking for <paramref name="wanted"/> and needing <paramref name="required"/> (plus
    /// VIRTIO_F_ACCESS_PLATFORM when the platform restricts access); on success builds the queues, the one at
    /// <paramref name="requestQueue"/> with the indirect area, and declares their areas under <paramref name="regionPath"/>.
    /// </summary>
    public TransportInitResult Initialize(ulong wanted, ulong required, IReadOnlyList<QueueSetup> setups, int requestQueue, ulong indirectArea, int maxIndirectEntries, string regionPath)
    {
        if (platform.RestrictsAccess)
        {
            wanted |= VirtioFeatures.AccessPlatform;
            required |= VirtioFeatures.AccessPlatform;
        }
        var result = transport.Initialize(new TransportInitRequest(wanted, setups, NeededFeatures: required & wanted));
        spend(platform.RegisterAccesses((int)result.RegisterAccesses));
        if (!result.Success) return result;
        var queues = new IDriverQueue[result.Queues.Count];
        for (int i = 0; i < queues.Length; i++)
        {
            queues[i] = Virtqueues.CreateDriver(memory, result.Queues[i], i == requestQueue ? indirectArea : 0, i == requestQueue ? maxIndirectEntries : 0);
            foreach (var (part, kind, start, length) in result.Queues[i].Areas()) memory.DeclareRegion($"{regionPath}/q{i}/{part}", kind, start, length);
        }
        if (requestQueue >= queues.Length) throw new InvalidOperationException($"requests travel on queue {requestQueue}, but only {queues.Length} were set up");
        Queues = queues;
        _configs = result.Queues;
        return result;
    }

    /// <summary>Zeroes every ring area set up and forgets the queues (after a reset, before initialising again).</summary>
    public void ClearRings()
    {
        foreach (var config in _configs)
            foreach (var (_, _, start, length) in config.Areas()) memory.Fill(start, length, 0);
        Queues = [];
        _configs = [];
    }
}
