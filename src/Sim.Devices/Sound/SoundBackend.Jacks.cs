using System.Buffers.Binary;
using Sim.Core.Statistics;
using Sim.Core.Time;
using Sim.Devices.Virtio.Queues;

namespace Sim.Devices.Sound;

/// <summary>
/// Jack notifications of <see cref="SoundBackend"/> (virtio 1.2, 5.14.6.5): when asked for, every jack-event period
/// from the driver's first eventq kick the device's last jack (the microphone with an input stream, else a line-out)
/// is unplugged or plugged back in, alternately; later JACK_INFO answers say so, and the device sends a
/// <c>virtio_snd_event</c> (VIRTIO_SND_EVT_JACK_DISCONNECTED or _CONNECTED, data: the jack id) in the next eventq
/// buffer the driver posted. With none posted the event is lost (<c>jackEventsLost</c>), as QEMU's would be.
/// </summary>
public sealed partial class SoundBackend
{
    /// <summary>The jack-event timer's message.</summary>
    private sealed class JackToggle;

    private readonly JackToggle _toggle = new();
    private readonly DescriptorChain _eventChain = new();
    private readonly byte[] _event = new byte[SoundLayout.Event.Size];
    private readonly SimTime _jackPeriod;
    private readonly Counter? _jackEvents, _jackEventsLost;
    private bool _toggling;

    /// <summary>Starts the jack-event clock at the driver's first eventq kick (its event buffers are posted).</summary>
    private void StartJackEvents()
    {
        if (_toggling || _jackEvents is null) return;
        _toggling = true;
        SetTimer(_toggle, _toggle, Spent + _jackPeriod);
    }

    /// <summary>A reset stops the jack-event clock; the next eventq kick starts it again.</summary>
    private void StopJackEvents()
    {
        _toggling = false;
        CancelTimer(_toggle);
    }

    /// <summary>Unplugs or plugs back the last jack and tells the driver, then sets the next toggle.</summary>
    private void ToggleJack()
    {
        if (!IsLive || !_toggling) return;
        int jack = _control.JackCount - 1;
        bool connected = !_control.IsConnected(jack);
        _control.SetConnected(jack, connected);
        SendEvent(connected ? SoundLayout.EventJackConnected : SoundLayout.EventJackDisconnected, (uint)jack);
        SetTimer(_toggle, _toggle, Spent + _jackPeriod);
        Spend(Platform.TakeAccrued());
    }

    /// <summary>Writes one <c>virtio_snd_event</c> into the next posted eventq buffer and uses it; lost when none is posted.</summary>
    private void SendEvent(uint code, uint data)
    {
        var queue = QueueFor(SoundLayout.EventQueue);
        if (queue is null || queue.IsBroken || !queue.TryPop(_eventChain))
        {
            _jackEventsLost!.Increment();
            return;
        }
        Spend(_costs.PopChain);
        long token = Platform.BeginRequest();
        BinaryPrimitives.WriteUInt32LittleEndian(_event.AsSpan(SoundLayout.Event.Hdr + SoundLayout.Hdr.Code), code);
        BinaryPrimitives.WriteUInt32LittleEndian(_event.AsSpan(SoundLayout.Event.Data), data);
        long written = _eventChain.Write(Platform.Memory, 0, _event);
        Spend(Platform.TakeAccrued() + Platform.EndRequest(token));
        if (written < 0)
        {
            queue.ReportRefusedBuffer(_eventChain);
            return;
        }
        Spend(_costs.Copy(SoundLayout.Event.Size));
        Spend(_costs.PushUsed);
        queue.PushUsed(_eventChain.Id, _eventChain.DescriptorCount, (uint)written);
        _jackEvents!.Increment();
        if (queue.InterruptNeeded()) Interrupt(queue);
    }
}
