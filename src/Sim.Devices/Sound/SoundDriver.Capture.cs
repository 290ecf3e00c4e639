using System.Buffers.Binary;
using Sim.Core.Statistics;
using Sim.Core.Time;
using Sim.Devices.Virtio.Queues;
using Sim.Hypervisors.Platform;

namespace Sim.Devices.Sound;

/// <summary>
/// The capture side of <see cref="SoundDriver"/> (virtio 1.2, 5.14.6.8.2): for each input stream, every period of its
/// buffer is an rxq I/O message posted before START (Linux <c>virtsnd_pcm_msg_send</c> at the trigger): a
/// device-readable <c>virtio_snd_pcm_xfer</c> naming the stream, then device-writable room for a period of PCM bytes
/// and a <c>virtio_snd_pcm_status</c> (two mappings: the header to the device, the room and status from it). When the
/// device uses one, the application reads the period (<c>sound.guest.period</c> and the copy) and the driver posts the
/// message again; the captured bytes' first 8 carry the period's capture end on the device clock, so
/// <c>captureLatency</c> is from then to the application having the period. A message used with fewer bytes than a
/// status is <c>sound-status-short</c>; a status other than VIRTIO_SND_S_OK counts in <c>xferErrors</c>.
/// </summary>
public sealed partial class SoundDriver
{
    private readonly DmaBuffer[] _rxXfers, _rxData;
    private readonly Queue<int> _unpostedCaptures = new();
    private readonly byte[] _rxHeader = new byte[SoundLayout.PcmXfer.Size];
    private readonly byte[] _marker = new byte[sizeof(long)];
    private readonly LatencyHistogram? _captureLatency;

    /// <summary>Posts every period of input stream <paramref name="capture"/> (0 for the first input stream) on the rxq.</summary>
    private void PostCaptureBuffers(int capture)
    {
        for (int p = 0; p < _workload.Periods; p++) PostCapture(capture * _workload.Periods + p);
        KickIfNeeded(SoundLayout.RxQueue);
    }

    /// <summary>Posts rxq message <paramref name="slot"/>; one that cannot be posted now waits for the next interrupt.</summary>
    private void PostCapture(int slot)
    {
        int stream = _workload.Streams + slot / _workload.Periods;
        ulong message = _layout.RxMessage(slot), room = message + SoundLayout.PcmXfer.Size;
        uint roomBytes = (uint)(_layout.RxStatus(slot) + SoundLayout.PcmStatus.Size - room);
        BinaryPrimitives.WriteUInt32LittleEndian(_rxHeader.AsSpan(SoundLayout.PcmXfer.StreamId), (uint)stream);
        Memory.Write(message, _rxHeader);
        var status = TryMap(message, SoundLayout.PcmXfer.Size, DmaDirection.ToDevice, out _rxXfers[slot]);
        if (status != DmaMapStatus.Mapped)
        {
            if (status == DmaMapStatus.Exhausted) _unpostedCaptures.Enqueue(slot);
            return;
        }
        status = TryMap(room, roomBytes, DmaDirection.FromDevice, out _rxData[slot]);
        if (status != DmaMapStatus.Mapped)
        {
            Unmap(_rxXfers[slot]);
            if (status == DmaMapStatus.Exhausted) _unpostedCaptures.Enqueue(slot);
            return;
        }
        ulong data = _rxData[slot].DmaAddress;
        ulong statusAt = data + (_layout.RxStatus(slot) - room);
        Spend(Costs.AddChain);
        if (Queues[SoundLayout.RxQueue].TryAdd([new BufferSpec(_rxXfers[slot].DmaAddress, SoundLayout.PcmXfer.Size)],
            [new BufferSpec(data, (uint)_workload.CapturePeriodBytes), new BufferSpec(statusAt, SoundLayout.PcmStatus.Size)], slot)) return;
        Unmap(_rxXfers[slot]);
        Unmap(_rxData[slot]);
        _unpostedCaptures.Enqueue(slot);
    }

    /// <summary>Reclaims every used rxq message (the application reads it, the driver posts it again), then posts what waited.</summary>
    private void ReclaimCapture()
    {
        if (_layout.CaptureSlots == 0) return;
        var captured = new CapturedPeriods(this);
        Queues[SoundLayout.RxQueue].ReclaimUsed(ref captured);
        if (!_failed)
            for (int n = _unpostedCaptures.Count; n > 0; n--) PostCapture(_unpostedCaptures.Dequeue());
        KickIfNeeded(SoundLayout.RxQueue);
    }

    /// <summary>What the rxq's reclaim does with a used message: <see cref="OnCaptured"/>.</summary>
    private readonly struct CapturedPeriods(SoundDriver driver) : IUsedBufferHandler
    {
        public void Reclaim(long token, uint written) => driver.OnCaptured((int)token, written);
    }

    private void OnCaptured(int slot, uint written)
    {
        Spend(Costs.ReclaimChain);
        Unmap(_rxXfers[slot]);
        Unmap(_rxData[slot]);
        if (written < SoundLayout.PcmStatus.Size)
        {
            _xferErrors.Increment();
            if (!_reportedShort)
                ReportFinding("sound-status-short", $"rxq message {slot} used with {written} bytes, less than a {SoundLayout.PcmStatus.Size}-byte virtio_snd_pcm_status", "virtio 1.2, 5.14.6.8");
            _reportedShort = true;
        }
        else
        {
            Memory.Read(_layout.RxStatus(slot), _status);
            long bytes = Math.Min(written - SoundLayout.PcmStatus.Size, _workload.CapturePeriodBytes);
            if (BinaryPrimitives.ReadUInt32LittleEndian(_status.AsSpan(SoundLayout.PcmStatus.Status)) != SoundLayout.StatusOk) _xferErrors.Increment();
            else if (bytes > 0)
            {
                Spend(_soundCosts.GuestPeriod);
                Spend(Costs.Copy(bytes));
                if (bytes >= sizeof(long))
                {
                    Memory.Read(_layout.RxMessage(slot) + SoundLayout.PcmXfer.Size, _marker);
                    var end = SimTime.FromPicoseconds(BinaryPrimitives.ReadInt64LittleEndian(_marker));
                    if (end <= Now + Spent) _captureLatency!.Record(Now + Spent - end);
                }
            }
        }
        if (!_failed) PostCapture(slot);
    }
}
