namespace Sim.Devices.Scmi.Protocol;

/// <summary>
/// The message type field of an SCMI message header, bits [9:8] (Arm DEN0056, 4.1.2 "Message header format";
/// Linux <c>drivers/firmware/arm_scmi/common.h</c>, <c>MSG_TYPE_*</c>). Value 1 is reserved.
/// </summary>
public enum ScmiMessageType : byte
{
    /// <summary>A command from an agent, and its synchronous response (type 0).</summary>
    Command = 0,

    /// <summary>A delayed response to an asynchronous command (type 2).</summary>
    DelayedResponse = 2,

    /// <summary>A platform-to-agent notification (type 3).</summary>
    Notification = 3,
}
