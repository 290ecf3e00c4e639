using Sim.Core.Time;
using Sim.Devices.I2c;

namespace Sim.Scenarios.Model;

/// <summary>A virtio-i2c adapter (virtio 1.2, 5.16): ring options, queue size, the bus behind it, the guest's polls, sharing.</summary>
/// <param name="Name">The device's name within its guest.</param>
/// <param name="Packed">Ask for VIRTIO_F_RING_PACKED.</param>
/// <param name="EventIdx">Ask for VIRTIO_RING_F_EVENT_IDX.</param>
/// <param name="QueueSize">Entries in the requestq.</param>
/// <param name="Speed">The bus's speed mode.</param>
/// <param name="Sensors">The temperature sensors on the bus: 7-bit address and clock stretching per data byte.</param>
/// <param name="Workload">The guest's periodic polls.</param>
/// <param name="Sharing">How the backend reaches guest memory and where it runs.</param>
public sealed record I2cDeviceModel(string Name, bool Packed, bool EventIdx, ushort QueueSize, I2cBusSpeed Speed,
    IReadOnlyList<(byte Address, SimTime Stretch)> Sensors, I2cWorkload Workload, SharingModel Sharing)
{
    /// <summary>A new bus with this model's sensors (one per backend: the bus is the backend's own state).</summary>
    public I2cBus BuildBus() => new(Speed, Sensors.Select(s => new I2cTemperatureSensor(s.Address, s.Stretch)));
}
