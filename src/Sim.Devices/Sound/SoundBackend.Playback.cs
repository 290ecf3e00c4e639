using System.Buffers.Binary;
using Sim.Core.Time;
using Sim.Devices.Virtio.Queues;

namespace Sim.Devices.Sound;

/// <summary>
/// The playback side of <see cref="SoundBackend"/> (virtio 1.2, 5.14.6.8.1): I/O messages taken from the txq onto
/// their stream's <see cref="PlaybackBuffer{T}"/>, the host audio server's period clock that plays them or underruns,
/// and the completion of each message with its <c>virtio_snd_pcm_status</c>.
/// </summary>
public sealed partial class SoundBackend
{
    /// <summary>
    /// Takes every available I/O message of the txq or the rxq (<paramref name="index"/>), kicks suppressed meanwhile
    /// (2.7.13), then interrupts for any answered at once.
    /// </summary>
    private void TakeMessages(int index)
    {
        var queue = QueueFor(index);
        if (queue is null || queue.IsBroken) return;
        var messages = new IoMessages(this, capture: index == SoundLayout.RxQueue);
        if (queue.DrainAvailable(ref messages) == DrainOutcome.Stopped) return;
        Spend(Platform.TakeAccrued());
        if (queue.InterruptNeeded()) Interrupt(queue);
    }

    /// <summary>The message the next txq pop fills (kept until a pop fills it).</summary>
    private Held NextHeld() => _nextHeld ??= _spare.TryPop(out var spare) ? spare : new Held();

    /// <summary>
    /// What a txq or rxq drain does with each popped chain, each into its own held message: a txq one is
    /// <see cref="Take"/>n, an rxq one <see cref="Post"/>ed.
    /// </summary>
    private readonly struct IoMessages(SoundBackend backend, bool capture) : IAvailableChainHandler
    {
        public DescriptorChain NextChain => backend.NextHeld().Chain;
        public bool StopBeforeWaiting => false;

        public bool Serve(IDeviceQueue queue, DescriptorChain chain)
        {
            var held = backend._nextHeld!;
            backend._nextHeld = null;
            backend.Spend(backend._costs.PopChain);
            return capture ? backend.Post(queue, held) : backend.Take(queue, held);
        }
    }

    /// <summary>
    /// Whether <paramref name="held"/>'s chain cannot be an I/O message of <paramref name="queue"/> (too short for the
    /// <c>virtio_snd_pcm_xfer</c> or the <c>virtio_snd_pcm_status</c>): then it is given back and the device needs a reset.
    /// </summary>
    private bool Malformed(Held held, string queue)
    {
        var chain = held.Chain;
        if (chain.ReadableLength >= SoundLayout.PcmXfer.Size && chain.WritableLength >= SoundLayout.PcmStatus.Size) return false;
        _spare.Push(held);
        DeviceRuleBroken(("sound-xfer-malformed", "virtio 1.2, 5.14.6.8"),
            $"{queue} chain {chain.Id}: {chain.ReadableLength} readable bytes (a virtio_snd_pcm_xfer needs {SoundLayout.PcmXfer.Size}) and {chain.WritableLength} writable (a virtio_snd_pcm_status needs {SoundLayout.PcmStatus.Size})");
        return true;
    }

    /// <summary>Reads one popped I/O message; false when the queue can go no further (a malformed or refused chain).</summary>
    private bool Take(IDeviceQueue queue, Held held)
    {
        var chain = held.Chain;
        if (Malformed(held, "txq")) return false;
        long token = Platform.BeginRequest();
        Span<byte> header = stackalloc byte[SoundLayout.PcmXfer.Size];
        if (chain.Read(Platform.Memory, 0, header) < 0) return Refused(queue, held, token);
        uint id = BinaryPrimitives.ReadUInt32LittleEndian(header[SoundLayout.PcmXfer.StreamId..]);
        long payload = chain.ReadableLength - SoundLayout.PcmXfer.Size;
        var stream = id < _streams.Length ? _streams[id] : null;
        int frame = stream?.Parameters.FrameBytes ?? 0;
        if (stream is null || stream.Info.Direction != SoundLayout.DirectionOutput || !PcmLifecycle.TakesMessages(stream.State)
            || frame == 0 || payload == 0 || payload % frame != 0 || payload > int.MaxValue)
        {
            Spend(Platform.TakeAccrued() + Platform.EndRequest(token));
            _badMessages.Increment();
            return Complete(queue, held, SoundLayout.StatusBadMsg, 0);
        }
        held.WrittenAt = null;
        for (long at = 0; at < payload; at += _pcm.Length)
        {
            int piece = (int)Math.Min(_pcm.Length, payload - at);
            if (chain.Read(Platform.Memory, SoundLayout.PcmXfer.Size + at, _pcm.AsSpan(0, piece)) < 0) return Refused(queue, held, token);
            if (at == 0 && piece >= sizeof(long)) held.WrittenAt = SimTime.FromPicoseconds(BinaryPrimitives.ReadInt64LittleEndian(_pcm));
        }
        Spend(_costs.Copy(payload));
        Spend(Platform.TakeAccrued() + Platform.EndRequest(token));
        _ioMessages.Increment();
        if (_buffers[id].Enqueue(held, (int)payload, (int)stream.Parameters.PeriodBytes))
        {
            _deadlineMisses.Increment();
            if (_starvedSince[id] is { } since) _lateness.Record(Now + Spent - since);
            _starvedSince[id] = null;
        }
        return true;
    }

    /// <summary>Stream <paramref name="s"/>'s period deadline: play a period or underrun, complete what was played, set the next deadline.</summary>
    private void Tick(int s)
    {
        var stream = _streams[s];
        if (stream.State != PcmState.Running || !IsLive) return;
        Spend(_soundCosts.BackendPeriod);
        if (_buffers[s].Tick((int)stream.Parameters.PeriodBytes, _played))
        {
            _periodsPlayed.Increment();
            var queue = QueueFor(SoundLayout.TxQueue);
            foreach (var (held, latency) in _played)
            {
                if (held.WrittenAt is { } written && written <= Now + Spent) _endToEnd.Record(Now + Spent - written);
                if (queue is null || queue.IsBroken) _spare.Push(held);
                else Complete(queue, held, SoundLayout.StatusOk, (uint)latency);
            }
            _played.Clear();
            if (queue is not null && !queue.IsBroken && queue.InterruptNeeded()) Interrupt(queue);
        }
        else
        {
            _underruns.Increment();
            _starvedSince[s] ??= Now;
        }
        long next = ++_deadline[s];
        var at = _startedAt[s] + SoundWorkload.PeriodOf(stream.Parameters) * next;
        SetTimer(_due[s], _due[s], at > Now ? at - Now : SimTime.Zero);
        // What the used-ring write itself cost (an IOTLB miss on the txq's used ring under the virtio-iommu) is the
        // backend's too: left unspent, the deadline's serve was charged more than it spent.
        Spend(Platform.TakeAccrued());
    }

    /// <summary>Writes <paramref name="status"/> and <paramref name="latencyBytes"/> into the message's status and uses it; false if the buffer was refused.</summary>
    private bool Complete(IDeviceQueue queue, Held held, uint status, uint latencyBytes)
    {
        var chain = held.Chain;
        long token = Platform.BeginRequest();
        BinaryPrimitives.WriteUInt32LittleEndian(_status.AsSpan(SoundLayout.PcmStatus.Status), status);
        BinaryPrimitives.WriteUInt32LittleEndian(_status.AsSpan(SoundLayout.PcmStatus.LatencyBytes), latencyBytes);
        long written = chain.Write(Platform.Memory, 0, _status);
        if (written < 0) return Refused(queue, held, token);
        Spend(Platform.TakeAccrued() + Platform.EndRequest(token));
        Spend(_costs.PushUsed);
        queue.PushUsed(chain.Id, chain.DescriptorCount, (uint)written);
        _spare.Push(held);
        return true;
    }

    private bool Refused(IDeviceQueue queue, Held held, long token)
    {
        Spend(Platform.TakeAccrued() + Platform.EndRequest(token));
        queue.ReportRefusedBuffer(held.Chain);
        _spare.Push(held);
        return false;
    }

    /// <summary>Drops every queued message without completing it (a reset or the txq stopped: the driver takes its buffers back).</summary>
    private void ForgetMessages()
    {
        for (int s = 0; s < _buffers.Length; s++)
        {
            _buffers[s].Drain(_flushed);
            _starvedSince[s] = null;
        }
        foreach (var held in _flushed) _spare.Push(held);
        _flushed.Clear();
    }
}
