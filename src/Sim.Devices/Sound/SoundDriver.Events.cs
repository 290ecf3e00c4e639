using System.Buffers.Binary;
using Sim.Core.Statistics;

namespace Sim.Devices.Sound;

/// <summary>
/// The jack notifications <see cref="SoundDriver"/> reads from the eventq (virtio 1.2, 5.14.6.5; Linux
/// <c>virtsnd_jack_event</c>): each used event buffer holds a <c>virtio_snd_event</c>; a VIRTIO_SND_EVT_JACK_CONNECTED
/// or _DISCONNECTED one names a jack the configuration counts (one beyond is <c>sound-event-malformed</c>) and is
/// counted in <c>jackEvents</c>; a buffer used with fewer than 8 bytes is <c>sound-event-malformed</c> too. Other
/// events (the PCM ones, which no stream here asks for) are ignored. Every buffer is posted again.
/// </summary>
public sealed partial class SoundDriver
{
    private readonly Counter? _jackEvents;
    private readonly byte[] _eventBytes = new byte[SoundLayout.Event.Size];
    private uint _configJacks;
    private bool _reportedEvent;

    /// <summary>Reads event buffer <paramref name="index"/>, used with <paramref name="written"/> bytes.</summary>
    private void OnEvent(int index, uint written)
    {
        if (written < SoundLayout.Event.Size)
        {
            ReportEventProblem($"event buffer {index} used with {written} bytes, less than an {SoundLayout.Event.Size}-byte virtio_snd_event");
            return;
        }
        Memory.Read(_layout.EventBuffer(index), _eventBytes);
        uint code = BinaryPrimitives.ReadUInt32LittleEndian(_eventBytes.AsSpan(SoundLayout.Event.Hdr + SoundLayout.Hdr.Code));
        uint data = BinaryPrimitives.ReadUInt32LittleEndian(_eventBytes.AsSpan(SoundLayout.Event.Data));
        if (code != SoundLayout.EventJackConnected && code != SoundLayout.EventJackDisconnected) return;
        if (data >= _configJacks)
        {
            ReportEventProblem($"jack event 0x{code:x} names jack {data}, the device has {_configJacks}");
            return;
        }
        _jackEvents?.Increment();
    }

    private void ReportEventProblem(string detail)
    {
        if (!_reportedEvent) ReportFinding("sound-event-malformed", detail, "virtio 1.2, 5.14.6.5");
        _reportedEvent = true;
    }
}
