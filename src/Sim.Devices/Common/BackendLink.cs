using Sim.Core.Time;
using Sim.Devices.Virtio.Facilities;

namespace Sim.Devices.Common;

/// <summary>
/// The driver's side of a transport's register file (virtio 1.2, 4.1 virtio over PCI, 4.2 virtio over MMIO) and how the
/// backend hears of it: the register file belongs to the actor whose vCPU traps on it (the driver); every accepted write
/// the device must act on reaches the backend as a message (a notification as <see cref="QueueKick"/> after the
/// platform's delay; a status write, a queue enabled, a device or queue stop and an interrupt acknowledge at the
/// access's time, handled by the backend at once), and what only the device sets reaches the register file from the
/// backend's messages (the used-buffer interrupt delivered, DEVICE_NEEDS_RESET). So no object is touched by both actors.
/// </summary>
internal sealed class BackendLink
{
    private readonly ITransportDevice _device;
    private readonly Action<object, SimTime> _tell;
    /// <summary>
    /// Links <paramref name="device"/> to the backend reached with <paramref name="tell"/> (message, delay); a notification
    /// travels for <paramref name="kickDelay"/> (read when the device accepts it; zero when null).
    /// </summary>
    public BackendLink(ITransportDevice device, Action<object, SimTime> tell, Func<SimTime>? kickDelay = null)
    {
        _device = device ?? throw new ArgumentNullException(nameof(device));
        _tell = tell ?? throw new ArgumentNullException(nameof(tell));
        device.Notified += n => _tell(QueueKick.For(n.Queue), kickDelay?.Invoke() ?? SimTime.Zero);
        device.DeviceReset += () => _tell(TransportStop.Device, SimTime.Zero);
        device.QueueDisabled += q => _tell(TransportStop.OfQueue(q), SimTime.Zero);
        device.StatusChanged += (_, after) => _tell(new DriverStatusWritten(after, device.NegotiatedFeatures, device.ConfigChangeVector), SimTime.Zero);
        device.QueueEnabled += (q, config) => _tell(new QueueEnabledNotice(q, config, device.UsedBufferVector(q)), SimTime.Zero);
    }

    /// <summary>The backend's used-buffer interrupt on <paramref name="vector"/> reached the guest: the register file shows it.</summary>
    public void Delivered(int vector) => _device.UsedBuffersDelivered(vector);

    /// <summary>The driver took the interrupt on <paramref name="vector"/>: the backend hears of the acknowledge at once.</summary>
    public void Acknowledged(int vector) => _tell(InterruptAcknowledged.For(vector), SimTime.Zero);

    /// <summary>The device set DEVICE_NEEDS_RESET: the register file shows it.</summary>
    public void NeedsReset() => _device.SetNeedsReset();
}
