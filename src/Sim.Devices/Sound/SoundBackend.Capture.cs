using System.Buffers.Binary;
using Sim.Core.Time;
using Sim.Devices.Virtio.Queues;

namespace Sim.Devices.Sound;

/// <summary>
/// The capture side of <see cref="SoundBackend"/> (virtio 1.2, 5.14.6.8.2): I/O messages the driver posts on the rxq (a
/// device-readable <c>virtio_snd_pcm_xfer</c>, then device-writable room for PCM frames and a
/// <c>virtio_snd_pcm_status</c>) wait on their stream's <see cref="CaptureBuffer{T}"/>; at the end of every period on
/// the audio server's clock (START + k + 1 periods) the oldest is filled with the period's frames and completed with
/// VIRTIO_SND_S_OK and <c>latency_bytes</c> one period (its oldest frame was captured a period before it is handed
/// over); with none posted the period is an overrun and its frames are lost. The frames are a deterministic test
/// signal (a sawtooth, the same on every channel) whose first 8 bytes carry the period's capture end (little-endian
/// picoseconds of the device clock), from which the guest measures the capture latency. A chain too short for the
/// header or the status is <c>sound-xfer-malformed</c>; a message for a stream that is not an input stream taking
/// messages, or whose room is not whole frames, is completed at once with VIRTIO_SND_S_BAD_MSG.
/// </summary>
public sealed partial class SoundBackend
{
    /// <summary>Reads one popped rxq message's header and queues it on its stream; false when the queue can go no further.</summary>
    private bool Post(IDeviceQueue queue, Held held)
    {
        var chain = held.Chain;
        if (Malformed(held, "rxq")) return false;
        long token = Platform.BeginRequest();
        Span<byte> header = stackalloc byte[SoundLayout.PcmXfer.Size];
        if (chain.Read(Platform.Memory, 0, header) < 0) return Refused(queue, held, token);
        Spend(Platform.TakeAccrued() + Platform.EndRequest(token));
        uint id = BinaryPrimitives.ReadUInt32LittleEndian(header[SoundLayout.PcmXfer.StreamId..]);
        long room = chain.WritableLength - SoundLayout.PcmStatus.Size;
        var stream = id < _streams.Length ? _streams[id] : null;
        int frame = stream?.Parameters.FrameBytes ?? 0;
        if (stream is null || stream.Info.Direction != SoundLayout.DirectionInput || !PcmLifecycle.TakesMessages(stream.State)
            || frame == 0 || room == 0 || room % frame != 0 || room > int.MaxValue)
        {
            _badMessages.Increment();
            return CompleteCapture(queue, held, SoundLayout.StatusBadMsg, 0, 0);
        }
        _ioMessages.Increment();
        _captures[id].Post(held);
        return true;
    }

    /// <summary>Stream <paramref name="s"/>'s period end: fill the oldest posted message or overrun, set the next period end.</summary>
    private void CaptureTick(int s)
    {
        var stream = _streams[s];
        if (stream.State != PcmState.Running || !IsLive) return;
        Spend(_soundCosts.BackendPeriod);
        int period = (int)stream.Parameters.PeriodBytes, frame = stream.Parameters.FrameBytes;
        var periodTime = SoundWorkload.PeriodOf(stream.Parameters);
        var end = _startedAt[s] + periodTime * (_deadline[s] + 1);
        var queue = QueueFor(SoundLayout.RxQueue);
        if (queue is not null && !queue.IsBroken && _captures[s].Tick(out var held))
        {
            int bytes = (int)Math.Min(period, held.Chain.WritableLength - SoundLayout.PcmStatus.Size);
            if (Fill(queue, held, s, bytes, frame, end) && CompleteCapture(queue, held, SoundLayout.StatusOk, (uint)period, bytes))
            {
                _periodsCaptured!.Increment();
                if (bytes < period) _framesLost!.Add((period - bytes) / frame);
                if (queue.InterruptNeeded()) Interrupt(queue);
            }
        }
        else
        {
            _overruns!.Increment();
            _framesLost!.Add(period / frame);
        }
        _capturedFrames[s] += period / frame;
        long next = ++_deadline[s] + 1;
        var at = _startedAt[s] + periodTime * next;
        SetTimer(_due[s], _due[s], at > Now ? at - Now : SimTime.Zero);
        // What the used-ring write itself cost (an IOTLB miss on the rxq's used ring, a grant map) is the backend's too.
        Spend(Platform.TakeAccrued());
    }

    /// <summary>Writes <paramref name="bytes"/> of stream <paramref name="s"/>'s test signal (marker first: the period's end <paramref name="end"/>) into the message's PCM room; false if refused.</summary>
    private bool Fill(IDeviceQueue queue, Held held, int s, int bytes, int frame, SimTime end)
    {
        long token = Platform.BeginRequest();
        long firstFrame = _capturedFrames[s];
        for (int at = 0; at < bytes; at += _pcm.Length)
        {
            int piece = Math.Min(_pcm.Length, bytes - at);
            for (int i = 0; i < piece; i += 2)
            {
                long f = firstFrame + (at + i) / frame;
                BinaryPrimitives.WriteInt16LittleEndian(_pcm.AsSpan(i), (short)((f % 128) * 512 - 32768));
            }
            if (at == 0 && piece >= sizeof(long)) BinaryPrimitives.WriteInt64LittleEndian(_pcm, end.Picoseconds);
            if (held.Chain.Write(Platform.Memory, at, _pcm.AsSpan(0, piece)) < 0) return Refused(queue, held, token);
        }
        Spend(_costs.Copy(bytes));
        Spend(Platform.TakeAccrued() + Platform.EndRequest(token));
        return true;
    }

    /// <summary>Writes the status after the message's PCM room and uses it with <paramref name="bytes"/> of frames; false if refused.</summary>
    private bool CompleteCapture(IDeviceQueue queue, Held held, uint status, uint latencyBytes, int bytes)
    {
        var chain = held.Chain;
        long token = Platform.BeginRequest();
        BinaryPrimitives.WriteUInt32LittleEndian(_status.AsSpan(SoundLayout.PcmStatus.Status), status);
        BinaryPrimitives.WriteUInt32LittleEndian(_status.AsSpan(SoundLayout.PcmStatus.LatencyBytes), latencyBytes);
        if (chain.Write(Platform.Memory, chain.WritableLength - SoundLayout.PcmStatus.Size, _status) < 0) return Refused(queue, held, token);
        Spend(Platform.TakeAccrued() + Platform.EndRequest(token));
        Spend(_costs.PushUsed);
        queue.PushUsed(chain.Id, chain.DescriptorCount, (uint)(bytes + SoundLayout.PcmStatus.Size));
        _spare.Push(held);
        return true;
    }

    /// <summary>RELEASE of an input stream: every posted message completed with no frames (5.14.6.6.5).</summary>
    private void ReleaseCapture(int stream)
    {
        _captures[stream].Drain(_flushed);
        var queue = QueueFor(SoundLayout.RxQueue);
        foreach (var held in _flushed)
        {
            if (queue is null || queue.IsBroken) _spare.Push(held);
            else CompleteCapture(queue, held, SoundLayout.StatusOk, 0, 0);
        }
        _flushed.Clear();
        if (queue is not null && queue.InterruptNeeded()) Interrupt(queue);
    }

    /// <summary>Drops every posted rxq message without completing it (a reset or the rxq stopped).</summary>
    private void ForgetCaptureMessages()
    {
        foreach (var capture in _captures) capture.Drain(_flushed);
        foreach (var held in _flushed) _spare.Push(held);
        _flushed.Clear();
    }
}
