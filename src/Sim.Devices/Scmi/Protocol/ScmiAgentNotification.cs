namespace Sim.Devices.Scmi.Protocol;

/// <summary>A notification message to be written into a buffer of one agent's virtio-scmi event queue (virtio 1.2, 5.17.6.2).</summary>
/// <param name="Agent">The agent (VM channel) to deliver it to.</param>
/// <param name="Message">The whole message: SCMI header, then payload.</param>
public sealed record ScmiAgentNotification(int Agent, byte[] Message);
