using System.Buffers.Binary;
using Sim.Core.Actors;
using Sim.Devices.Scmi;
using Sim.Interconnect.Aggregation;
using Sim.Devices.Scmi.Protocol;

namespace Sim.Scenarios.Tests.Scmi;

/// <summary>An SCMI agent (agent 1) that sends given encoded commands to its channel at once and records what comes back.</summary>
internal sealed class ScmiProbeAgent(ActorRef channel, byte[][] commands) : Actor
{
    public List<(ushort Token, ScmiStatus Status, uint Level)> Responses { get; } = [];

    public List<byte[]> Empty { get; } = [];

    public List<uint> Notifications { get; } = [];

    protected override void OnStart()
    {
        foreach (var command in commands) Send(channel, new ScmiCommandMessage(1, command, Self));
    }

    protected override void Receive(object message, ActorRef sender)
    {
        switch (message)
        {
            case ScmiResponseMessage { Message.Length: 0 } response:
                Empty.Add(response.Message);
                break;
            case ScmiResponseMessage response:
                Assert.True(ScmiMessage.TrySplit(response.Message, out var header, out var payload));
                var status = (ScmiStatus)BinaryPrimitives.ReadInt32LittleEndian(payload);
                uint level = header.MessageId == (byte)ScmiPerfMessageId.LevelGet && payload.Length >= 8 ? BinaryPrimitives.ReadUInt32LittleEndian(payload[4..]) : 0;
                Responses.Add((header.Token, status, level));
                break;
            case ScmiNotificationMessage notification:
                Assert.True(ScmiMessage.TrySplit(notification.Message, out var nheader, out var npayload));
                Assert.Equal(PerfLevelChangedNotification.Header, nheader);
                Notifications.Add(PerfLevelChangedNotification.DecodePayload(npayload)!.PerformanceLevel);
                break;
            default:
                throw new ArgumentException($"probe got an unexpected {message.GetType().Name}", nameof(message));
        }
    }
}
