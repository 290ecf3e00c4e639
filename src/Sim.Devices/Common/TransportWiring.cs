using Sim.Core.Actors;
using Sim.Devices.Virtio.Facilities;

namespace Sim.Devices.Common;

/// <summary>
/// What a <see cref="VirtioBackend"/> is given when it is built (<see cref="VirtioTransport.ForBackend"/>): the driver's
/// vCPU it interrupts and hears the register writes from (a ref, reserved when the driver is added after the backend;
/// the register file is the driver side's, the backend keeps its own <see cref="DeviceRegisterView"/>, virtio 1.2, 4.1
/// and 4.2), and its port on the interconnect.
/// </summary>
/// <param name="Driver">The guest vCPU to interrupt.</param>
/// <param name="Bus">Where the device's DMA goes on the interconnect; null when the scenario has no bus.</param>
public sealed record BackendWiring(ActorRef Driver, BusPort? Bus = null);

/// <summary>
/// What a <see cref="VirtioDriver"/> is given when it is built (<see cref="VirtioTransport.ForDriver"/>): the transport
/// it initialises and notifies, and the backend that accepted notifications, device resets and queue stops reach.
/// </summary>
/// <param name="Transport">Both sides of the device's transport.</param>
/// <param name="Backend">The backend to kick.</param>
public sealed record DriverWiring(VirtioTransport Transport, ActorRef Backend);
