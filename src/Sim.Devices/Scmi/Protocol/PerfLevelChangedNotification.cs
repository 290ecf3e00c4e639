using System.Buffers.Binary;
using L = Sim.Devices.Scmi.Protocol.ScmiPerfLayout.LevelChanged;

namespace Sim.Devices.Scmi.Protocol;

/// <summary>
/// The PERFORMANCE_LEVEL_CHANGED notification (Arm DEN0056, 4.5, notifications; Linux
/// <c>scmi_perf_level_notify_payld</c>): message id <see cref="ScmiPerfNotificationId.LevelChanged"/>, type
/// <see cref="ScmiMessageType.Notification"/>, protocol 0x13; payload agent_id, domain_id, performance_level (no
/// status word).
/// </summary>
/// <param name="AgentId">The agent whose request caused the change (as SCP-firmware fills it: the requester).</param>
/// <param name="Domain">The performance domain.</param>
/// <param name="PerformanceLevel">The new level.</param>
public sealed record PerfLevelChangedNotification(uint AgentId, uint Domain, uint PerformanceLevel)
{
    /// <summary>The header notifications carry: token 0, as the platform has no agent token to echo.</summary>
    public static readonly ScmiHeader Header = new(
        (byte)ScmiPerfNotificationId.LevelChanged, ScmiMessageType.Notification, ScmiPerfLayout.ProtocolId, 0);

    /// <summary>The 12 payload bytes.</summary>
    public byte[] EncodePayload()
    {
        var bytes = new byte[L.Size];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(L.AgentId), AgentId);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(L.Domain), Domain);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(L.PerformanceLevel), PerformanceLevel);
        return bytes;
    }

    /// <summary>The whole event-queue message: <see cref="Header"/> then the payload (virtio 1.2, 5.17.6.2).</summary>
    public byte[] EncodeMessage() => ScmiMessage.Compose(Header, EncodePayload());

    /// <summary>Decodes a payload; null when it is not exactly <see cref="ScmiPerfLayout.LevelChanged.Size"/> bytes.</summary>
    public static PerfLevelChangedNotification? DecodePayload(ReadOnlySpan<byte> payload) =>
        payload.Length != L.Size ? null : new(
            BinaryPrimitives.ReadUInt32LittleEndian(payload[L.AgentId..]),
            BinaryPrimitives.ReadUInt32LittleEndian(payload[L.Domain..]),
            BinaryPrimitives.ReadUInt32LittleEndian(payload[L.PerformanceLevel..]));
}
