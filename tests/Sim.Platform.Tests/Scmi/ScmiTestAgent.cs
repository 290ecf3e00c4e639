using System.Buffers.Binary;
using Sim.Core.Actors;
using Sim.Core.Time;
using Sim.Devices.Scmi;
using Sim.Interconnect.Aggregation;
using Sim.Devices.Scmi.Protocol;

namespace Sim.Platform.Tests.Scmi;

/// <summary>A tiny VM: sends its encoded SCMI commands to the platform at given times and records what comes back, with the arrival time.</summary>
internal sealed class ScmiTestAgent(int agent, ActorRef platform, params (SimTime At, byte[] Message)[] plan) : Actor
{
    public List<(SimTime At, ushort Token, ScmiStatus Status)> Responses { get; } = [];

    public List<(SimTime At, PerfLevelChangedNotification Notification)> Notifications { get; } = [];

    protected override void OnStart()
    {
        foreach (var (at, message) in plan) Send(platform, new ScmiCommandMessage(agent, message, Self), at);
    }

    protected override void Receive(object message, ActorRef sender)
    {
        switch (message)
        {
            case ScmiResponseMessage response:
                Assert.True(ScmiMessage.TrySplit(response.Message, out var header, out var payload));
                Assert.Equal(ScmiMessageType.Command, header.Type);
                Responses.Add((Now, header.Token, (ScmiStatus)BinaryPrimitives.ReadInt32LittleEndian(payload)));
                break;
            case ScmiNotificationMessage notification:
                Assert.True(ScmiMessage.TrySplit(notification.Message, out var nheader, out var npayload));
                Assert.Equal(PerfLevelChangedNotification.Header, nheader);
                Notifications.Add((Now, PerfLevelChangedNotification.DecodePayload(npayload)!));
                break;
            default:
                throw new ArgumentException($"agent {agent} got an unexpected {message.GetType().Name}", nameof(message));
        }
    }
}
