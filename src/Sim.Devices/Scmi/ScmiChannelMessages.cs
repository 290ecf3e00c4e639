using Sim.Core.Actors;
using Sim.Devices.Scmi.Protocol;

namespace Sim.Devices.Scmi;

/// <summary>
/// One SCMI message travelling on an agent's channel to the platform (a VM's virtio-scmi command queue, or a further
/// mailbox to a power controller): the encoded header and payload, the agent it comes from (the channel identifies it,
/// virtio 1.2, 5.17) and where the response goes.
/// </summary>
/// <param name="Agent">The agent (VM) the channel belongs to.</param>
/// <param name="Message">SCMI header and payload, little-endian.</param>
/// <param name="ReplyTo">Where the response (and, for this agent, notifications) are sent.</param>
public sealed record ScmiCommandMessage(int Agent, byte[] Message, ActorRef ReplyTo);

/// <summary>The platform's response to an <see cref="ScmiCommandMessage"/>: SCMI header, status and return values.</summary>
/// <param name="Message">The encoded response.</param>
public sealed record ScmiResponseMessage(byte[] Message);

/// <summary>A notification from the platform on an agent's channel (the virtio-scmi event queue): SCMI header and payload.</summary>
/// <param name="Message">The encoded notification (e.g. PERFORMANCE_LEVEL_CHANGED).</param>
public sealed record ScmiNotificationMessage(byte[] Message);
