using Sim.Core.Actors;
using Sim.Devices.Virtio.Facilities;

namespace Sim.Devices.Common;

/// <summary>
/// What a <see cref="VirtioBackend"/> is given when it is built (<see cref="VirtioTransport.ForBackend"/>): the
/// register file it raises interrupts and DEVICE_NEEDS_RESET through, the driver's vCPU it interrupts (a ref, reserved
/// when the driver is added after the backend), and its port on the interconnect.
/// </summary>
/// <param name="Registers">The device's side of the transport.</param>
/// <param name="Driver">The guest vCPU to interrupt.</param>
/// <param name="Bus">Where the device's DMA goes on the interconnect; null when the scenario has no bus.</param>
public sealed record BackendWiring(ITransportDevice Registers, ActorRef Driver, BusPort? Bus = null);

/// <summary>
/// What a <see cref="VirtioDriver"/> is given when it is built (<see cref="VirtioTransport.ForDriver"/>): the transport
/// it initialises and notifies, and the backend that accepted notifications, device resets and queue stops reach.
/// </summary>
/// <param name="Transport">Both sides of the device's transport.</param>
/// <param name="Backend">The backend to kick.</param>
public sealed record DriverWiring(VirtioTransport Transport, ActorRef Backend);
