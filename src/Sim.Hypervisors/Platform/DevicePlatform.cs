using Sim.Core.Time;
using Sim.Hypervisors.Memory;
using Sim.Hypervisors.Window;

namespace Sim.Hypervisors.Platform;

/// <summary>
/// One device's platform: a <see cref="SharingMechanism"/> and a <see cref="NotificationPath"/> behind the two views
/// device models use, <see cref="IDriverPlatform"/> for the driver and <see cref="IBackendPlatform"/> for the
/// backend. Any mechanism combines with any notification path that permits it; the device models cannot tell which.
/// </summary>
public sealed class DevicePlatform(SharingMechanism sharing, NotificationPath notification, PlatformCounters counters, ExposureMetric exposure)
    : IDriverPlatform, IBackendPlatform
{
    /// <summary>The memory-sharing mechanism.</summary>
    public SharingMechanism Sharing { get; } = sharing;

    /// <summary>The notification path.</summary>
    public NotificationPath Notification { get; } = notification;

    /// <summary>The device's hypervisor-operation counters.</summary>
    public PlatformCounters Counters { get; } = counters;

    /// <summary>The device's exposure.</summary>
    public ExposureMetric Exposure { get; } = exposure;

    /// <inheritdoc />
    public string Mechanism => Sharing.Name;

    /// <inheritdoc />
    public bool RestrictsAccess => Sharing.RestrictsAccess;

    /// <inheritdoc />
    public DmaMapResult Map(ulong guestAddress, uint length, DmaDirection direction) => Sharing.Map(guestAddress, length, direction);

    /// <inheritdoc />
    public DmaUnmapResult Unmap(in DmaBuffer buffer) => Sharing.Unmap(buffer);

    /// <inheritdoc />
    public SimTime SyncForDevice(in DmaBuffer buffer) => Sharing.SyncForDevice(buffer);

    /// <inheritdoc />
    public NotifyCost Kick(int queue) => Notification.Kick(queue);

    /// <inheritdoc />
    public SimTime TakeInterrupt() => Notification.TakeInterrupt();

    /// <inheritdoc />
    public SimTime RegisterAccesses(int count) => Notification.RegisterAccesses(count);

    /// <inheritdoc />
    public IDeviceMemory Memory => Sharing;

    /// <inheritdoc />
    public SimTime TakeAccrued() => Sharing.TakeAccrued();

    /// <inheritdoc />
    public long BeginRequest() => Sharing.BeginRequest();

    /// <inheritdoc />
    public SimTime EndRequest(long request)
    {
        Counters.Requests++;
        return Sharing.EndRequest(request);
    }

    /// <inheritdoc />
    public NotifyCost Interrupt(int queue) => Notification.Interrupt(queue);

    /// <inheritdoc />
    public SimTime WakeUp(bool asleep) => Notification.WakeUp(asleep);
}
